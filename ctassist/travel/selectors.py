"""Reads for travel data. A PIU's records are seen by its members (in a country of their scope)
and by administrators; a user of another PIU sees nothing, and a record out of reach is "not
found". Reading traveller data needs a purpose: every such read is written to the consultation
log (who, what, why) and to the audit trail (`audit_reads`, the purpose as note)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core.access import Role, restrict_to_units, user_role
from ctassist.core.audit import audit_reads
from ctassist.core.errors import BrokenRule, FieldProblem, NotFound
from ctassist.core.grouping import group_totals
from ctassist.travel.models import (
    Consultation,
    Flight,
    Hit,
    Membership,
    Message,
    Repersonalisation,
    Rule,
    Traveller,
    Unit,
)

APPROVE_PERMISSION = "travel.approve_repersonalisation"
REVIEW_PURPOSE = "review of automated hits"
PURPOSE_MAX = 300


def units_for(*, user: Any) -> QuerySet[Unit]:
    """The PIUs whose data the user works on."""
    if user_role(user) is Role.ADMIN:
        return Unit.objects.select_related("country").all()
    memberships = restrict_to_units(Membership.objects.all(), user=user).filter(user=user)
    return Unit.objects.select_related("country").filter(pk__in=memberships.values("unit"))


def is_member(user: Any) -> bool:
    return units_for(user=user).exists()


def can_approve(user: Any, unit: Unit) -> bool:
    """The second role: approves re-personalisation in a PIU the user belongs to."""
    if not units_for(user=user).filter(pk=unit.pk).exists():
        return False
    return user_role(user) is Role.ADMIN or bool(user.has_perm(APPROVE_PERMISSION))


def unit_get_for(*, user: Any, code: str) -> Unit:
    found = units_for(user=user).filter(code=code).first()
    if found is None:
        raise NotFound(_("No passenger information unit %(code)s") % {"code": code})
    return found


def _scoped(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    return restrict_to_units(queryset, user=user, unit_path="unit").distinct()


def purpose_clean(purpose: str | None) -> str:
    text = " ".join((purpose or "").split())
    if not text:
        raise BrokenRule(
            _("Say why you consult this traveller data (the purpose is logged)."),
            problems=[FieldProblem("purpose", _("Required."))],
        )
    return text[:PURPOSE_MAX]


def consultation_log(
    *,
    user: Any,
    unit: Unit,
    purpose: str,
    what: str,
    instances: list[Any],
    flight: Flight | None = None,
    traveller: Traveller | None = None,
) -> None:
    """Who read which traveller data and why: one consultation row, and the audit trail."""
    label = user.get_username() if getattr(user, "is_authenticated", False) else "system"
    Consultation.objects.create(
        unit=unit,
        user=user if getattr(user, "is_authenticated", False) else None,
        user_label=label,
        purpose=purpose,
        what=what,
        travellers=sum(1 for i in instances if isinstance(i, Traveller)),
        flight=flight,
        traveller=traveller,
    )
    audit_reads(actor=user, instances=instances, note=f"purpose: {purpose}")


# --- flights (no personal data) ---------------------------------------------------------


def flight_queryset_for(*, user: Any) -> QuerySet[Flight]:
    return _scoped(Flight.objects.all(), user)


def flight_list_for(*, user: Any, since: dt.date | None = None, limit: int = 200) -> list[Flight]:
    """Flights newest first, with their travellers and hits counted (pending: to review)."""
    found = flight_queryset_for(user=user).select_related("unit__country")
    if since is not None:
        found = found.filter(departs_on__gte=since)
    flights = list(found.order_by("-departs_on", "-arrives_local", "-id")[:limit])
    ids = [f.pk for f in flights]
    travellers = group_totals(Traveller.objects.filter(flight_id__in=ids), "flight_id")
    hits = group_totals(Hit.objects.filter(traveller__flight_id__in=ids), "traveller__flight_id")
    pending = group_totals(
        Hit.objects.filter(traveller__flight_id__in=ids, decision=""), "traveller__flight_id"
    )
    for flight in flights:
        flight.traveller_total = travellers.get(flight.pk, 0)  # type: ignore[attr-defined]
        flight.hit_total = hits.get(flight.pk, 0)  # type: ignore[attr-defined]
        flight.pending_total = pending.get(flight.pk, 0)  # type: ignore[attr-defined]
    return flights


def flight_get_for(*, user: Any, flight_id: int) -> Flight:
    found = (
        flight_queryset_for(user=user)
        .select_related("unit__country")
        .prefetch_related("legs")
        .filter(pk=flight_id)
        .first()
    )
    if found is None:
        raise NotFound(_("No flight %(id)s") % {"id": flight_id})
    return found


def flight_counts(*, flight: Flight) -> dict[str, int]:
    roles = group_totals(flight.travellers.all(), "role")
    return {
        "passengers": roles.get(Traveller.Role.PASSENGER, 0),
        "crew": roles.get(Traveller.Role.CREW, 0),
        "hits": Hit.objects.filter(traveller__flight=flight).count(),
        "pending": Hit.objects.filter(traveller__flight=flight, decision="").count(),
    }


def flight_messages(*, flight: Flight) -> list[Message]:
    return list(flight.messages.order_by("received_at", "id"))


def flights_received_count(*, user: Any, country_code: str, days: int = 30) -> int | None:
    """Flights the user's PIUs of this State received in the last `days`; None when the user
    belongs to no PIU of that State."""
    units = units_for(user=user).filter(country__code=country_code)
    if not units.exists():
        return None
    since = timezone.now() - dt.timedelta(days=days)
    return (
        Flight.objects.filter(unit__in=units, messages__received_at__gte=since).distinct().count()
    )


# --- travellers (personal data: a purpose, logged) ------------------------------------------


def traveller_queryset_for(*, user: Any) -> QuerySet[Traveller]:
    return _scoped(Traveller.objects.all(), user)


def flight_travellers(*, user: Any, flight: Flight, purpose: str) -> list[Traveller]:
    """The travellers of a flight already fetched through `flight_get_for`, logged."""
    purpose = purpose_clean(purpose)
    found: list[Traveller] = list(
        traveller_queryset_for(user=user)
        .filter(flight=flight)
        .prefetch_related("documents")
        .annotate(hit_total=Count("hits", distinct=True))
        .order_by("role", "family_name", "id")
    )
    consultation_log(
        user=user,
        unit=flight.unit,
        purpose=purpose,
        what=Consultation.What.FLIGHT,
        instances=found,
        flight=flight,
    )
    return found


def traveller_get_for(*, user: Any, traveller_id: int, purpose: str) -> Traveller:
    purpose = purpose_clean(purpose)
    found = (
        traveller_queryset_for(user=user)
        .select_related("flight", "unit__country", "booking")
        .prefetch_related("documents")
        .filter(pk=traveller_id)
        .first()
    )
    if found is None:
        raise NotFound(_("No traveller %(id)s") % {"id": traveller_id})
    instances: list[Any] = [found, *found.documents.all()]
    if found.booking is not None:
        instances.append(found.booking)
    consultation_log(
        user=user,
        unit=found.unit,
        purpose=purpose,
        what=Consultation.What.TRAVELLER,
        instances=instances,
        flight=found.flight,
        traveller=found,
    )
    return found


def traveller_hits(*, traveller: Traveller) -> list[Hit]:
    return list(
        traveller.hits.select_related("rule_version__rule", "decided_by").order_by("kind", "id")
    )


def traveller_identity_for(*, user: Any, traveller: Traveller) -> dict[str, Any] | None:
    """A depersonalised traveller's identity, for the requester of an approved request only."""
    if not traveller.depersonalised:
        return None
    approved = Repersonalisation.objects.filter(
        traveller=traveller,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
        status=Repersonalisation.Status.APPROVED,
    ).exists()
    return dict(traveller.sealed) if approved else None


