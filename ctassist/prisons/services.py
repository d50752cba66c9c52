"""Writes for prisons: one function per change, used alike by the pages, the API, the CLI and
the back-capture importer; each checks access and its rules, writes inside a transaction and
leaves an audit entry. Housing goes through `housing_check` and nowhere else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ctassist.core.access import Role, user_role
from ctassist.core.audit import Actor, audit_write, record_snapshot
from ctassist.core.errors import BrokenRule, FieldProblem, NotFound
from ctassist.core.models import AuditEntry
from ctassist.core.services import fields_known, record_create, record_update
from ctassist.geo.models import State
from ctassist.prisons import selectors
from ctassist.prisons.models import (
    Assessment,
    Attendance,
    Cell,
    Domain,
    Enrolment,
    HousingUnit,
    Incident,
    Instrument,
    Intervention,
    Item,
    Membership,
    Need,
    Prison,
    Prisoner,
    Rating,
    Scale,
    Stay,
)
from ctassist.prisons.rules import Placement, housing_refusal, level_suggest, rule_problems

INTAKE_DAYS = 14  # an intake assessment is due within two weeks of admission
INCIDENT_DAYS = 7  # a reassessment within a week of an incident
TRANSFER_DAYS = 30
REVIEW_DAYS = {"high": 90, "medium": 180, "low": 365}


def _rule(message: str, field: str = "__all__") -> BrokenRule:
    return BrokenRule(message, problems=[FieldProblem(field, message)])


def _days_after(day: dt.date, days: int, field: str) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise _rule(_("That date is out of range."), field) from None


def _person(actor: Actor) -> Any:
    """The acting user as a foreign key's value (None for the system)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _staff_of(actor: Actor, prison: Prison) -> None:
    """Only the staff of that prison (or an administrator) write its records; anyone else is
    told the record does not exist."""
    if actor is None or user_role(actor) is Role.ADMIN:
        return
    if not selectors.prisons_for(user=actor).filter(pk=prison.pk).exists():
        raise NotFound(_("No prison %(code)s") % {"code": prison.code})


def _bump(
    actor: Actor, prisoner: Prisoner, expected_version: int, note: str, **changes: Any
) -> Prisoner:
    """The prisoner's version check (409 when stale) and its audit entry, in the caller's
    transaction."""
    return record_update(
        actor=actor,
        instance=prisoner,
        expected_version=expected_version,
        changes=changes,
        note=note,
    )


# --- prisons, staff, housing units -------------------------------------------------------


def prison_save(
    *, actor: Actor, code: str, name: str, country: State, illustrative: bool = False
) -> Prison:
    found = Prison.objects.filter(code=code).first()
    if found is None:
        return record_create(
            actor=actor,
            instance=Prison(code=code, name=name, country=country, illustrative=illustrative),
            note="prison",
        )
    return record_update(
        actor=actor,
        instance=found,
        expected_version=found.version,
        changes={"name": name, "country": country, "illustrative": illustrative},
        note="prison",
    )


def member_set(
    *,
    actor: Actor,
    prison: Prison,
    username: str,
    member: bool = True,
    head: bool = False,
    supervisor: bool = False,
) -> Any:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"No user {username!r}")
    with transaction.atomic():
        if member:
            Membership.objects.update_or_create(
                prison=prison, user=user, defaults={"is_head": head, "is_supervisor": supervisor}
            )
        else:
            Membership.objects.filter(prison=prison, user=user).delete()
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=user,
            after={"prison": prison.code, "member": member, "head": head, "supervisor": supervisor},
            note="prison membership",
        )
    return user


def unit_save(
    *,
    actor: Actor,
    prison: Prison,
    code: str,
    name: str,
    security_level: str,
    holds: str,
    allows_high_risk: bool,
    cells: Iterable[tuple[str, int]],
) -> HousingUnit:
    """A housing unit with its cells (code, capacity); cells already there keep their rows."""
    with transaction.atomic():
        unit = HousingUnit.objects.filter(prison=prison, code=code).first()
        values = {
            "name": name,
            "security_level": security_level,
            "holds": holds,
            "allows_high_risk": allows_high_risk,
        }
        if unit is None:
            unit = record_create(
                actor=actor, instance=HousingUnit(prison=prison, code=code, **values), note="unit"
            )
        else:
            unit = record_update(
                actor=actor, instance=unit, expected_version=unit.version, changes=values
            )
        for cell_code, capacity in cells:
            Cell.objects.update_or_create(
                unit=unit, code=cell_code, defaults={"capacity": capacity}
            )
    return unit


