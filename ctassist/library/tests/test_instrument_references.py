"""Instrument references in free text are recognised, in the six languages, and linked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctassist.library.references import (
    instrument_mentions,
    instrument_names,
    text_with_instrument_links,
)

pytestmark = pytest.mark.django_db


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.code) for m in instrument_mentions(text, instrument_names())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "States parties to the International Convention for the Suppression of the "
            "Financing of Terrorism shall cooperate.",
            [
                (
                    "International Convention for the Suppression of the Financing of Terrorism",
                    "FINANCING_1999",
                )
            ],
        ),
        ("as required by the 1999 Convention.", [("1999 Convention", "FINANCING_1999")]),
        ("conformément à la Convention de 1999", [("Convention de 1999", "FINANCING_1999")]),
        ("согласно Конвенции 1999 года", [("Конвенции 1999 года", "FINANCING_1999")]),
        ("根据1999年公约的规定", [("1999年公约", "FINANCING_1999")]),
        ("وفقا لاتفاقية عام 1999", [("اتفاقية عام 1999", "FINANCING_1999")]),
        ("the Hostages Convention applies", [("Hostages Convention", "HOSTAGES_1979")]),
        # Typographic apostrophe in the French title of the Bombings Convention.
        (
            "la Convention internationale pour la répression des attentats terroristes "
            "à l’explosif",
            [
                (
                    "Convention internationale pour la répression des attentats terroristes "
                    "à l’explosif",
                    "BOMBINGS_1997",
                )
            ],
        ),
    ],
)
def test_references_are_recognised(text, expected):
    assert _found(text) == expected


def test_ambiguous_or_glued_forms_are_left_alone():
    # Two protocols were adopted in 1988 (Airports, Fixed Platforms): not guessed.
    assert _found("the 1988 Protocol") == []
    assert _found("the 11999 Convention and the 1999 Conventions") == []


def test_linked_html_escapes_the_text_and_links_the_reference():
    html = text_with_instrument_links(
        "<b>bold</b> under the 1999 Convention.\n\nNext", {"FINANCING_1999": "/treaties/F/"}
    )
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert '<a href="/treaties/F/" class="instrument-ref" data-instrument="FINANCING_1999">' in html
    assert html.endswith("<p>Next</p>")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_rendered_without_losing_characters(text):
    html = text_with_instrument_links(text, {"FINANCING_1999": "/x/"})
    assert "<script" not in html
    for mention in instrument_mentions(text, instrument_names()):
        assert mention.end > mention.start
