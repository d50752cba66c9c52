"""Reads of case records. Every function takes the acting user, applies
`core.access.restrict_to_units` (unit membership, country scope, juvenile access) and logs the
read of the personal records it returns. A case outside the user's scope is "not found"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctassist.cases.detention import CustodyStatus, custody_status, rules_loaded
from ctassist.cases.models import (
    CaseFile,
    Charge,
    Evidence,
    Hearing,
    Membership,
    Person,
    PrisonVisit,
    ReviewCampaign,
    ReviewItem,
    Task,
    Unit,
)
from ctassist.core.access import Role, restrict_to_units, user_role
from ctassist.core.audit import audit_reads
from ctassist.core.backup import DigestCheck, stored_digests_check
from ctassist.core.errors import NotFound
from ctassist.core.grouping import group_totals
from ctassist.core.models import AuditEntry


def case_queryset_for(*, user: Any) -> QuerySet[CaseFile]:
    """The cases the user may see, not yet read (no audit entry): for lists and counts."""
    cases = CaseFile.objects.select_related("unit__country", "lead_prosecutor")
    return restrict_to_units(cases, user=user, unit_path="unit", juvenile_path="juvenile")


def case_list_for(
    *, user: Any, status: str | None = None, stage: str | None = None, query: str = ""
) -> list[CaseFile]:
    """The cases the user may see, filtered; the read of each is logged."""
    cases = case_queryset_for(user=user)
    if status:
        cases = cases.filter(status=status)
    if stage:
        cases = cases.filter(stage=stage)
    if query:
        cases = cases.filter(
            Q(title__icontains=query)
            | Q(police_ref__icontains=query)
            | Q(prosecution_ref__icontains=query)
            | Q(court_ref__icontains=query)
            | Q(persons__full_name__icontains=query)
            | Q(evidence__extracted_text__icontains=query)
        ).distinct()
    found: list[CaseFile] = list(cases.annotate(people=Count("persons", distinct=True)))
    audit_reads(actor=user, instances=found, note="case list")
    return found


def case_get_for(*, user: Any, case_id: int) -> CaseFile:
    """One case with everything in it, or NotFound (never "forbidden")."""
    case = (
        case_queryset_for(user=user)
        .prefetch_related(
            Prefetch(
                "persons",
                queryset=Person.objects.select_related("nationality").prefetch_related(
                    Prefetch("charges", queryset=Charge.objects.select_related("instrument"))
                ),
            ),
            "hearings",
            Prefetch(
                "evidence",
                # The text read for search is never loaded to show a page (it can be MBs).
                queryset=Evidence.objects.defer("extracted_text").prefetch_related("transfers"),
            ),
            "instruments",
            "prosecutors",
            "tasks__assignee",
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound(f"No case {case_id}")
    persons = list(case.persons.all())
    charges = [c for p in persons for c in p.charges.all()]
    audit_reads(
        actor=user,
        instances=[case, *persons, *charges, *case.hearings.all(), *case.evidence.all()],
        note="case page",
    )
    return case


def evidence_get_for(*, user: Any, case_id: int, evidence_id: int) -> Evidence:
    case = case_queryset_for(user=user).filter(pk=case_id).first()
    found = Evidence.objects.filter(case=case, pk=evidence_id).first() if case else None
    if found is None:
        raise NotFound(f"No evidence {evidence_id} in case {case_id}")
    audit_reads(actor=user, instances=[found], note="evidence download")
    return found


def units_for(*, user: Any) -> list[Unit]:
    """The units the user works in (admins: all)."""
    units = Unit.objects.select_related("country")
    if user_role(user).value == "admin":
        return list(units)
    return list(units.filter(memberships__user=user))


def units_headed_by(*, user: Any) -> list[Unit]:
    """The units whose members the user manages: those they head (admins: all)."""
    units = Unit.objects.select_related("country").order_by("name")
    if user_role(user) is Role.ADMIN:
        return list(units)
    if not getattr(user, "is_authenticated", False):
        return []
    return list(units.filter(memberships__user=user, memberships__is_head=True))


def membership_of(*, user: Any, unit: Unit) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, unit=unit).first()


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    open_cases: int
    by_stage: dict[str, int]
    in_custody: int
    overdue: list[CustodyStatus]
    reviews_due: list[CustodyStatus]
    no_rule: int
    hearings_next_14_days: int
    outcomes: dict[str, int]


def dashboard_for(
    *, user: Any, today: dt.date | None = None, note: str = "custody dashboard"
) -> Dashboard:
    """The unit head's first view: detainees held past the legal limit first, then reviews due,
    caseload and outcomes — all within the user's scope."""
    day = today or timezone.localdate()
    cases = case_queryset_for(user=user)
    open_cases = cases.filter(status=CaseFile.Status.OPEN)
    detainees = list(
        Person.objects.filter(case__in=open_cases, detention=Person.Detention.IN_CUSTODY)
        .select_related("case__unit__country")
        .order_by("custody_start")
    )
    rules = rules_loaded()
    statuses = [custody_status(p, rules=rules, today=day) for p in detainees]
    audit_reads(actor=user, instances=detainees, note=note)
    overdue = sorted((s for s in statuses if s.overdue), key=lambda s: -s.days_past_limit)
    outcomes = group_totals(Charge.objects.filter(person__case__in=cases), "disposition")
    horizon = timezone.now() + dt.timedelta(days=14)
    return Dashboard(
        today=day,
        open_cases=open_cases.count(),
        by_stage=group_totals(open_cases, "stage"),
        in_custody=len(detainees),
        overdue=overdue,
        reviews_due=sorted(
            (s for s in statuses if s.review_due and not s.overdue),
            key=lambda s: (s.next_review or day, s.person.full_name),
        ),
        no_rule=sum(1 for s in statuses if s.rule is None),
        hearings_next_14_days=cases.filter(
            hearings__starts_at__gte=timezone.now(), hearings__starts_at__lte=horizon
        ).count(),
        outcomes=outcomes,
    )