# --- admission, housing, transfer, release -----------------------------------------------


def prisoner_admit(
    *,
    actor: Actor,
    prison: Prison,
    number: str,
    full_name: str,
    sex: str,
    admitted_on: dt.date,
    date_of_birth: dt.date | None = None,
    nationality: State | None = None,
    illustrative: bool = False,
) -> Prisoner:
    """A new prisoner, awaiting housing, with the intake assessment due."""
    _staff_of(actor, prison)
    if Prisoner.objects.filter(prison=prison, number=number).exists():
        raise _rule(
            _("Number %(number)s is already a prisoner of this prison.") % {"number": number},
            "number",
        )
    if date_of_birth is not None and date_of_birth > admitted_on:
        raise _rule(_("The date of birth is after the admission."), "date_of_birth")
    with transaction.atomic():
        prisoner = record_create(
            actor=actor,
            instance=Prisoner(
                prison=prison,
                number=number,
                full_name=full_name,
                sex=sex,
                date_of_birth=date_of_birth,
                nationality=nationality,
                admitted_on=admitted_on,
                review_due=_days_after(admitted_on, INTAKE_DAYS, "admitted_on"),
                review_trigger=Assessment.Trigger.INTAKE,
                illustrative=illustrative,
            ),
            note="admission",
        )
        Stay.objects.create(
            prisoner=prisoner,
            prison=prison,
            kind=Stay.Kind.ADMISSION,
            started_on=admitted_on,
            decided_by=_person(actor),
        )
    return prisoner


PRISONER_FIELDS = ("full_name", "number", "date_of_birth", "nationality", "sex")


def prisoner_update(
    *, actor: Actor, prisoner: Prisoner, expected_version: int, changes: dict[str, Any]
) -> Prisoner:
    _staff_of(actor, prisoner.prison)
    fields_known(changes, PRISONER_FIELDS)
    return record_update(
        actor=actor, instance=prisoner, expected_version=expected_version, changes=changes
    )


def _current_stay(prisoner: Prisoner) -> Stay:
    stay = prisoner.stays.filter(ended_on__isnull=True).order_by("-started_on", "-id").first()
    if stay is None or prisoner.released_on is not None:
        raise _rule(_("This prisoner has been released."))
    return stay


def housing_check(
    *,
    cell: Cell,
    on: dt.date,
    child: bool,
    sex: str,
    level: str,
    leaving: Prisoner | None = None,
    also_placed: int = 0,
) -> None:
    """The one check of every housing decision (pages, API, CLI, importer): capacity on that
    day, children and women apart from adult men, high risk only where the unit allows it.
    `also_placed` counts placements not yet written (earlier rows of an import)."""
    occupants = selectors.stays_on(on).filter(cell=cell)
    if leaving is not None:
        occupants = occupants.exclude(prisoner=leaving)
    unit = cell.unit
    refusal = housing_refusal(
        Placement(
            child=child,
            sex=sex,
            level=level,
            cell_label=f"{unit.code}/{cell.code}",
            capacity=cell.capacity,
            occupied=occupants.count() + also_placed,
            unit_holds=unit.holds,
            unit_allows_high_risk=unit.allows_high_risk,
        )
    )
    if refusal:
        raise BrokenRule(refusal, problems=[FieldProblem("cell", refusal)])


def prisoner_house(
    *,
    actor: Actor,
    prisoner: Prisoner,
    expected_version: int,
    cell: Cell,
    on: dt.date,
    reason: str,
) -> Stay:
    """The housing decision: the prisoner moves into `cell` on `on`, with its own reason."""
    _staff_of(actor, prisoner.prison)
    if cell.unit.prison_id != prisoner.prison_id:
        raise _rule(_("That cell is not in this prisoner's prison."), "cell")
    if not reason.strip():
        raise _rule(_("Give the reason for this housing decision."), "reason")
    with transaction.atomic():
        current = _current_stay(prisoner)
        if on < current.started_on:
            raise _rule(_("The move cannot be before the current stay began."), "on")
        housing_check(
            cell=cell,
            on=on,
            child=prisoner.is_child_on(on),
            sex=prisoner.sex,
            level=prisoner.level,
            leaving=prisoner,
        )
        _bump(actor, prisoner, expected_version, "housing decision")
        return _stay_next(
            current, prisoner, prisoner.prison, cell, Stay.Kind.MOVE, on, reason, actor
        )


