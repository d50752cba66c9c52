"""Scores: how well a query's name fits one name of an entry, and what the date of birth,
nationality and document numbers add or take away.

The name score aligns the query's tokens with the entry name's tokens one to one, in any
order, best pairs first (`names.token_similarity`); two adjacent tokens on one side may pair
with one on the other ("Abdul Rahman"/"Abdulrahman", "Bin Laden"/"Binladen"). Then

    score = Σ sim·w / (Σ w over paired parts + EXTRA_QUERY·unpaired query parts
                       + EXTRA_ENTRY·unpaired entry parts)

An unpaired query part costs much (an unrelated first name beside a shared surname keeps the
score low: "Ahmed Haqqani" is not "Sirajuddin Haqqani"); an unpaired entry part costs little
when it is a middle name the query left out (`EXTRA_ENTRY`), more when it is the first or last
(`EXTRA_ENTRY_FIRST`, `EXTRA_ENTRY_LAST`). Pairs that cross (the parts in another order than
the listed name's) multiply the score by `ORDER_FACTOR`.

The other evidence never makes a match alone: it applies only to a name scoring at least
`EVIDENCE_NAME_FLOOR`, and it moves the score by small amounts (the constants below).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from ctassist.screening.entries import BirthDate, Document, Entry
from ctassist.screening.matching.names import (
    ABD_FORMS,
    ARABIC_ABD,
    Token,
    joined_abd,
    syllable,
    token_info,
    token_similarity,
)
from ctassist.screening.matching.types import Contribution, Query

EXTRA_QUERY = 0.6
COMMON_WEIGHT = 0.4
EXTRA_ENTRY = 0.25  # an unpaired entry part inside the name (a middle name left out)
EXTRA_ENTRY_FIRST = 0.45  # …the first part (mostly the given name)
EXTRA_ENTRY_LAST = 0.45  # …the last part (mostly the family name)
ORDER_FACTOR = 0.96  # the pairs cross: the parts come in another order than the listed name's
KNOWN_TYPO = 0.75  # typo credit scaled by this when the query part is itself a listed part
JOINED_PENALTY = 0.97  # two tokens paired with one: a little below a straight pair
WEAK_EXACT = 0.85  # a low-quality alias matched in full scores at most this
WEAK_FACTOR = 0.8  # …and a fuzzy match with one is scaled by this
EVIDENCE_NAME_FLOOR = 0.6  # below this name score, DOB/nationality/document change nothing
DOB_SAME_DAY = 0.05
DOB_SAME_MONTH = 0.03
DOB_WITHIN = 0.02
DOB_NEAR = -0.04  # disjoint by at most a year (two when the list says approximately)
DOB_DISJOINT = -0.15
NATIONALITY_SAME = 0.02
NATIONALITY_DIFFERS = -0.05
DOCUMENT_MATCH = 0.3  # moves the score this far towards 1.0

_DOC_CHARS = re.compile(r"[^0-9A-Z]")


Weights = dict[str, float]
_DISCOUNTED = frozenset({"part_typo", "part_phonetic"})


def _weight(token: Token, weights: Weights) -> float:
    """How much a part says about who someone is: 1.0 for a part rare on the list (or not on
    it), down to `COMMON_WEIGHT` for the most common ("Mohammed", "Ali")."""
    return weights.get(token.form, 1.0)


class NameScore:
    """The best alignment of a query name with one entry name."""

    __slots__ = ("entry_only", "order", "pairs", "query_only", "score")

    def __init__(
        self,
        score: float,
        pairs: list[tuple[str, str, float, str]],
        query_only: list[str],
        entry_only: list[str],
        order: float = 0.0,
    ) -> None:
        self.score = score
        self.order = order  # what the order of the parts took from the score (≤ 0)
        self.pairs = pairs  # (query part, entry part, similarity, reason)
        self.query_only = query_only
        self.entry_only = entry_only

    @property
    def exact(self) -> bool:
        return not self.query_only and not self.entry_only and self.score >= 1.0


def name_score(
    query: Sequence[Token],
    entry: Sequence[Token],
    weights: Weights,
    known: frozenset[str] | set[str] = frozenset(),
) -> NameScore:
    """Align two folded names, any order, one to one, and score the alignment. `known`: the
    query's parts that are themselves parts of listed names; a typo or sound-alike pairing of
    such a part with another listed part is weaker evidence (Zahrani is not a mistyped
    Rahmani, it is another listed name)."""
    if not query or not entry:
        return NameScore(0.0, [], [t.form for t in query], [t.form for t in entry])
    candidates: list[tuple[float, int, int, str]] = []
    for i, q in enumerate(query):
        for j, e in enumerate(entry):
            sim, reason = token_similarity(q, e)
            if q.form in known and reason in _DISCOUNTED and q.form != e.form:
                sim *= KNOWN_TYPO
            if sim > 0.0:
                candidates.append((sim, i, j, reason))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    q_used: set[int] = set()
    e_used: set[int] = set()
    pairs: list[tuple[str, str, float, str]] = []
    positions: list[tuple[int, int]] = []  # (query index, entry index) of each pair
    numerator = 0.0
    paired_weight = 0.0
    for sim, i, j, reason in candidates:
        if i in q_used or j in e_used:
            continue
        q_used.add(i)
        e_used.add(j)
        weight = (_weight(query[i], weights) + _weight(entry[j], weights)) / 2
        numerator += sim * weight
        paired_weight += weight
        pairs.append((query[i].form, entry[j].form, sim, reason))
        positions.append((i, j))
    # Two leftovers on one side against one leftover on the other.
    for side_a, side_b, used_a, used_b, a_is_query in (
        (query, entry, q_used, e_used, True),
        (entry, query, e_used, q_used, False),
    ):
        for parts, joined, shown in _joins(side_a, used_a):
            if any(p in used_a for p in parts):
                continue
            for j, other in enumerate(side_b):
                if j in used_b:
                    continue
                sim, reason = token_similarity(joined, other)
                if sim < 0.8 or (
                    reason != "part_exact"
                    and len(parts) == 2
                    and syllable(side_a[parts[0]])
                    and syllable(side_a[parts[1]])
                ):
                    continue  # two Korean syllables join only exactly (Kwang Il/Kwangil)
                sim *= JOINED_PENALTY
                used_a.update(parts)
                used_b.add(j)
                weight = (
                    sum(_weight(side_a[p], weights) for p in parts) + _weight(other, weights)
                ) / 2
                numerator += sim * weight
                paired_weight += weight
                positions.append((parts[0], j) if a_is_query else (j, parts[0]))
                pairs.append(
                    (shown, other.form, sim, "part_joined")
                    if a_is_query
                    else (other.form, shown, sim, "part_joined")
                )
                break
    query_only = [t for i, t in enumerate(query) if i not in q_used]
    entry_only = [t for j, t in enumerate(entry) if j not in e_used]
    denominator = (
        paired_weight
        + EXTRA_QUERY * sum(_weight(t, weights) for t in query_only)
        + sum(_entry_cost(j, len(entry)) * _weight(t, weights) for j, t in enumerate(entry)
              if j not in e_used)
    )  # fmt: skip
    score = min(numerator / denominator if denominator else 0.0, 1.0)
    order = 0.0
    positions.sort()
    if any(b[1] < a[1] for a, b in itertools.pairwise(positions)):
        order = score * ORDER_FACTOR - score
        score += order
    return NameScore(
        score, pairs, [t.form for t in query_only], [t.form for t in entry_only], order
    )


def _joins(side: Sequence[Token], used: set[int]) -> Iterator[tuple[tuple[int, ...], Token, str]]:
    """Leftover parts of one name that may make one part of the other, with the token they
    make and how to show them: two neighbours ("bin laden"/"binladen"); a lone "Abdul" with
    any other part ("Haq Abdul"/"Abdul Haq"); and, when a joined "Abd" is left over, any other
    part behind "Abd" ("Abdul Ali Hakim"/"Abdul Hakim": the "Ali" stays unpaired)."""
    free = [i for i in range(len(side)) if i not in used]
    for i, k in itertools.pairwise(free):
        if k == i + 1:
            yield (i, k), token_info(side[i].form + side[k].form), f"{side[i].form} {side[k].form}"
    bare = [i for i in free if side[i].form in ABD_FORMS]
    for i in bare:
        prefix = ARABIC_ABD if side[i].abjad else "abd"
        for k in free:
            if k != i and k not in bare:
                shown = f"{side[i].form} {side[k].form}"
                yield (i, k), token_info(prefix + side[k].form), shown
    joined = [i for i in free if i not in bare and joined_abd(side[i])]
    if joined:
        prefix = ARABIC_ABD if side[joined[0]].abjad else "abd"
        for k in free:
            if k not in joined and k not in bare:
                yield (k,), token_info(prefix + side[k].form), f"{prefix}… {side[k].form}"


def _entry_cost(position: int, length: int) -> float:
    """What an entry part the query left out costs, by where it stands in the listed name."""
    if position == 0:
        return EXTRA_ENTRY_FIRST
    if position == length - 1:
        return EXTRA_ENTRY_LAST
    return EXTRA_ENTRY


def _years_apart(a: BirthDate, b: BirthDate) -> float:
    if a.latest < b.earliest:
        return (b.earliest - a.latest).days / 365.25
    if b.latest < a.earliest:
        return (a.earliest - b.latest).days / 365.25
    return 0.0


def birth_date_evidence(query: BirthDate, listed: Sequence[BirthDate]) -> Contribution | None:
    """The best agreement between the query's date of birth and any the list gives."""
    best: Contribution | None = None
    for date in listed:
        values = {"query": query.text or query.earliest.isoformat(), "entry": date.text}
        overlap = query.earliest <= date.latest and date.earliest <= query.latest
        if overlap and query.earliest == query.latest == date.earliest == date.latest:
            found = Contribution("birth_date", DOB_SAME_DAY, "dob_same_day", values)
        elif overlap and query.precision in {"day", "month"} and date.precision in {"day", "month"}:
            found = Contribution("birth_date", DOB_SAME_MONTH, "dob_same_month", values)
        elif overlap:
            found = Contribution("birth_date", DOB_WITHIN, "dob_within", values)
        else:
            near = 2.0 if date.approximate or query.approximate else 1.0
            if _years_apart(query, date) <= near:
                found = Contribution("birth_date", DOB_NEAR, "dob_near", values)
            else:
                found = Contribution("birth_date", DOB_DISJOINT, "dob_disjoint", values)
        if best is None or found.score > best.score:
            best = found
    return best