# --- hits -------------------------------------------------------------------------------


def hit_queryset_for(*, user: Any) -> QuerySet[Hit]:
    return _scoped(Hit.objects.all(), user)


def review_queue_for(*, user: Any, decision: str = "", limit: int = 200) -> list[Hit]:
    """Hits waiting for a decision (or with the given one), newest first; their travellers'
    names are shown, so the read is logged with the purpose of reviewing hits."""
    found = list(
        hit_queryset_for(user=user)
        .filter(decision=decision)
        .select_related("traveller__flight", "unit", "rule_version__rule", "decided_by")
        .order_by("-created_at", "-id")[:limit]
    )
    by_unit: dict[int, list[Any]] = {}
    for hit in found:
        by_unit.setdefault(hit.unit_id, []).extend([hit, hit.traveller])
    for unit_id, instances in by_unit.items():
        consultation_log(
            user=user,
            unit=Unit.objects.get(pk=unit_id),
            purpose=REVIEW_PURPOSE,
            what=Consultation.What.QUEUE,
            instances=instances,
        )
    return found


def hit_get_for(*, user: Any, hit_id: int, log: bool = True) -> Hit:
    found = (
        hit_queryset_for(user=user)
        .select_related("traveller__flight", "unit", "rule_version__rule", "decided_by")
        .filter(pk=hit_id)
        .first()
    )
    if found is None:
        raise NotFound(_("No hit %(id)s") % {"id": hit_id})
    if log:
        consultation_log(
            user=user,
            unit=found.unit,
            purpose=REVIEW_PURPOSE,
            what=Consultation.What.HIT,
            instances=[found, found.traveller],
            flight=found.traveller.flight,
            traveller=found.traveller,
        )
    return found