def _stay_next(
    current: Stay,
    prisoner: Prisoner,
    prison: Prison,
    cell: Cell | None,
    kind: str,
    on: dt.date,
    reason: str,
    actor: Actor,
) -> Stay:
    if current.started_on == on:
        # Decided the same day: the day's stay takes the last decision (its kind stays).
        Stay.objects.filter(pk=current.pk).update(
            prison=prison, cell=cell, reason=reason.strip(), decided_by=_person(actor)
        )
        current.refresh_from_db()
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=current,
            after=record_snapshot(current),
            note=kind,
        )
        return current
    Stay.objects.filter(pk=current.pk).update(ended_on=on)
    stay = Stay.objects.create(
        prisoner=prisoner,
        prison=prison,
        cell=cell,
        kind=kind,
        started_on=on,
        reason=reason.strip(),
        decided_by=_person(actor),
    )
    audit_write(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        instance=stay,
        after=record_snapshot(stay),
        note=kind,
    )
    return stay


def prisoner_transfer(
    *,
    actor: Actor,
    prisoner: Prisoner,
    expected_version: int,
    to: Prison,
    on: dt.date,
    reason: str,
) -> Prisoner:
    """To another prison of the same State, awaiting housing there; a reassessment falls due."""
    _staff_of(actor, prisoner.prison)
    if to.pk == prisoner.prison_id or to.country_id != prisoner.prison.country_id:
        raise _rule(_("Transfer to another prison of the same State."), "to")
    with transaction.atomic():
        current = _current_stay(prisoner)
        if on < current.started_on:
            raise _rule(_("The transfer cannot be before the current stay began."), "on")
        prisoner.refresh_from_db(fields=["review_due"])
        due = _days_after(on, TRANSFER_DAYS, "on")
        if prisoner.review_due and prisoner.review_due < due:
            due = prisoner.review_due
        _stay_next(current, prisoner, to, None, Stay.Kind.TRANSFER, on, reason, actor)
        return _bump(
            actor,
            prisoner,
            expected_version,
            "transfer",
            prison=to,
            review_due=due,
            review_trigger=Assessment.Trigger.TRANSFER,
        )


def prisoner_release(
    *, actor: Actor, prisoner: Prisoner, expected_version: int, on: dt.date
) -> Prisoner:
    _staff_of(actor, prisoner.prison)
    with transaction.atomic():
        current = _current_stay(prisoner)
        if on < current.started_on:
            raise _rule(_("The release cannot be before the current stay began."), "on")
        Stay.objects.filter(pk=current.pk).update(ended_on=on)
        return _bump(actor, prisoner, expected_version, "release", released_on=on)


# --- instruments ----------------------------------------------------------------------


def instrument_load(*, actor: Actor, definition: dict[str, Any]) -> Instrument:
    """An instrument version from its definition (code, number, name, description, rule,
    scales {code: [[value, label], ...]}, domains [{code, name, protective, need, items: [{code,
    text, scale, key}]}]). A version once loaded is not changed: a new one is a new number."""
    problems = rule_problems(definition.get("rule", {}))
    if problems:
        raise _rule("; ".join(problems), "rule")
    found = Instrument.objects.filter(code=definition["code"], number=definition["number"]).first()
    if found is not None:
        return found
    with transaction.atomic():
        instrument = record_create(
            actor=actor,
            instance=Instrument(
                code=definition["code"],
                number=definition["number"],
                name=definition["name"],
                description=definition.get("description", ""),
                illustrative=definition.get("illustrative", False),
                rule=definition["rule"],
            ),
            note="instrument",
        )
        Instrument.objects.filter(code=instrument.code).exclude(pk=instrument.pk).update(
            active=False
        )
        scales = {
            code: Scale.objects.create(instrument=instrument, code=code, points=points)
            for code, points in definition["scales"].items()
        }
        for order, domain_data in enumerate(definition["domains"], start=1):
            domain = Domain.objects.create(
                instrument=instrument,
                code=domain_data["code"],
                name=domain_data["name"],
                order=order,
                protective=domain_data.get("protective", False),
                need=domain_data.get("need", ""),
            )
            for item_order, item in enumerate(domain_data["items"], start=1):
                Item.objects.create(
                    domain=domain,
                    scale=scales[item["scale"]],
                    code=item["code"],
                    text=item["text"],
                    order=item_order,
                    key=item.get("key", False),
                )
    return instrument