def nationality_evidence(query: str, listed: Sequence[str]) -> Contribution:
    code = query.upper()
    values = {"query": code, "entry": ", ".join(listed)}
    if code in listed:
        return Contribution("nationality", NATIONALITY_SAME, "nationality_same", values)
    return Contribution("nationality", NATIONALITY_DIFFERS, "nationality_differs", values)


def document_key(number: str) -> str:
    return _DOC_CHARS.sub("", number.upper())


def document_evidence(query: str, listed: Sequence[Document]) -> Contribution | None:
    key = document_key(query)
    if len(key) < 4:
        return None
    for document in listed:
        if document_key(document.number) == key:
            values = {"query": query, "entry": document.number, "kind": document.kind}
            return Contribution("document", DOCUMENT_MATCH, "document_match", values)
    return None


def evidence(query: Query, entry: Entry, base: float) -> tuple[float, list[Contribution]]:
    """The score after the date of birth, nationality and document, with their contributions.
    Nothing changes for a name score under `EVIDENCE_NAME_FLOOR`."""
    if base < EVIDENCE_NAME_FLOOR:
        return base, []
    found: list[Contribution] = []
    score = base
    if query.document and entry.documents:
        document = document_evidence(query.document, entry.documents)
        if document is not None:
            gain = (1.0 - score) * DOCUMENT_MATCH
            score += gain
            found.append(
                Contribution(document.feature, round(gain, 4), document.reason, document.values)
            )
    if query.birth_date and entry.birth_dates:
        dob = birth_date_evidence(query.birth_date, entry.birth_dates)
        if dob is not None:
            score += dob.score
            found.append(dob)
    if query.nationality and entry.nationalities:
        nationality = nationality_evidence(query.nationality, entry.nationalities)
        score += nationality.score
        found.append(nationality)
    return max(0.0, min(1.0, score)), found
