"""Writes for e-evidence: provider profiles (editors; verified and dated), and data requests —
drafted by practitioners of the requesting State, sent only when complete, then moved through
their status life; a preservation's expiry computed from the provider's profile, extended, and
followed up by an MLA request; reminders before a preservation expires. Atomic and audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ctassist.core.access import can_edit_reference_data, can_work_on_cases, country_scope
from ctassist.core.audit import Actor
from ctassist.core.errors import BrokenRule, FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.services import fields_known, record_create, record_update
from ctassist.eevidence.checks import can_send, request_problems
from ctassist.eevidence.models import DataCategory, DataRequest, ServiceProvider
from ctassist.geo.models import State

PROVIDER_FIELDS = (
    "name",
    "kind",
    "jurisdiction",
    "portal_url",
    "contact",
    "accepts_preservation",
    "preservation_days",
    "extension_days",
    "emergency_disclosure",
    "voluntary_categories",
    "retention",
    "notes",
)
REQUEST_FIELDS = (
    "reference",
    "requesting_authority",
    "identifiers",
    "categories",
    "period_from",
    "period_to",
    "offence",
    "facts",
    "emergency_reason",
)
# Which status may follow which; "closed" ends any open request.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("sent", "closed"),
    "sent": ("confirmed", "disclosed", "refused", "closed"),
    "confirmed": ("disclosed", "refused", "expired", "closed"),
    "disclosed": ("closed",),
    "refused": ("closed",),
    "expired": ("closed",),
    "closed": (),
}


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "pk", None) else None


def provider_save(
    *,
    actor: Actor,
    provider: ServiceProvider | None,
    fields: dict[str, Any],
    verified_on: dt.date | None = None,
    expected_version: int | None = None,
    illustrative: bool = False,
) -> ServiceProvider:
    """Create or change a provider profile (editors). `verified_on` records that the policy was
    checked at the source that day, by the actor."""
    if actor is not None and not can_edit_reference_data(actor):
        raise PermissionDenied(_("Only editors maintain provider profiles."))
    fields_known(fields, PROVIDER_FIELDS)
    bad = set(fields.get("voluntary_categories") or []) - set(DataCategory.values)
    if bad:
        raise InvalidInput(
            _("Unknown data category."),
            problems=[FieldProblem("voluntary_categories", ", ".join(sorted(bad)))],
        )
    changes = dict(fields)
    if verified_on is not None:
        if verified_on > timezone.localdate():
            raise BrokenRule(
                _("The date cannot be in the future."),
                problems=[FieldProblem("last_verified", "future")],
            )
        changes.update(last_verified=verified_on, verified_by=_user(actor))
    if provider is None:
        return record_create(
            actor=actor, instance=ServiceProvider(**changes, illustrative=illustrative)
        )
    return record_update(
        actor=actor,
        instance=provider,
        expected_version=provider.version if expected_version is None else expected_version,
        changes=changes,
    )


def _may_act_for(actor: Actor, state: State) -> None:
    if actor is None:
        return
    if not can_work_on_cases(actor):
        raise PermissionDenied(_("Sign in as a practitioner to request data."))
    scope = country_scope(actor)
    if scope is not None and state.code not in scope:
        raise PermissionDenied(_("You act only for the States in your scope."))


def data_request_create(
    *,
    actor: Actor,
    kind: str,
    requesting_state: State,
    provider: ServiceProvider,
    fields: dict[str, Any],
    owner: Any = None,
    illustrative: bool = False,
) -> DataRequest:
    """A draft: anything may still be missing (the check lists it); nothing typed is lost."""
    _may_act_for(actor, requesting_state)
    fields_known(fields, REQUEST_FIELDS)
    if kind not in DataRequest.Kind.values:
        raise InvalidInput(_("Unknown kind of request."), problems=[FieldProblem("kind", kind)])
    reference = str(fields.get("reference") or "").strip()
    if DataRequest.objects.filter(requesting_state=requesting_state, reference=reference).exists():
        raise BrokenRule(
            _("A request with this reference already exists."),
            problems=[FieldProblem("reference", "already used")],
        )
    try:
        with transaction.atomic():
            return record_create(
                actor=actor,
                instance=DataRequest(
                    kind=kind,
                    requesting_state=requesting_state,
                    provider=provider,
                    owner=owner or _user(actor),
                    illustrative=illustrative,
                    **{**fields, "reference": reference},
                ),
            )
    except IntegrityError:  # the same reference saved at the same moment by someone else
        raise BrokenRule(
            _("A request with this reference already exists."),
            problems=[FieldProblem("reference", "already used")],
        ) from None


def data_request_update(
    *, actor: Actor, request: DataRequest, expected_version: int, fields: dict[str, Any]
) -> DataRequest:
    """Change a draft's elements (a request already sent is a record of what was sent)."""
    _may_act_for(actor, request.requesting_state)
    if request.status != DataRequest.Status.DRAFT:
        raise BrokenRule(
            _("Only a draft can be changed; record what happened next instead."),
            problems=[FieldProblem("status", request.status)],
        )
    fields_known(fields, (*REQUEST_FIELDS, "provider"))
    return record_update(
        actor=actor, instance=request, expected_version=expected_version, changes=fields
    )