# --- assessments ------------------------------------------------------------------------


@dataclass
class RatingGiven:
    item: str  # the item's code, "domain.item"
    value: int
    evidence: str = ""
    source: str = ""


def _ratings_checked(
    instrument: Instrument, given: list[RatingGiven]
) -> list[tuple[Item, RatingGiven]]:
    items = {
        f"{i.domain.code}.{i.code}": i
        for i in Item.objects.filter(domain__instrument=instrument).select_related(
            "domain", "scale"
        )
    }
    problems: list[FieldProblem] = []
    seen: dict[str, RatingGiven] = {}
    for rating in given:
        item = items.get(rating.item)
        if item is None:
            problems.append(FieldProblem(rating.item, _("Not an item of this instrument.")))
        elif rating.item in seen:
            problems.append(FieldProblem(rating.item, _("Rated twice.")))
        elif rating.value not in item.scale.point_values():
            problems.append(FieldProblem(rating.item, _("Not a point of the item's scale.")))
        elif rating.value > min(item.scale.point_values()) and not (
            rating.evidence.strip() and rating.source.strip()
        ):
            problems.append(
                FieldProblem(rating.item, _("A rating above the lowest needs evidence and source."))
            )
        seen[rating.item] = rating
    for code in items:
        if code not in seen:
            problems.append(FieldProblem(code, _("Not rated.")))
    if problems:
        raise BrokenRule(
            _("%(count)s rating(s) to correct.") % {"count": len(problems)}, problems=problems
        )
    return [(items[r.item], r) for r in given]


def _levels(
    instrument: Instrument, checked: list[tuple[Item, RatingGiven]], level: str, reason: str
) -> str:
    suggested = level_suggest(
        instrument.rule,
        [(r.value, i.domain.protective, i.key, max(i.scale.point_values())) for i, r in checked],
    )
    if level != suggested and not reason.strip():
        raise _rule(
            _(
                "The rating suggests %(suggested)s: a different level needs the reason for "
                "overriding it."
            )
            % {"suggested": suggested},
            "override_reason",
        )
    return suggested


def _review_default(instrument: Instrument, level: str, on: dt.date) -> dt.date:
    days = instrument.rule.get("review_days", REVIEW_DAYS).get(level, REVIEW_DAYS[level])
    return _days_after(on, int(days), "assessed_on")


def _write_ratings(assessment: Assessment, checked: list[tuple[Item, RatingGiven]]) -> None:
    assessment.ratings.all().delete()
    Rating.objects.bulk_create(
        Rating(
            assessment=assessment,
            item=item,
            value=r.value,
            evidence=r.evidence.strip(),
            source=r.source.strip(),
        )
        for item, r in checked
    )


def _write_needs(assessment: Assessment, needs: Iterable[str]) -> None:
    assessment.needs.exclude(kind__in=list(needs)).delete()
    for kind in needs:
        Need.objects.get_or_create(assessment=assessment, kind=kind)


