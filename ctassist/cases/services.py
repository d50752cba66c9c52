"""Writes to case files. Each function checks that the actor may work on the case (through the
same access rule as the reads: a case outside scope is "not found"), validates, writes inside a
transaction and records the audit entry. Updates carry the version the user saw; a stale one
raises ConflictError (HTTP 409). Nothing is hard-deleted: a case is closed or archived with a
reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.cases.models import (
    CaseFile,
    Charge,
    CustodyTransfer,
    DigestSent,
    Evidence,
    Hearing,
    Person,
    PrisonVisit,
    ReviewCampaign,
    ReviewItem,
    Stage,
    Task,
    Unit,
)
from ctassist.cases.selectors import case_queryset_for
from ctassist.core.access import Role, can_work_on_cases, user_role
from ctassist.core.audit import Actor, audit_write
from ctassist.core.errors import (
    BrokenRule,
    FieldProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from ctassist.core.extraction import content_size, searchable_text
from ctassist.core.models import AuditEntry
from ctassist.core.services import record_create, record_update
from ctassist.core.stored_files import file_store, sha256_of, upload_size_check
from ctassist.geo.models import State
from ctassist.treaties.models import Instrument

CASE_FIELDS = {
    "title",
    "police_ref",
    "prosecution_ref",
    "court_ref",
    "stage",
    "facts",
    "offence_date",
    "lead_prosecutor",
    "legislation",
}
PERSON_FIELDS = {
    "role",
    "full_name",
    "date_of_birth",
    "sex",
    "nationality",
    "detention",
    "detention_place",
    "custody_start",
    "last_review",
    "protection_measures",
    "protection_note",
}


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _writable_case(actor: Actor, case: CaseFile) -> CaseFile:
    """The case as the actor may write it, or NotFound when it is outside their scope."""
    if not can_work_on_cases(actor):
        raise NotFound(_("No such case."))
    found = case_queryset_for(user=actor).filter(pk=case.pk).first()
    if found is None:
        raise NotFound(_("No such case."))
    return found


def _unit_member(actor: Actor, unit: Unit) -> None:
    if user_role(actor) is Role.ADMIN:
        return
    user = _user(actor)
    if (
        user is None
        or not can_work_on_cases(user)
        or not unit.memberships.filter(user=user).exists()
    ):
        raise PermissionDenied(_("You can open cases only in a unit you belong to."))


def _juvenile_refresh(case: CaseFile) -> None:
    """A case is a child's case when any suspect or accused was under 18 on the offence date."""
    case.refresh_from_db(fields=["offence_date"])
    accused = case.persons.filter(role__in=[Person.Role.SUSPECT, Person.Role.ACCUSED])
    juvenile = any(p.is_child for p in accused.select_related("case"))
    CaseFile.objects.filter(pk=case.pk).update(juvenile=juvenile)


def case_open(
    *,
    actor: Actor,
    unit: Unit,
    title: str,
    stage: str = Stage.INVESTIGATION,
    facts: str = "",
    offence_date: dt.date | None = None,
    police_ref: str = "",
    prosecution_ref: str = "",
    court_ref: str = "",
    legislation: list[str] | None = None,
    instruments: list[str] | None = None,
    illustrative: bool = False,
    opened_on: dt.date | None = None,
) -> CaseFile:
    """Open a case file; `opened_on` (default today) for files captured after the fact."""
    _unit_member(actor, unit)
    if opened_on is not None and opened_on > timezone.localdate():
        raise InvalidInput(
            _("A case cannot be opened in the future."),
            problems=[FieldProblem("opened_on", _("must not be after today"))],
        )
    with transaction.atomic():
        case = record_create(
            actor=actor,
            instance=CaseFile(
                unit=unit,
                title=title.strip(),
                stage=stage,
                facts=facts,
                offence_date=offence_date,
                police_ref=police_ref,
                prosecution_ref=prosecution_ref,
                court_ref=court_ref,
                legislation=legislation or [],
                lead_prosecutor=_user(actor),
                illustrative=illustrative,
                opened_on=opened_on or timezone.localdate(),
            ),
        )
        if (user := _user(actor)) is not None:
            case.prosecutors.add(user)
        if instruments:
            case.instruments.set(_instruments(instruments))
    return case


