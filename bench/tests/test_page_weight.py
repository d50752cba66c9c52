"""The page-weight benchmark's pure helpers (no server, no browser)."""

from __future__ import annotations

from bench.page_weight import table, verdict


def _measures(before_media: int, width: int = 360) -> dict[str, object]:
    return {
        "before_media": before_media,
        "total": before_media + 40_000,
        "requests": 5,
        "html": 300_000,
        "html_sent": 9_000,
        "encoding": "gzip",
        "elements": 4_476,
        "width": width,
        "lcp_ms": None,
    }


def test_the_verdict_names_the_heaviest_page_and_each_page_over_a_limit() -> None:
    fine = [("/", _measures(21_500)), ("/treaties/matrix/", _measures(28_500))]
    assert verdict(fine) == (
        "2 of 2 pages within both limits; the heaviest, `/treaties/matrix/`, transfers 28.5 kB "
        "before media."
    )
    bad = [("/a/", _measures(250_000)), ("/b/", _measures(10_000, width=736))]
    text = verdict(bad)
    assert text.startswith("0 of 2 pages within both limits")
    assert "Over 200 kB: /a/." in text
    assert "Wider than 360 px: /b/." in text


def test_the_table_shows_sizes_in_kilobytes() -> None:
    rows = table([("/treaties/matrix/", _measures(28_500))])["rows"]
    assert rows == [
        ["`/treaties/matrix/`", "300.0 → 9.0 (gzip)", "28.5", "68.5", "5", "4,476", "360", "n/a"]
    ]