def assessment_submit(
    *,
    actor: Actor,
    prisoner: Prisoner,
    instrument: Instrument,
    trigger: str,
    assessed_on: dt.date,
    ratings: list[RatingGiven],
    level: str,
    override_reason: str = "",
    summary: str = "",
    needs: Iterable[str] = (),
    next_review_on: dt.date | None = None,
    incident: Incident | None = None,
) -> Assessment:
    """Rate every item (evidence and source for any rating above the lowest); the rule
    suggests a level; the assessor's level needs a reason wherever it differs. Sent to a
    supervisor for review."""
    _staff_of(actor, prisoner.prison)
    if prisoner.released_on is not None:
        raise _rule(_("This prisoner has been released."))
    if not instrument.active:
        raise _rule(_("This instrument version is no longer in use."), "instrument")
    checked = _ratings_checked(instrument, ratings)
    suggested = _levels(instrument, checked, level, override_reason)
    review_on = next_review_on or _review_default(instrument, level, assessed_on)
    if review_on < assessed_on:
        raise _rule(_("The next review cannot be before the assessment."), "next_review_on")
    with transaction.atomic():
        assessment = record_create(
            actor=actor,
            instance=Assessment(
                prisoner=prisoner,
                instrument=instrument,
                trigger=trigger,
                assessed_on=assessed_on,
                assessor=_person(actor),
                suggested_level=suggested,
                level=level,
                override_reason=override_reason.strip() if level != suggested else "",
                summary=summary.strip(),
                next_review_on=review_on,
            ),
            note="assessment submitted",
        )
        _write_ratings(assessment, checked)
        _write_needs(assessment, needs)
        if incident is not None:
            if incident.prisoner_id != prisoner.pk:
                raise _rule(_("That incident is not this prisoner's."), "incident")
            Incident.objects.filter(pk=incident.pk).update(reassessment=assessment)
    return assessment


def assessment_resubmit(
    *,
    actor: Actor,
    assessment: Assessment,
    expected_version: int,
    ratings: list[RatingGiven],
    level: str,
    override_reason: str = "",
    summary: str = "",
    needs: Iterable[str] = (),
    next_review_on: dt.date | None = None,
) -> Assessment:
    """A returned assessment, corrected and sent again for review."""
    _staff_of(actor, assessment.prisoner.prison)
    if assessment.status != Assessment.Status.RETURNED:
        raise _rule(_("Only a returned assessment can be sent again."))
    checked = _ratings_checked(assessment.instrument, ratings)
    suggested = _levels(assessment.instrument, checked, level, override_reason)
    with transaction.atomic():
        updated = record_update(
            actor=actor,
            instance=assessment,
            expected_version=expected_version,
            changes={
                "status": Assessment.Status.SUBMITTED,
                "suggested_level": suggested,
                "level": level,
                "override_reason": override_reason.strip() if level != suggested else "",
                "summary": summary.strip(),
                "next_review_on": next_review_on
                or _review_default(assessment.instrument, level, assessment.assessed_on),
            },
            note="assessment sent again",
        )
        _write_ratings(updated, checked)
        _write_needs(updated, needs)
    return updated


def assessment_review(
    *,
    actor: Actor,
    assessment: Assessment,
    expected_version: int,
    decision: str,
    reason: str,
    on: dt.date,
) -> Assessment:
    """A supervisor of the prison — never the assessor — approves (the prisoner is then
    classified at the assessment's level, the next review due) or returns it with a reason."""
    prisoner = assessment.prisoner
    _staff_of(actor, prisoner.prison)
    if actor is not None and not selectors.may_review(user=actor, prison=prisoner.prison):
        raise _rule(_("Only a supervisor of this prison reviews assessments."))
    if actor is not None and assessment.assessor_id == actor.pk:
        raise _rule(_("A second person reviews an assessment: not its assessor."))
    if assessment.status != Assessment.Status.SUBMITTED:
        raise _rule(_("This assessment is not awaiting review."))
    if decision == "return" and not reason.strip():
        raise _rule(_("Say why the assessment is returned."), "reason")
    if on < assessment.assessed_on:
        raise _rule(_("The review cannot be before the assessment."), "on")
    status = Assessment.Status.APPROVED if decision == "approve" else Assessment.Status.RETURNED
    with transaction.atomic():
        reviewed = record_update(
            actor=actor,
            instance=assessment,
            expected_version=expected_version,
            changes={
                "status": status,
                "reviewer": _person(actor),
                "reviewed_on": on,
                "review_reason": reason.strip(),
            },
            note=f"assessment {decision}",
        )
        if status == Assessment.Status.APPROVED:
            Prisoner.objects.filter(pk=prisoner.pk).update(
                level=assessment.level,
                review_due=assessment.next_review_on,
                review_trigger=Assessment.Trigger.SCHEDULED,
            )
    return reviewed