def _instruments(codes: list[str]) -> list[Instrument]:
    found = {i.code: i for i in Instrument.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise InvalidInput(
            _("Unknown instrument."),
            problems=[FieldProblem("instruments", f"unknown instrument {c!r}") for c in unknown],
        )
    return [found[c] for c in codes]


def case_update(
    *, actor: Actor, case: CaseFile, expected_version: int, changes: dict[str, Any]
) -> CaseFile:
    current = _writable_case(actor, case)
    unknown = sorted(set(changes) - CASE_FIELDS)
    if unknown:
        raise InvalidInput(
            _("These fields cannot be changed here."),
            problems=[FieldProblem(name, "not editable") for name in unknown],
        )
    with transaction.atomic():
        updated = record_update(
            actor=actor, instance=current, expected_version=expected_version, changes=changes
        )
        if "offence_date" in changes:
            _juvenile_refresh(updated)
    return updated


def case_close(
    *, actor: Actor, case: CaseFile, expected_version: int, status: str, reason: str
) -> CaseFile:
    """Close or archive a case; a reason is required (nothing is ever deleted)."""
    if status not in (CaseFile.Status.CLOSED, CaseFile.Status.ARCHIVED):
        raise InvalidInput(
            _("A case is closed or archived."),
            problems=[FieldProblem("status", "closed or archived")],
        )
    if not reason.strip():
        raise InvalidInput(
            _("Give the reason for closing the case."),
            problems=[FieldProblem("reason", "required")],
        )
    current = _writable_case(actor, case)
    return record_update(
        actor=actor,
        instance=current,
        expected_version=expected_version,
        changes={"status": status, "status_reason": reason.strip(), "stage": Stage.CLOSED},
    )


def person_add(*, actor: Actor, case: CaseFile, **fields: Any) -> Person:
    current = _writable_case(actor, case)
    unknown = sorted(set(fields) - PERSON_FIELDS)
    if unknown:
        raise InvalidInput(
            _("Unknown person fields."),
            problems=[FieldProblem(name, "unknown field") for name in unknown],
        )
    if isinstance(fields.get("nationality"), str):
        fields["nationality"] = _state(fields["nationality"])
    with transaction.atomic():
        person = record_create(actor=actor, instance=Person(case=current, **fields))
        _juvenile_refresh(current)
    return person


def _state(code: str) -> State:
    state = State.objects.filter(code=code.upper()).first()
    if state is None:
        raise InvalidInput(
            _("Unknown country."), problems=[FieldProblem("nationality", f"unknown {code!r}")]
        )
    return state


def person_update(
    *, actor: Actor, person: Person, expected_version: int, changes: dict[str, Any]
) -> Person:
    _writable_case(actor, person.case)
    unknown = sorted(set(changes) - PERSON_FIELDS)
    if unknown:
        raise InvalidInput(
            _("Unknown person fields."),
            problems=[FieldProblem(name, "unknown field") for name in unknown],
        )
    if isinstance(changes.get("nationality"), str):
        changes["nationality"] = _state(changes["nationality"])
    if changes.get("detention") == Person.Detention.IN_CUSTODY and not (
        changes.get("custody_start") or person.custody_start
    ):
        raise InvalidInput(
            _("Give the date custody started."),
            problems=[FieldProblem("custody_start", "required for a person in custody")],
        )
    with transaction.atomic():
        updated = record_update(
            actor=actor, instance=person, expected_version=expected_version, changes=changes
        )
        _juvenile_refresh(updated.case)
    return updated


def charge_add(
    *, actor: Actor, person: Person, offence: str, instrument: str | None = None
) -> Charge:
    _writable_case(actor, person.case)
    if person.role not in (Person.Role.SUSPECT, Person.Role.ACCUSED):
        raise InvalidInput(
            _("Only a suspect or an accused person can be charged."),
            problems=[FieldProblem("person", "not a suspect or accused")],
        )
    linked = _instruments([instrument])[0] if instrument else None
    return record_create(
        actor=actor, instance=Charge(person=person, offence=offence.strip(), instrument=linked)
    )


def charge_dispose(
    *,
    actor: Actor,
    charge: Charge,
    expected_version: int,
    disposition: str,
    on: dt.date,
    sentence: str = "",
    appealed: bool = False,
) -> Charge:
    _writable_case(actor, charge.person.case)
    if disposition == Charge.Disposition.CONVICTED and not sentence.strip():
        raise InvalidInput(
            _("A conviction needs its sentence."),
            problems=[FieldProblem("sentence", "required for a conviction")],
        )
    return record_update(
        actor=actor,
        instance=charge,
        expected_version=expected_version,
        changes={
            "disposition": disposition,
            "disposition_date": on,
            "sentence": sentence.strip(),
            "appealed": appealed,
        },
    )


def hearing_schedule(
    *, actor: Actor, case: CaseFile, starts_at: dt.datetime, court: str, purpose: str = ""
) -> Hearing:
    """A hearing; a child's case, or one with a protected witness, is heard in closed session."""
    current = _writable_case(actor, case)
    protected = current.persons.filter(protection_measures=True).exists()
    return record_create(
        actor=actor,
        instance=Hearing(
            case=current,
            starts_at=starts_at,
            court=court.strip(),
            purpose=purpose.strip(),
            closed_session=current.juvenile or protected,
        ),
    )


def evidence_add(
    *,
    actor: Actor,
    case: CaseFile,
    number: str,
    description: str,
    kind: str,
    holder: str,
    origin: str = Evidence.Origin.POLICE,
    content: bytes | File[bytes] | None = None,
    filename: str = "",
    admissibility_note: str = "",
) -> Evidence:
    """Register an exhibit; a digital file is stored with its SHA-256 computed on upload, and
    the first link of its chain of custody is recorded."""
    current = _writable_case(actor, case)
    if kind == Evidence.Kind.DIGITAL and content is None:
        raise BrokenRule(
            _("Digital evidence needs its file."), problems=[FieldProblem("file", "required")]
        )
    with transaction.atomic():
        evidence = Evidence(
            case=current,
            number=number.strip(),
            description=description.strip(),
            kind=kind,
            origin=origin,
            holder=holder.strip(),
            admissibility_note=admissibility_note,
        )
        if content is not None:
            upload_size_check("evidence", content_size(content))
            evidence.sha256 = sha256_of(content)
            evidence.filename = filename or "evidence.bin"
            evidence.extracted_text, evidence.text_cut = searchable_text(content, evidence.filename)
            file_store(evidence.file, evidence.filename, content)
        evidence = record_create(actor=actor, instance=evidence)
        CustodyTransfer.objects.create(
            evidence=evidence,
            at=timezone.now(),
            from_holder="",
            to_holder=evidence.holder,
            recorded_by=_user(actor),
            note=_("registered"),
        )
    return evidence


def evidence_transfer(
    *, actor: Actor, evidence: Evidence, expected_version: int, to_holder: str, note: str = ""
) -> Evidence:
    """Hand an exhibit over: one more link in its chain of custody."""
    _writable_case(actor, evidence.case)
    if not to_holder.strip():
        raise InvalidInput(
            _("Say who receives the exhibit."), problems=[FieldProblem("to_holder", "required")]
        )
    with transaction.atomic():
        previous = evidence.holder
        updated = record_update(
            actor=actor,
            instance=evidence,
            expected_version=expected_version,
            changes={"holder": to_holder.strip()},
        )
        CustodyTransfer.objects.create(
            evidence=updated,
            at=timezone.now(),
            from_holder=previous,
            to_holder=updated.holder,
            recorded_by=_user(actor),
            note=note,
        )
    return updated


def prison_visit_record(
    *,
    actor: Actor,
    unit: Unit,
    visited_on: dt.date,
    place: str,
    detainees: list[Person],
    follow_up: str = "",
) -> PrisonVisit:
    _unit_member(actor, unit)
    outside = [p for p in detainees if p.case.unit_id != unit.pk]
    if outside:
        raise InvalidInput(
            _("Detainees met must be in the unit's cases."),
            problems=[FieldProblem("detainees", "outside the unit")],
        )
    with transaction.atomic():
        visit = record_create(
            actor=actor,
            instance=PrisonVisit(
                unit=unit, visited_on=visited_on, place=place.strip(), follow_up=follow_up
            ),
        )
        visit.detainees_met.set(detainees)
    return visit


def case_export_logged(*, actor: Actor, cases: list[CaseFile], fmt: str) -> None:
    """Exports are audited as such, one entry per case exported."""
    _exports_logged(actor=actor, instances=cases, fmt=fmt)


def hearings_export_logged(*, actor: Actor, hearings: list[Hearing], fmt: str) -> None:
    _exports_logged(actor=actor, instances=hearings, fmt=fmt)


def _exports_logged(*, actor: Actor, instances: list[Any], fmt: str) -> None:
    for instance in instances:
        audit_write(
            actor=actor, action=AuditEntry.Action.EXPORT, instance=instance, note=f"export {fmt}"
        )


def review_campaign_start(
    *, actor: Actor, unit: Unit, name: str, description: str = "", reviewers: list[Any]
) -> ReviewCampaign:
    """Start a review of the unit's open files, shared out among the reviewers in turn."""
    _unit_member(actor, unit)
    if not reviewers:
        raise InvalidInput(
            _("Name at least one reviewer."), problems=[FieldProblem("reviewers", "required")]
        )
    outside = [r for r in reviewers if not unit.memberships.filter(user=r).exists()]
    if outside:
        raise InvalidInput(
            _("Reviewers must be members of the unit."),
            problems=[FieldProblem("reviewers", "not a member of the unit")],
        )
    with transaction.atomic():
        campaign = record_create(
            actor=actor,
            instance=ReviewCampaign(unit=unit, name=name.strip(), description=description),
        )
        files = CaseFile.objects.filter(unit=unit, status=CaseFile.Status.OPEN).order_by("pk")
        for index, case in enumerate(files):
            record_create(
                actor=actor,
                instance=ReviewItem(
                    campaign=campaign, case=case, reviewer=reviewers[index % len(reviewers)]
                ),
            )
    return campaign


def review_record(
    *, actor: Actor, item: ReviewItem, expected_version: int, outcome: str, reasons: str
) -> ReviewItem:
    """The reviewer's finding on one file, with reasons (required)."""
    _writable_case(actor, item.case)
    if outcome not in ReviewItem.Outcome.values:
        raise InvalidInput(
            _("Choose an outcome."),
            problems=[FieldProblem("outcome", ", ".join(ReviewItem.Outcome.values))],
        )
    if not reasons.strip():
        raise InvalidInput(
            _("Give the reasons for the finding."), problems=[FieldProblem("reasons", "required")]
        )
    return record_update(
        actor=actor,
        instance=item,
        expected_version=expected_version,
        changes={
            "outcome": outcome,
            "reasons": reasons.strip(),
            "reviewed_on": timezone.localdate(),
            "reviewer": _user(actor) or item.reviewer,
        },
    )


def task_add(
    *,
    actor: Actor,
    case: CaseFile,
    title: str,
    due_on: dt.date | None = None,
    assignee: Any = None,
) -> Task:
    current = _writable_case(actor, case)
    if not title.strip():
        raise InvalidInput(
            _("Say what is to be done."), problems=[FieldProblem("title", "required")]
        )
    if assignee is not None and not current.unit.memberships.filter(user=assignee).exists():
        raise InvalidInput(
            _("Tasks go to members of the unit."),
            problems=[FieldProblem("assignee", "not a member of the unit")],
        )
    return record_create(
        actor=actor,
        instance=Task(case=current, title=title.strip(), due_on=due_on, assignee=assignee),
    )


def task_done(*, actor: Actor, task: Task, expected_version: int) -> Task:
    _writable_case(actor, task.case)
    return record_update(
        actor=actor,
        instance=task,
        expected_version=expected_version,
        changes={"done_on": timezone.localdate()},
    )


@dataclass
class DigestReport:
    members: int = 0
    emails: int = 0


def cases_digest_send(*, today: dt.date | None = None) -> DigestReport:
    """E-mail each member of a unit, at most once a day, what needs attention in the cases they
    may see: detainees held past the legal limit, custody reviews due, hearings in the next two
    days, their tasks due within three days. Counts and a link only — no names leave the
    platform by e-mail. Run it daily from cron (`ctassist cases reminders`)."""
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation

    from ctassist.cases.selectors import digest_for

    day = today or timezone.localdate()
    report = DigestReport()
    sent = DigestSent.objects.filter(on=day).values("user")
    members = (
        User.objects.filter(case_memberships__isnull=False, is_active=True)
        .exclude(pk__in=sent)
        .exclude(email="")
        .distinct()
    )
    for member in members:
        report.members += 1
        digest = digest_for(user=member, today=day)
        if digest.empty:
            continue
        with translation.override(getattr(member, "language", None) or "en"):
            lines = [
                line
                for count, line in (
                    (digest.past_limit, _("Detainees held past the legal limit: %(n)s")),
                    (digest.reviews_due, _("Custody reviews due: %(n)s")),
                    (digest.hearings_soon, _("Hearings in the next two days: %(n)s")),
                    (digest.tasks_due, _("Your tasks due within three days: %(n)s")),
                )
                if count
                for line in [line % {"n": count}]
            ]
            send_mail(
                _("Cases: what needs attention today"),
                "\n".join([*lines, "", settings.CTASSIST_BASE_URL + reverse("cases:dashboard")]),
                None,
                [member.email],
            )
        DigestSent.objects.create(user=member, on=day)
        report.emails += 1
    return report
