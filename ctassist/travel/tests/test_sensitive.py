"""The sensitive-data filter: what it drops, what it keeps, and that the readers apply it."""

from __future__ import annotations

import pytest

from ctassist.travel import sensitive
from ctassist.travel.messages import message_read


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("AVML", "special_meal"), ("KSML", "special_meal"), ("MOML", "special_meal"),
        ("HNML", "special_meal"), ("VGML", "special_meal"), ("XXML", "special_meal"),
        ("WCHR", "health_service"), ("WCHC", "health_service"), ("MEDA", "health_service"),
        ("BLND", "health_service"), ("DEAF", "health_service"), ("DPNA", "health_service"),
        ("OXYG", "health_service"),
        ("DOCS", None), ("SEAT", None), ("FQTV", None), ("VIP", None),
    ],
)  # fmt: skip
def test_service_codes(code: str, category: str | None) -> None:
    assert sensitive.service_category(code) == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("PAX REQUESTS HALAL FOOD", "religion"),
        ("Pèlerinage à la Mecque", "religion"),
        ("needs a wheelchair at JFK", "health"),
        ("Passagère enceinte de 7 mois", "health"),
        ("pasajera embarazada", "health"),
        ("Rollstuhl bis zum Gate", "health"),
        ("travelling with same-sex partner", "sex_life"),
        ("TRADE UNION DELEGATION", "trade_union"),
        ("member of the communist party", "political_opinion"),
        ("ETHNIC origin noted", "ethnic_origin"),
        ("THIS PASSENGER IS A VIP", None),
        ("CTCM 0044 7700 900123", None),
        ("LHR DL X/JFK DL YVR GBP/IT END ROE0.618831", None),
        ("BILLING ADDRESS ON FILE", None),  # "ill" only as a whole word
    ],
)
def test_free_text(text: str, category: str | None) -> None:
    assert sensitive.text_category(text) == category


def test_every_category_is_listed_in_the_documentation() -> None:
    from .fixtures import REPO_ROOT

    documentation = (REPO_ROOT / "docs" / "travel.md").read_text()
    for category in sensitive.CATEGORIES:
        assert f"`{category}`" in documentation
    for code in ("AVML", "KSML", "MOML", "WCHR", "MEDA", "DPNA", "OXYG"):
        assert code in documentation


def test_a_pnr_never_holds_filtered_items_only_their_count() -> None:
    raw = (
        b"UNA:+.?*'UNB+IATA:1+XX++240101:1200+R1'UNH+1+PNRGOV:13:1:IA+X'MSG+:22'"
        b"TVL+020124:0900+LHR+JFK+XX+1'SRC'RCI+XX:ABC123'SSR+KSML:HK:1:XX'"
        b"IFT+4:28::XX+PAX IS PREGNANT'IFT+4:28::XX+CTCE A//B.COM'"
        b"TIF+DOE+JANEMS:A:1'SSR+WCHR:HK:1:XX'SSR+FQTV:HK:1:XX'IFT+4:28+Going to the mosque'"
        b"UNT+13+1'UNZ+1+R1'"
    )
    message = message_read(raw, name="made up")
    assert message.filtered.counts == {"special_meal": 1, "health": 1, "health_service": 1,
                                       "religion": 1}  # fmt: skip
    (pnr,) = message.pnrs
    text = repr(message)
    for gone in ("KSML", "PREGNANT", "WCHR", "mosque"):
        assert gone not in text
    assert pnr.travellers[0].services == ["FQTV"]
    assert pnr.contacts[0].value == "A@B.COM"
    assert message.problems == []
