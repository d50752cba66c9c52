"""The travel benchmark's generated flight reads as generated (nothing timed)."""

from __future__ import annotations

from bench.travel_parse import PASSENGERS, paxlst_synthesise, pnrgov_synthesise
from ctassist.travel.messages import message_read


def test_the_generated_flight_reads_without_problems_and_drops_the_meals() -> None:
    api = message_read(paxlst_synthesise(), name="api")
    pnr = message_read(pnrgov_synthesise(), name="pnr")
    assert api.passenger_count == PASSENGERS and api.problems == []
    assert sum(len(r.travellers) for r in pnr.pnrs) == PASSENGERS and pnr.problems == []
    assert pnr.filtered.counts == {"special_meal": PASSENGERS // 2}
    assert paxlst_synthesise() == paxlst_synthesise()  # deterministic