# --- incidents, interventions -----------------------------------------------------------


def incident_record(
    *,
    actor: Actor,
    prisoner: Prisoner,
    occurred_on: dt.date,
    kind: str,
    description: str,
) -> Incident:
    """An incident; a reassessment falls due within a week (sooner if already due)."""
    _staff_of(actor, prisoner.prison)
    if occurred_on < prisoner.admitted_on:
        raise _rule(_("The incident cannot be before the admission."), "occurred_on")
    with transaction.atomic():
        incident = record_create(
            actor=actor,
            instance=Incident(
                prisoner=prisoner,
                occurred_on=occurred_on,
                kind=kind,
                description=description.strip(),
                recorded_by=_person(actor),
            ),
            note="incident",
        )
        due = _days_after(occurred_on, INCIDENT_DAYS, "occurred_on")
        Prisoner.objects.filter(pk=prisoner.pk).filter(
            Q(review_due__isnull=True) | Q(review_due__gt=due)
        ).update(review_due=due, review_trigger=Assessment.Trigger.INCIDENT)
    return incident


def intervention_save(*, actor: Actor, prison: Prison, kind: str, name: str) -> Intervention:
    found = Intervention.objects.filter(prison=prison, name=name).first()
    if found is not None:
        return found
    return record_create(
        actor=actor, instance=Intervention(prison=prison, kind=kind, name=name), note="intervention"
    )


def enrolment_create(
    *,
    actor: Actor,
    prisoner: Prisoner,
    intervention: Intervention,
    enrolled_on: dt.date,
) -> Enrolment:
    """Enrol a prisoner; the need of that kind from the last approved assessment is linked."""
    _staff_of(actor, prisoner.prison)
    if intervention.prison_id != prisoner.prison_id:
        raise _rule(_("That programme is not run in this prisoner's prison."), "intervention")
    if prisoner.released_on is not None:
        raise _rule(_("This prisoner has been released."))
    if prisoner.enrolments.filter(intervention=intervention, outcome="ongoing").exists():
        raise _rule(_("Already enrolled in this programme."), "intervention")
    need = (
        Need.objects.filter(assessment__prisoner=prisoner, kind=intervention.kind)
        .order_by("-assessment__assessed_on")
        .first()
    )
    return record_create(
        actor=actor,
        instance=Enrolment(
            prisoner=prisoner, intervention=intervention, need=need, enrolled_on=enrolled_on
        ),
        note="enrolment",
    )


def attendance_record(*, actor: Actor, enrolment: Enrolment, on: dt.date, present: bool) -> None:
    _staff_of(actor, enrolment.prisoner.prison)
    if on < enrolment.enrolled_on or (enrolment.ended_on and on > enrolment.ended_on):
        raise _rule(_("That day is outside the enrolment."), "on")
    with transaction.atomic():
        Attendance.objects.update_or_create(
            enrolment=enrolment, on=on, defaults={"present": present}
        )
        audit_write(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=enrolment,
            after={"attendance": on.isoformat(), "present": present},
            note="attendance",
        )


def enrolment_end(
    *,
    actor: Actor,
    enrolment: Enrolment,
    expected_version: int,
    outcome: str,
    ended_on: dt.date,
    note: str = "",
) -> Enrolment:
    _staff_of(actor, enrolment.prisoner.prison)
    if enrolment.outcome != Enrolment.Outcome.ONGOING:
        raise _rule(_("This enrolment has already ended."))
    if ended_on < enrolment.enrolled_on:
        raise _rule(_("The end cannot be before the enrolment."), "ended_on")
    return record_update(
        actor=actor,
        instance=enrolment,
        expected_version=expected_version,
        changes={"outcome": outcome, "ended_on": ended_on, "outcome_note": note.strip()},
        note="enrolment ended",
    )


def prisoners_export_logged(*, actor: Actor, prisoners: list[Prisoner], fmt: str) -> None:
    """Exports are audited as such, one entry per prisoner exported."""
    for prisoner in prisoners:
        audit_write(
            actor=actor, action=AuditEntry.Action.EXPORT, instance=prisoner, note=f"export {fmt}"
        )