def decisions_for(*, user: Any, limit: int = 200) -> list[Hit]:
    """Decided hits, newest decision first (the decision log: who decided what, and why)."""
    return list(
        hit_queryset_for(user=user)
        .exclude(decision="")
        .select_related("traveller__flight", "decided_by", "rule_version__rule")
        .order_by("-decided_at", "-id")[:limit]
    )


# --- rules, requests, the log -------------------------------------------------------------


def rules_for(*, user: Any) -> list[Rule]:
    return list(
        _scoped(Rule.objects.all(), user)
        .select_related("unit")
        .prefetch_related("versions")
        .order_by("unit__name", "name")
    )


def rule_get_for(*, user: Any, rule_id: int) -> Rule:
    found: Rule | None = (
        _scoped(Rule.objects.all(), user).select_related("unit").filter(pk=rule_id).first()
    )
    if found is None:
        raise NotFound(_("No rule %(id)s") % {"id": rule_id})
    return found


def requests_for(*, user: Any) -> list[Repersonalisation]:
    return list(
        _scoped(Repersonalisation.objects.all(), user)
        .select_related("traveller__flight", "requested_by", "decided_by", "unit")
        .order_by("-created_at", "-id")
    )


def request_get_for(*, user: Any, request_id: int) -> Repersonalisation:
    found: Repersonalisation | None = (
        _scoped(Repersonalisation.objects.all(), user)
        .select_related("traveller__flight", "requested_by", "unit")
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise NotFound(_("No request %(id)s") % {"id": request_id})
    return found


def consultations_for(*, user: Any, limit: int = 300) -> list[Consultation]:
    return list(
        _scoped(Consultation.objects.all(), user)
        .select_related("flight", "unit")
        .order_by("-at", "-id")[:limit]
    )


# --- statistics for the report -------------------------------------------------------------


@dataclass(frozen=True)
class TravelStatistics:
    flights: int
    travellers: int
    hits: int
    by_flight: list[dict[str, Any]]
    by_route: list[dict[str, Any]]
    by_hit_type: list[dict[str, Any]]


def statistics_for(*, user: Any, since: dt.date | None = None) -> TravelStatistics:
    """Counts only (no personal data): by flight, by route, by hit type and decision."""
    flights = flight_queryset_for(user=user)
    if since is not None:
        flights = flights.filter(departs_on__gte=since)
    travellers = Traveller.objects.filter(flight__in=flights)
    hits = Hit.objects.filter(traveller__flight__in=flights)
    per_flight_travellers = group_totals(travellers, "flight_id")
    per_flight_hits = group_totals(hits, "traveller__flight_id")
    top = sorted(per_flight_hits.items(), key=lambda item: (-item[1], item[0]))[:20]
    named = {f.pk: f for f in Flight.objects.filter(pk__in=[pk for pk, _n in top])}
    by_flight = [
        {"flight": named[pk], "travellers": per_flight_travellers.get(pk, 0), "hits": n}
        for pk, n in top
        if pk in named
    ]
    routes = group_totals(flights, "origin", "destination")
    route_travellers = group_totals(travellers, "flight__origin", "flight__destination")
    route_hits = group_totals(hits, "traveller__flight__origin", "traveller__flight__destination")
    by_route = [
        {
            "origin": origin,
            "destination": destination,
            "flights": n,
            "travellers": route_travellers.get((origin, destination), 0),
            "hits": route_hits.get((origin, destination), 0),
        }
        for (origin, destination), n in sorted(routes.items(), key=lambda i: (-i[1], i[0]))
    ]
    types = group_totals(hits, "kind", "decision")
    by_hit_type = [
        {
            "kind": Hit.Kind(kind).label,
            "decision": Hit.Decision(decision).label,
            "hits": n,
        }
        for (kind, decision), n in sorted(types.items())
    ]
    return TravelStatistics(
        flights=flights.count(),
        travellers=travellers.count(),
        hits=hits.count(),
        by_flight=by_flight,
        by_route=by_route,
        by_hit_type=by_hit_type,
    )


def pending_count_for(*, user: Any) -> int:
    return hit_queryset_for(user=user).filter(decision="").count()
