"""Six languages from the start: every message of the interface is translated in the five
catalogues besides English, none is left fuzzy, and every translation keeps the placeholders of
its source (a missing %(name)s would break the page at run time)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ("ar", "es", "fr", "ru", "zh_Hans")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|\{(\w+)\}")


def _names(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_keeps_placeholders(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle)
    untranslated, fuzzy, broken = [], [], []
    for message in catalogue:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(targets):
            untranslated.append(sources[0])
        elif message.fuzzy:
            fuzzy.append(sources[0])
        else:
            expected = set().union(*(_names(s) for s in sources))
            if any(_names(t) - expected for t in targets) or not _names(targets[-1]) >= (
                _names(sources[0]) - {"n", "count"}
            ):
                broken.append(sources[0])
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {language}"
    assert broken == [], f"placeholders differ in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_compiles_without_errors(language):
    """What `pybabel compile` (run by `make setup`) checks; an error there now fails the build."""
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle)
    errors = [
        f"line {message.lineno}: {error}"
        for message, problems in catalogue.check()
        for error in problems
    ]
    assert errors == []
