"""A small relevance set over the demo corpus: queries in the six languages, each with the
record a person searching would expect first. Its figure (how many come first, and the mean
reciprocal rank) is checked by a test and reported in BENCHMARKS.md by bench/library_search.py,
so a change to analysis or ranking that makes results worse shows up as a number."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ctassist.library.search import SearchBackend

# (query, the id that must come first). Written by reading the demo corpus (data/), not by
# copying what the engine returned: several name a record in another wording or inflection.
RELEVANCE_SET: tuple[tuple[str, str], ...] = (
    ("terrorism prevention act", "demo-leg-nga-2013"),
    ("prevention of terrorism act kenya", "demo-leg-ken-2012"),
    ("2022 version prohibition", "demo-leg-nga-2022"),
    ("electronic evidence", "demo-pub-e-evidence-guide"),
    ("gender", "demo-bib-gender-handbook"),
    ("Republic v. Y", "demo-case-ken-2018-01"),
    ("lutte contre le terrorisme", "demo-leg-fra-2014"),
    ("Ministère public", "demo-case-ner-2019-01"),
    ("plan d'action national", "demo-strategy-ner-2019"),
    ("preuve électronique 24/7", "demo-auth-fra-24-7"),
    ("actes de terrorisme code pénal", "demo-leg-ner-2008"),
    ("Código Penal terrorismo", "demo-leg-esp-2015"),
    ("financiación cooperación judicial", "demo-bib-es-2019"),
    ("противодействие терроризму закон", "demo-leg-kaz-2019"),
    ("религиозному экстремизму", "demo-strategy-kaz-2018"),
    ("قانون مكافحة الإرهاب", "demo-leg-irq-2005"),
    ("ارهاب تمويل", "demo-leg-irq-2005"),
    ("反恐怖主义法", "demo-leg-chn-2015"),
    ("国际合作", "demo-leg-chn-2015"),
)


@dataclass
class RelevanceFigure:
    queries: int = 0
    first: int = 0  # the expected record ranked first
    reciprocal_rank_sum: float = 0.0
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)

    @property
    def mean_reciprocal_rank(self) -> float:
        return self.reciprocal_rank_sum / self.queries if self.queries else 0.0


def relevance_figure(backend: SearchBackend | None = None) -> RelevanceFigure:
    """Run the set against the library as it is (the demo corpus loaded), on the configured
    backend or the one given."""
    from ctassist.library.search import library_search

    figure = RelevanceFigure()
    for query, expected in RELEVANCE_SET:
        found = [
            hit.record.external_id for hit in library_search(query=query, backend=backend).hits
        ]
        figure.queries += 1
        if found[:1] == [expected]:
            figure.first += 1
        else:
            figure.misses.append((query, expected, found[:3]))
        if expected in found:
            figure.reciprocal_rank_sum += 1 / (found.index(expected) + 1)
    return figure
