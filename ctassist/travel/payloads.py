"""The JSON shapes the API (and pages' explanations) share."""

from __future__ import annotations

from typing import Any

from ctassist.travel.models import Flight, Hit, Traveller
from ctassist.travel.rules import met_words


def flight_out(flight: Flight) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": flight.pk,
        "flight": flight.designator,
        "departs_on": flight.departs_on.isoformat(),
        "origin": flight.origin,
        "destination": flight.destination,
        "routing": [a for a in flight.routing.split("-") if a],
        "departs_local": flight.departs_local or None,
        "arrives_local": flight.arrives_local or None,
        "unit": flight.unit.code,
        "legs": [
            {
                "from": leg.departure_airport,
                "to": leg.arrival_airport,
                "departs_local": leg.departs_local or None,
                "arrives_local": leg.arrives_local or None,
            }
            for leg in flight.legs.all()
        ],
    }
    for name in ("traveller_total", "hit_total", "pending_total"):
        if hasattr(flight, name):
            out[name.removesuffix("_total") + "s"] = getattr(flight, name)
    return out


def explanation_of(hit: Hit) -> list[dict[str, Any]]:
    """Why the hit was raised, in the reader's language: the screening app's words for a list
    match, the criteria met for a rule."""
    if hit.kind == Hit.Kind.WATCHLIST:
        from ctassist.screening.selectors import explanation_words

        return explanation_words(hit.explanation)
    return [dict(item) for item in met_words(hit.explanation)]


def hit_out(hit: Hit, *, traveller: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": hit.pk,
        "version": hit.version,
        "kind": hit.kind,
        "traveller_id": hit.traveller_id,
        "flight_id": hit.traveller.flight_id,
        "list": hit.list_name or None,
        "ref": hit.list_ref or None,
        "listed_name": hit.listed_name or None,
        "score": hit.score,
        "rule": hit.rule_version.rule.name if hit.rule_version else None,
        "rule_version": hit.rule_version.number if hit.rule_version else None,
        "explanation": explanation_of(hit),
        "decision": hit.decision,
        "reason": hit.reason,
        "decided_by": hit.decided_by.get_username() if hit.decided_by else None,
        "decided_at": hit.decided_at.isoformat() if hit.decided_at else None,
    }
    if traveller:
        out["traveller"] = hit.traveller.full_name
    return out


def traveller_out(traveller: Traveller, *, booking: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": traveller.pk,
        "flight_id": traveller.flight_id,
        "role": traveller.role,
        "family_name": traveller.family_name,
        "given_names": traveller.given_names,
        "sex": traveller.sex or None,
        "born_on": traveller.born_on.isoformat() if traveller.born_on else None,
        "nationality": traveller.nationality or None,
        "residence": traveller.residence or None,
        "embarks_at": traveller.embarks_at or None,
        "debarks_at": traveller.debarks_at or None,
        "in_transit": traveller.in_transit,
        "seat": traveller.seat or None,
        "pnr_locator": traveller.pnr_locator or None,
        "from_api": traveller.from_api,
        "from_pnr": traveller.from_pnr,
        "depersonalised": traveller.depersonalised,
        "documents": [
            {
                "kind": d.kind,
                "number": d.number,
                "issuing_state": d.issuing_state or None,
                "expires_on": d.expires_on.isoformat() if d.expires_on else None,
            }
            for d in traveller.documents.all()
        ],
    }
    if booking:
        out["contacts"] = traveller.contacts
        found = traveller.booking
        out["booking"] = (
            {
                "record_locator": found.record_locator,
                "booked_local": found.booked_local or None,
                "itinerary": found.itinerary,
                "seats": found.seats,
                "payments": found.payments,
                "contacts": found.contacts,
                "agency": found.agency,
                "history": found.history,
            }
            if found is not None
            else None
        )
    return out