def data_request_move(
    *,
    actor: Actor,
    request: DataRequest,
    expected_version: int,
    to: str,
    on: dt.date,
    reason: str = "",
    provider_reference: str = "",
    preserved_until: dt.date | None = None,
) -> DataRequest:
    """Record the next step: sent (only when the check finds no error), confirmed (a
    preservation then holds until the date the provider gives, or its profile's period),
    disclosed, refused (with the reason), expired, closed."""
    _may_act_for(actor, request.requesting_state)
    if to not in TRANSITIONS.get(request.status, ()):
        raise BrokenRule(
            _("A request cannot go from “%(from)s” to “%(to)s”.")
            % {"from": request.get_status_display(), "to": to},
            problems=[FieldProblem("to", "not allowed from the current status")],
        )
    if on > timezone.localdate():
        raise BrokenRule(
            _("The date cannot be in the future."), problems=[FieldProblem("on", "future")]
        )
    if request.sent_on and on < request.sent_on:
        raise BrokenRule(
            _("The date cannot precede the sending (%(date)s).")
            % {"date": request.sent_on.isoformat()},
            problems=[FieldProblem("on", "before sending")],
        )
    changes: dict[str, Any] = {"status": to}
    if to == "sent":
        problems = request_problems(request, today=on)
        if not can_send(problems):
            raise BrokenRule(
                _("The request is not complete; nothing was sent."),
                problems=[
                    FieldProblem(p.field, p.message) for p in problems if p.severity == "error"
                ],
            )
        changes["sent_on"] = on
    if to == "refused":
        if not reason.strip():
            raise BrokenRule(
                _("Give the reason for the refusal."), problems=[FieldProblem("reason", "required")]
            )
        changes["status_reason"] = reason.strip()
    if to == "confirmed":
        if request.kind == DataRequest.Kind.PRESERVATION:
            days = request.provider.preservation_days
            until = preserved_until or (on + dt.timedelta(days=days) if days else None)
            if until is None:
                raise BrokenRule(
                    _(
                        "Give the date until which the data is preserved: the provider's "
                        "profile does not say for how long it preserves."
                    ),
                    problems=[FieldProblem("preserved_until", "required")],
                )
            if until <= on:
                raise BrokenRule(
                    _("The preservation must end after its confirmation."),
                    problems=[FieldProblem("preserved_until", "not after the date")],
                )
            changes["preserved_until"] = until
        if provider_reference.strip():
            changes["provider_reference"] = provider_reference.strip()
    return record_update(
        actor=actor, instance=request, expected_version=expected_version, changes=changes
    )


def preservation_extend(
    *, actor: Actor, request: DataRequest, expected_version: int, on: dt.date
) -> DataRequest:
    """Ask the provider for the further period its profile allows; the expiry moves on."""
    _may_act_for(actor, request.requesting_state)
    days = request.provider.extension_days
    if request.kind != DataRequest.Kind.PRESERVATION or request.status != "confirmed":
        raise BrokenRule(
            _("Only a confirmed preservation can be extended."),
            problems=[FieldProblem("status", request.status)],
        )
    if not days:
        raise BrokenRule(
            _("The provider's profile allows no extension: send the MLA request."),
            problems=[FieldProblem("provider", "no extension")],
        )
    assert request.preserved_until is not None
    if on > request.preserved_until:
        raise BrokenRule(
            _("The preservation already expired on %(day)s.")
            % {"day": request.preserved_until.isoformat()},
            problems=[FieldProblem("on", "after expiry")],
        )
    return record_update(
        actor=actor,
        instance=request,
        expected_version=expected_version,
        changes={
            "preserved_until": request.preserved_until + dt.timedelta(days=days),
            "extensions": request.extensions + 1,
        },
        note="preservation extended",
    )


def follow_up_link(
    *, actor: Actor, request: DataRequest, expected_version: int, mla_request: Any
) -> DataRequest:
    """Record the MLA request that asks for the preserved data (the reminders then stop)."""
    _may_act_for(actor, request.requesting_state)
    if mla_request.requesting_state_id != request.requesting_state_id:
        raise BrokenRule(
            _("The MLA request must come from the same State."),
            problems=[FieldProblem("follow_up", "other State")],
        )
    return record_update(
        actor=actor,
        instance=request,
        expected_version=expected_version,
        changes={"follow_up": mla_request},
    )


@dataclass
class ReminderReport:
    requests: int = 0
    emails: int = 0


def eevidence_reminders_send(*, today: dt.date | None = None) -> ReminderReport:
    """E-mail the owner of each confirmed preservation ending within two weeks (or ended) that
    has no MLA request yet — extend it or send the request — at most once a day. The message
    names the reference and the provider, never the accounts."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    from ctassist.eevidence.selectors import preservations_expiring

    day = today or timezone.localdate()
    report = ReminderReport()
    for request in preservations_expiring(today=day).exclude(reminded_on=day):
        report.requests += 1
        owner = request.owner
        assert request.preserved_until is not None
        if owner.email and owner.is_active:
            with translation.override(getattr(owner, "language", None) or "en"):
                ended = request.preserved_until < day
                line = (
                    _("The preservation %(reference)s at %(provider)s ended on %(day)s.")
                    if ended
                    else _("The preservation %(reference)s at %(provider)s ends on %(day)s.")
                ) % {
                    "reference": request.reference,
                    "provider": request.provider.name,
                    "day": request.preserved_until.isoformat(),
                }
                advice = _(
                    "Ask the provider for an extension, or send the MLA request for the data "
                    "and record it on the preservation."
                )
                url = settings.CTASSIST_BASE_URL + reverse("eevidence:request", args=[request.pk])
                send_mail(
                    _("Preservation ending: %(reference)s") % {"reference": request.reference},
                    "\n".join([line, advice, "", url]),
                    None,
                    [owner.email],
                )
            report.emails += 1
        with transaction.atomic():
            DataRequest.objects.filter(pk=request.pk).update(reminded_on=day)
    return report