@dataclass(frozen=True)
class CampaignProgress:
    campaign: ReviewCampaign
    total: int
    done: int
    by_outcome: dict[str, int]
    mine: list[ReviewItem]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def campaigns_for(*, user: Any) -> list[ReviewCampaign]:
    return list(
        restrict_to_units(
            ReviewCampaign.objects.select_related("unit"), user=user, unit_path="unit"
        )
    )


def campaign_progress_for(*, user: Any, campaign_id: int) -> CampaignProgress:
    campaign = next((c for c in campaigns_for(user=user) if c.pk == campaign_id), None)
    if campaign is None:
        raise NotFound(f"No review campaign {campaign_id}")
    visible = set(case_queryset_for(user=user).values_list("pk", flat=True))
    items = [
        i
        for i in campaign.items.select_related("case", "reviewer").order_by("pk")
        if i.case_id in visible
    ]
    counts: dict[str, int] = {}
    for item in items:
        if item.outcome:
            counts[item.outcome] = counts.get(item.outcome, 0) + 1
    mine = [i for i in items if i.reviewer_id == getattr(user, "pk", None)]
    audit_reads(actor=user, instances=mine, note="review campaign")
    return CampaignProgress(
        campaign=campaign,
        total=len(items),
        done=sum(counts.values()),
        by_outcome=counts,
        mine=mine,
    )


@dataclass(frozen=True)
class CaseFigures:
    """Monitoring over a period, within the user's scope (feeds the periodic report)."""

    start: dt.date
    end: dt.date
    cases_opened: int
    open_at_end: int
    outcomes: dict[str, int]
    outcomes_by_offence: list[tuple[str, str, int]]
    median_days_to_disposition: int | None
    detainees_past_limit: int
    files_reviewed: dict[str, int]


