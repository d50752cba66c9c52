"""Screening in `ctassist demo`: the frozen copy of the UN Consolidated List (real public data,
dated 2026-02-27 — not the current list), a screener and a reviewer in Kenya, and a few checks
with decided hits. The checks are generated demo data (external id "demo"); the names checked
are variants of listed names and invented names, never real people's records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ctassist.accounts.models import User
from ctassist.core.setup import Progress
from ctassist.screening.models import Screening
from ctassist.screening.services import (
    CheckInput,
    hit_decide,
    reviewer_set,
    screening_check,
    watchlist_load,
)

UN_SAMPLE = "sanctions/un_sc_consolidated_2026-02-27.xml"
SCREENER = "demo-screener-ken"
REVIEWER = "demo-reviewer-ken"
# (name checked, schema, date of birth, decision for its best hit, the reviewer's reason)
CHECKS: tuple[tuple[str, str | None, str | None, str, str], ...] = (
    (
        "Aiman al-Zawahiri",
        "Person",
        "1951",
        "true_match",
        "Same name in transliteration and year of birth; passport copy matches the listed one.",
    ),
    (
        "Erik Badege",
        "Person",
        None,
        "false_positive",
        "The account holder's passport: born 1990 in Nairobi, Kenyan; the listed man was born "
        "1971 and is Congolese.",
    ),
    (
        "Al Qaida in the Islamic Maghreb",
        "Organization",
        None,
        "true_match",
        "The listed organisation under its English name.",
    ),
    (
        "Abdul Rahman Yasin",
        "Person",
        None,
        "more_information",
        "Same name; no date of birth in the transfer order. Asked the bank for the ID document.",
    ),
)


@dataclass
class ScreeningDemoReport:
    list_loaded: bool
    checks: int


def un_sample_path() -> Path:
    return Path(settings.CTASSIST_SHARED_DATA) / UN_SAMPLE


def screening_demo_load(*, progress: Progress | None = None) -> ScreeningDemoReport:
    path = un_sample_path()
    if not path.exists():
        # The demo says so rather than inventing a list.
        return ScreeningDemoReport(list_loaded=False, checks=0)
    watchlist_load(actor=None, path=path, fmt="un-xml")
    reviewer = reviewer_set(actor=None, username=REVIEWER, reviewer=True)
    reviewer = User.objects.get(pk=reviewer.pk)  # fresh permission cache
    if Screening.objects.filter(external_id="demo").exists():
        return ScreeningDemoReport(list_loaded=True, checks=0)
    screener = User.objects.get(username=SCREENER)
    made = 0
    for name, schema, birth, decision, reason in CHECKS:
        result = screening_check(
            actor=screener,
            given=CheckInput(name=name, schema=schema, birth_date=birth, external_id="demo"),
            source="web",
        )
        made += 1
        if result.found and result.found[0].hit is not None:
            hit = result.found[0].hit
            hit_decide(
                actor=reviewer,
                hit_id=hit.pk,
                decision=decision,
                reason=reason,
                expected_version=hit.version,
            )
        if progress:
            progress(1, len(CHECKS))
    return ScreeningDemoReport(list_loaded=True, checks=made)
