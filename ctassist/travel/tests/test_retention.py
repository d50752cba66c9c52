"""Retention: six months after departure names, documents and contacts are masked and the rest
kept; five years after, everything about the flight is deleted; both run by
`ctassist travel retention --today`. Re-personalisation needs a reasoned request approved by a
second person who holds the approval role."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from click.testing import CliRunner

from ctassist.core.errors import PermissionDenied
from ctassist.travel.cli import group as travel_cli
from ctassist.travel.models import Booking, Document, Flight, Message, Traveller
from ctassist.travel.selectors import traveller_identity_for
from ctassist.travel.services import (
    message_ingest,
    repersonalisation_decide,
    repersonalisation_request,
)

from .conftest import api_message, person, pnr_message

pytestmark = pytest.mark.django_db
DEPARTED = dt.datetime(2025, 3, 1, 22, 0)  # noqa: DTZ001 (local, as sent)


@pytest.fixture
def arrived(piu):
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)):
        message_ingest(actor=None, raw=api_message(person()), name="a", unit=piu.unit)
        message_ingest(actor=None, raw=pnr_message(person()), name="p", unit=piu.unit)
    return piu


def _retention(today: str) -> dict[str, int]:
    result = CliRunner().invoke(travel_cli, ["retention", "--today", today])
    assert result.exit_code == 0, result.output
    counts: dict[str, int] = json.loads(result.stdout)
    return counts


def test_depersonalised_after_six_months_then_deleted_after_five_years(arrived):
    piu = arrived
    # 182 days after departure: nothing yet
    assert _retention("2025-08-30")["travellers_depersonalised"] == 0
    counts = _retention("2025-08-31")  # 183 days
    assert counts["travellers_depersonalised"] == 1 and counts["bookings_depersonalised"] == 1
    traveller = Traveller.objects.get(unit=piu.unit)
    assert traveller.depersonalised and "OKONJO" not in (
        traveller.family_name + traveller.given_names
    )
    assert traveller.born_on is None
    assert set(Document.objects.filter(traveller=traveller).values_list("number", flat=True)) == {
        "•••"
    }
    # what is kept for analysis
    assert (traveller.nationality, traveller.role, traveller.flight.routing) == (
        "GBR",
        "passenger",
        "LHR-NBO",
    )
    booking = Booking.objects.get(unit=piu.unit)
    assert booking.payments == [{"kind": "CA", "last_digits": "•••"}]
    assert _retention("2026-01-01")["travellers_depersonalised"] == 0  # once only
    assert _retention("2030-02-28")["flights_deleted"] == 0
    counts = _retention("2030-03-01")  # five years
    assert counts["flights_deleted"] == 1 and counts["travellers_deleted"] == 1
    assert counts["messages_deleted"] == 2
    assert not Flight.objects.filter(unit=piu.unit).exists()
    assert not Message.objects.filter(unit=piu.unit).exists()


def test_repersonalisation_needs_a_second_person_with_the_approval_role(arrived, persona):
    piu = arrived
    _retention("2025-09-30")
    traveller = Traveller.objects.get(unit=piu.unit)
    request = repersonalisation_request(
        actor=piu.owner, traveller_id=traveller.pk, reason="Court order 12/2025, case X"
    )
    assert traveller_identity_for(user=piu.owner, traveller=traveller) is None
    # the requester cannot approve their own request, even holding the role
    with pytest.raises(PermissionDenied):
        repersonalisation_decide(
            actor=piu.owner, request_id=request.pk, approve=True, reason="ok", expected_version=1
        )
    # a member without the approval role cannot either
    from ctassist.travel.services import member_set

    persona("piu-plain", countries=("KEN",))
    member_set(actor=None, unit=piu.unit, username="piu-plain")
    from ctassist.accounts.models import User

    with pytest.raises(PermissionDenied):
        repersonalisation_decide(
            actor=User.objects.get(username="piu-plain"),
            request_id=request.pk,
            approve=True,
            reason="ok",
            expected_version=1,
        )
    # nor the approver of another PIU (who does not even see it)
    with pytest.raises(Exception, match="No request"):
        repersonalisation_decide(
            actor=piu.outsider, request_id=request.pk, approve=True, reason="ok", expected_version=1
        )
    assert traveller_identity_for(user=piu.owner, traveller=traveller) is None
    colleague = User.objects.get(pk=piu.colleague.pk)  # holds the approval role
    repersonalisation_decide(
        actor=colleague,
        request_id=request.pk,
        approve=True,
        reason="Order checked",
        expected_version=1,
    )
    identity = traveller_identity_for(user=piu.owner, traveller=traveller)
    assert identity is not None and identity["family_name"] == "OKONJO"
    assert traveller_identity_for(user=colleague, traveller=traveller) is None  # the requester's
