"""The load benchmark's pure helpers (no server, no Locust run, nothing timed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.load import (
    CONFLICT_SUFFIX,
    LOCUSTFILE,
    WEIGHTS,
    Level,
    degrades_at,
    percentile,
    summarize,
    verdict,
)


def test_percentile_is_nearest_rank_over_the_histogram() -> None:
    histogram = {10: 50, 20: 45, 900: 5}  # 100 requests
    assert percentile(histogram, 0.50) == 10
    assert percentile(histogram, 0.95) == 20
    assert percentile(histogram, 0.96) == 900
    assert percentile(histogram, 0.99) == 900
    assert percentile({}, 0.95) == 0


def _entry(name: str, times: dict[int, int], failures: int = 0) -> dict[str, object]:
    return {
        "name": name,
        "response_times": {str(k): v for k, v in times.items()},  # JSON keys are strings
        "num_requests": sum(times.values()),
        "num_failures": failures,
        "start_time": 100.0,
        "last_request_timestamp": 110.0,
    }


def test_summarize_merges_entries_and_counts_conflicts_apart() -> None:
    level = summarize(
        "SQLite",
        50,
        [
            _entry("GET /", {5: 80}),
            _entry("PATCH /api/v1/mla/tracking/{id}", {30: 15}, failures=1),
            _entry(f"PATCH /api/v1/mla/tracking/{{id}} — {CONFLICT_SUFFIX}", {40: 5}),
        ],
    )
    assert (level.requests, level.errors, level.conflicts) == (100, 1, 5)
    assert level.tasks == 80  # each PATCH (409 or not) follows a read: one task, two requests
    assert level.rps == pytest.approx(10.0)
    assert (level.p50, level.p95, level.p99) == (5, 30, 40)
    assert level.per_request["GET /"] == (80, 5, 5)
    assert level.degraded and level.state == "degraded: 1 errors"


def test_verdict_names_the_first_degraded_level_and_the_target() -> None:
    ok = Level("SQLite", 10, requests=300, seconds=30, p95=120)
    fine = Level("SQLite", 50, requests=1500, seconds=30, p95=480)
    slow = Level("SQLite", 200, requests=2000, seconds=30, p95=2300)
    assert degrades_at([slow, ok, fine]) is slow
    text = verdict([ok, fine, slow])
    assert "SQLite: holds up to 50 clients, degrades at 200 (p95 over 500 ms" in text
    assert text.endswith("Target at 50 clients on SQLite: met — 0 errors, p95 480 ms.")
    pg = Level("PostgreSQL", 10, requests=10, seconds=30, p95=900)
    assert "PostgreSQL: degrades at 10" in verdict([ok, fine, slow, pg])
    assert "missed" in verdict([Level("SQLite", 50, requests=1, seconds=1, errors=2)])


def test_the_locustfile_names_the_requests_the_report_expects() -> None:
    source = Path(LOCUSTFILE).read_text()
    for name in WEIGHTS:
        assert f'name="{name}"' in source
    assert CONFLICT_SUFFIX in source
