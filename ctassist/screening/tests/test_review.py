"""Reviewing hits: only reviewers decide, always with a reason; a stale decision conflicts; a
false positive does not come back for the same query until the entry changes; re-screening
after a list change flags new hits; every decision is audited."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ctassist.cli import main
from ctassist.core.errors import BrokenRule, ConflictError, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.screening.models import FalsePositive, Hit, Screening
from ctassist.screening.services import (
    CheckInput,
    hit_decide,
    reviewer_set,
    screening_check,
    screenings_rescreen,
)
from ctassist.screening.tests.listfiles import un_list_path, un_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(persona):
    un_list_path()
    screener = persona("screener", countries=("KEN",))
    reviewer = persona("reviewer", countries=("KEN",))
    reviewer_set(actor=None, username="reviewer", reviewer=True)
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)
    return screener, reviewer


def first_hit(screener, name="Eric Badege", **extra) -> Hit:
    result = screening_check(actor=screener, given=CheckInput(name=name, **extra), source="web")
    assert result.found, name
    hit = result.found[0].hit
    assert hit is not None
    return hit


def test_only_reviewers_decide_and_always_with_a_reason(people):
    screener, reviewer = people
    hit = first_hit(screener)
    with pytest.raises(PermissionDenied):
        hit_decide(
            actor=screener,
            hit_id=hit.pk,
            decision="true_match",
            reason="x",
            expected_version=hit.version,
        )
    with pytest.raises(BrokenRule):
        hit_decide(
            actor=reviewer,
            hit_id=hit.pk,
            decision="true_match",
            reason="  ",
            expected_version=hit.version,
        )
    decided = hit_decide(
        actor=reviewer,
        hit_id=hit.pk,
        decision="true_match",
        reason="Same person: passport seen.",
        expected_version=hit.version,
    )
    assert decided.decision == "true_match" and decided.decided_by == reviewer
    entry = AuditEntry.objects.filter(
        model="screening.hit", object_pk=str(hit.pk), action="update"
    ).get()
    assert entry.actor == reviewer and entry.after["decision"] == "true_match"


def test_a_second_reviewers_stale_decision_conflicts(people):
    screener, reviewer = people
    hit = first_hit(screener)
    hit_decide(
        actor=reviewer,
        hit_id=hit.pk,
        decision="more_information",
        reason="Ask bank.",
        expected_version=hit.version,
    )
    with pytest.raises(ConflictError):
        hit_decide(
            actor=reviewer,
            hit_id=hit.pk,
            decision="false_positive",
            reason="No.",
            expected_version=hit.version,
        )
    assert Hit.objects.get(pk=hit.pk).decision == "more_information"


def test_a_false_positive_stays_away_until_the_entry_changes(people, tmp_path):
    screener, reviewer = people
    hit = first_hit(screener)
    ref = hit.entry.ref
    hit_decide(
        actor=reviewer,
        hit_id=hit.pk,
        decision="false_positive",
        reason="Different person: born 1990.",
        expected_version=hit.version,
    )
    assert FalsePositive.objects.filter(hit=hit).exists()
    # The same query again: the entry is not raised.
    again = screening_check(actor=screener, given=CheckInput(name="Eric Badege"), source="web")
    assert ref not in [f.ref for f in again.found] and again.suppressed == 1
    # Another State's screening of the same name is not silenced by Kenya's decision.
    other = screening_check(actor=None, given=CheckInput(name="Eric Badege"), source="cli")
    assert ref in [f.ref for f in other.found]
    # The list amends the entry (a new alias): re-screening raises it again, flagged new.
    variant = un_variant(
        tmp_path, generated="2026-03-05T00:00:00.000Z", rename=("ERIC", "ERIC")
    )  # same record…
    text = variant.read_text(encoding="utf-8").replace(
        "<COMMENTS1>He fled to Rwanda", "<COMMENTS1>Amended. He fled to Rwanda", 1
    )
    variant.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["screening", "lists", "load", str(variant)])
    assert result.exit_code == 0, result.output
    assert "new hits:" in result.stderr
    again_hits = Hit.objects.filter(screening=hit.screening, entry__ref=ref, is_new=True)
    assert again_hits.count() == 1 and again_hits.get().decision == ""


def test_rescreening_finds_a_new_designation_once(people, tmp_path):
    screener, _reviewer = people
    screening_check(actor=screener, given=CheckInput(name="Test Liberation Front"), source="web")
    stored = Screening.objects.get(name="Test Liberation Front")
    assert not stored.hits.filter(entry__ref="QDe.999").exists()
    variant = un_variant(
        tmp_path, generated="2026-03-05T00:00:00.000Z", add_entity="TEST LIBERATION FRONT"
    )
    CliRunner().invoke(main, ["screening", "lists", "load", str(variant), "--no-rescreen"])
    report = screenings_rescreen()
    assert report.screened >= 1 and report.new_hits >= 1
    new = stored.hits.get(entry__ref="QDe.999")
    assert new.is_new and stored.versions.count() == 2
    # Nothing changed since: a second re-screening adds nothing for it.
    screenings_rescreen()
    assert stored.hits.filter(entry__ref="QDe.999").count() == 1


def test_reviewer_command_grants_and_removes(persona):
    persona("someone", countries=("KEN",))
    result = CliRunner().invoke(main, ["screening", "reviewer", "someone"])
    assert result.exit_code == 0 and "reviewer" in result.stdout
    from ctassist.accounts.models import User

    assert User.objects.get(username="someone").has_perm("screening.review_hit")
    CliRunner().invoke(main, ["screening", "reviewer", "someone", "--remove"])
    assert not User.objects.get(username="someone").has_perm("screening.review_hit")
    assert CliRunner().invoke(main, ["screening", "reviewer", "nobody"]).exit_code == 1