def case_figures_for(*, user: Any, start: dt.date, end: dt.date) -> CaseFigures:
    """Counts only — no personal data leaves: cases opened, outcomes per accused and charge
    (by offence), time from opening to disposition, detainees past the limit on `end`, and
    review findings recorded in the period."""
    cases = case_queryset_for(user=user)
    charges = Charge.objects.filter(
        person__case__in=cases, disposition_date__gte=start, disposition_date__lte=end
    ).select_related("person__case")
    outcomes: dict[str, int] = {}
    by_offence: dict[tuple[str, str], int] = {}
    waits: list[int] = []
    for charge in charges:
        outcomes[charge.disposition] = outcomes.get(charge.disposition, 0) + 1
        key = (charge.offence, charge.disposition)
        by_offence[key] = by_offence.get(key, 0) + 1
        assert charge.disposition_date is not None
        waits.append((charge.disposition_date - charge.person.case.opened_on).days)
    waits.sort()
    board = dashboard_for(user=user, today=end)
    reviewed = group_totals(
        ReviewItem.objects.filter(case__in=cases, reviewed_on__gte=start, reviewed_on__lte=end),
        "outcome",
    )
    return CaseFigures(
        start=start,
        end=end,
        cases_opened=cases.filter(opened_on__gte=start, opened_on__lte=end).count(),
        open_at_end=cases.filter(status=CaseFile.Status.OPEN).count(),
        outcomes=outcomes,
        outcomes_by_offence=sorted(
            ((offence, outcome, n) for (offence, outcome), n in by_offence.items()),
            key=lambda row: (-row[2], row[0]),
        ),
        median_days_to_disposition=waits[len(waits) // 2] if waits else None,
        detainees_past_limit=len(board.overdue),
        files_reviewed=reviewed,
    )


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    actor: str
    action: str
    what: str


_TIMELINE_MODELS = {
    "cases.casefile": gettext_lazy("case"),
    "cases.person": gettext_lazy("person"),
    "cases.charge": gettext_lazy("charge"),
    "cases.hearing": gettext_lazy("hearing"),
    "cases.evidence": gettext_lazy("evidence"),
    "cases.task": gettext_lazy("task"),
}


def case_timeline(case: CaseFile) -> list[TimelineEntry]:
    """Who changed what in the case and when, newest first, from the audit trail (reads and
    contents are left out). `case` must come from `case_get_for` (access already checked)."""
    ids: dict[str, list[str]] = {
        "cases.casefile": [str(case.pk)],
        "cases.person": [str(p.pk) for p in case.persons.all()],
        "cases.charge": [str(c.pk) for p in case.persons.all() for c in p.charges.all()],
        "cases.hearing": [str(h.pk) for h in case.hearings.all()],
        "cases.evidence": [str(e.pk) for e in case.evidence.all()],
        "cases.task": [str(t.pk) for t in case.tasks.all()],
    }
    condition = Q()
    for model, pks in ids.items():
        if pks:
            condition |= Q(model=model, object_pk__in=pks)
    entries = (
        AuditEntry.objects.filter(condition)
        .exclude(action=AuditEntry.Action.READ)
        .order_by("-at", "-id")[:200]
    )
    return [
        TimelineEntry(e.at, e.actor_label, e.get_action_display(), str(_TIMELINE_MODELS[e.model]))
        for e in entries
    ]


def visits_for(*, user: Any) -> list[PrisonVisit]:
    """Prison visits of the user's units (¶26), newest first; reads logged."""
    seen = Person.objects.filter(case__in=case_queryset_for(user=user)).select_related("case")
    visits = restrict_to_units(
        PrisonVisit.objects.select_related("unit").prefetch_related(
            Prefetch("detainees_met", queryset=seen, to_attr="detainees_seen")
        ),
        user=user,
        unit_path="unit",
    )
    # Only the detainees of cases the user may see: a child's name stays with the members who
    # hold juvenile access.
    found: list[PrisonVisit] = list(visits)
    audit_reads(actor=user, instances=found, note="prison visits")
    return found


def detainees_for(*, user: Any, unit: Unit) -> list[Person]:
    """People in custody in the open cases of a unit the user may see (for a visit's list)."""
    cases = case_queryset_for(user=user).filter(unit=unit, status=CaseFile.Status.OPEN)
    return list(
        Person.objects.filter(case__in=cases, detention=Person.Detention.IN_CUSTODY)
        .select_related("case")
        .order_by("full_name")
    )


def hearings_for(*, user: Any, start: dt.date, end: dt.date) -> list[Hearing]:
    """Hearings of the cases the user may see, between two dates (inclusive), in time order;
    reads logged."""
    cases = case_queryset_for(user=user)
    found = list(
        Hearing.objects.filter(case__in=cases, starts_at__date__gte=start, starts_at__date__lte=end)
        .select_related("case__unit")
        .order_by("starts_at")
    )
    audit_reads(actor=user, instances=found, note="hearings calendar")
    return found


@dataclass(frozen=True)
class Digest:
    """What a member of a unit should know today — counts only, no names (it goes by e-mail)."""

    past_limit: int
    reviews_due: int
    hearings_soon: int
    tasks_due: int

    @property
    def empty(self) -> bool:
        return not (self.past_limit or self.reviews_due or self.hearings_soon or self.tasks_due)


def digest_for(*, user: Any, today: dt.date) -> Digest:
    board = dashboard_for(user=user, today=today, note="daily digest")
    cases = case_queryset_for(user=user)
    soon = Hearing.objects.filter(
        case__in=cases,
        starts_at__date__gte=today,
        starts_at__date__lte=today + dt.timedelta(days=2),
    ).count()
    tasks = Task.objects.filter(
        case__in=cases, assignee=user, done_on=None, due_on__lte=today + dt.timedelta(days=3)
    ).count()
    return Digest(len(board.overdue), len(board.reviews_due), soon, tasks)


def unit_members(*, user: Any, units: list[Unit]) -> dict[int, list[Any]]:
    """The members of each of the user's units (to choose reviewers), by unit id."""
    allowed = {u.pk for u in units_for(user=user)}
    found: dict[int, list[Any]] = {u.pk: [] for u in units if u.pk in allowed}
    for membership in (
        Membership.objects.filter(unit_id__in=found)
        .select_related("user")
        .order_by("user__username")
    ):
        found[membership.unit_id].append(membership.user)
    return found


def unit_with_members(*, code: str) -> tuple[Unit, list[Membership]]:
    """A unit and its members by user name (for the operator's CLI and the head's page)."""
    unit = Unit.objects.select_related("country").filter(code=code).first()
    if unit is None:
        raise NotFound(_("No such unit."))
    members = list(unit.memberships.select_related("user").order_by("user__username"))
    return unit, members


def unit_managed_by(*, user: Any, code: str) -> tuple[Unit, list[Membership]]:
    """A unit and its members, for its head or an administrator; "not found" for anyone else."""
    unit, members = unit_with_members(code=code)
    heads = {m.user_id for m in members if m.is_head}
    if user_role(user) is not Role.ADMIN and getattr(user, "pk", None) not in heads:
        raise NotFound(_("No such unit."))
    return unit, members


def evidence_files_verify(*, using: str = "default") -> DigestCheck:
    """Every exhibit's stored file against the SHA-256 computed on upload: run after a restore
    (`ctassist restore`, CTASSIST_BACKUP_VERIFIERS in settings)."""
    exhibits = Evidence.objects.using(using).exclude(file="").only("pk", "file", "sha256")
    return stored_digests_check(
        "case evidence files",
        ((f"evidence {e.pk}", e.file, e.sha256) for e in exhibits.order_by("pk").iterator()),
    )


@dataclass(frozen=True)
class OfficeCaseFigures:
    """Case monitoring over a period across every unit, counts only (the periodic report is
    an aggregate: no case, person or unit leaves this function)."""

    cases_opened: int
    accused_with_outcome: dict[str, int]  # disposition: charges disposed of in the period
    files_reviewed: int


def case_figures_office(*, start: dt.date, end: dt.date) -> OfficeCaseFigures:
    """Cases opened in the period, charges disposed of in it by disposition, and review
    findings recorded in it, for every unit."""
    charges = Charge.objects.filter(disposition_date__gte=start, disposition_date__lte=end)
    return OfficeCaseFigures(
        cases_opened=CaseFile.objects.filter(opened_on__gte=start, opened_on__lte=end).count(),
        accused_with_outcome=group_totals(charges.exclude(disposition=""), "disposition"),
        files_reviewed=ReviewItem.objects.filter(
            reviewed_on__gte=start, reviewed_on__lte=end
        ).count(),
    )
