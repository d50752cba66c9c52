"""Receiving messages: every shared GTAS message is stored with the flights, passengers and
crew it holds; faults are kept as problems; a resend is recognised; a message that cannot be
read leaves nothing behind; the special meal is stored nowhere; API and PNR data for the same
person become one traveller; rules and lists raise explained hits."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from click.testing import CliRunner
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.core.models import AuditEntry
from ctassist.travel.cli import group as travel_cli
from ctassist.travel.models import Booking, Flight, Hit, Message, Traveller
from ctassist.travel.services import UnreadableMessage, message_ingest, rule_save

from .conftest import api_message, person, pnr_message
from .fixtures import fixture_bytes, travel_data

pytestmark = pytest.mark.django_db

# file: (flights, passengers, crew) as the messages hold them (see test_fixtures.py)
EXPECTED = {
    "paxlst_d05b_passengers_2legs.edi": ({"AA123", "AA124"}, 2, 0),
    "paxlst_d05b_passengers_3legs_docs.edi": ({"QQ877", "QQ827"}, 2, 0),
    "paxlst_d02b_custom_una_separators.edi": ({"TN506"}, 10, 0),
    "paxlst_d02b_crew_single_line.edi": ({"UA989"}, 0, 8),
    "pnrgov_v10_two_travellers.edi": ({"DL324"}, 2, 0),
    "pnrgov_v13_docs_doco.edi": ({"UA988"}, 1, 0),
}


def _counts(message: Message) -> tuple[set[str], int, int]:
    flights = list(message.flights.all())
    # a PAXLST naming several flights lists its travellers on each: count on the first
    travellers = Traveller.objects.filter(flight=flights[0])
    return (
        {f.designator for f in flights},
        travellers.filter(role="passenger").count(),
        travellers.filter(role="crew").count(),
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_shared_message_is_stored_with_what_it_holds(piu, name):
    result = message_ingest(actor=piu.owner, raw=fixture_bytes(name), name=name, unit=piu.unit)
    assert not result.repeated
    assert _counts(result.message) == EXPECTED[name]
    stored = Message.objects.get(pk=result.message.pk)
    assert stored.problems == result.problems  # the documented faults, with their segments
    if name == "paxlst_d02b_custom_una_separators.edi":
        assert {
            "segment": 113,
            "message": "CNT+42 declares 136 passengers; the message holds 10",
        } in stored.problems


def test_the_command_prints_the_contract_for_each_file_and_refuses_an_unreadable_one(piu, tmp_path):
    files = [str(travel_data() / name) for name in sorted(EXPECTED)]
    fixture_bytes(sorted(EXPECTED)[0])
    runner = CliRunner()
    result = runner.invoke(
        travel_cli, ["import", *files, "--format", "json", "--unit", piu.unit.code]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(line) for line in lines] == [
        {"file", "kind", "flights", "travellers", "problems"}
    ] * 6
    by_file = {line["file"].rsplit("/", 1)[1]: line for line in lines}
    assert by_file["paxlst_d02b_crew_single_line.edi"]["travellers"] == 8
    assert by_file["pnrgov_v13_docs_doco.edi"]["kind"] == "PNRGOV"
    assert by_file["paxlst_d05b_passengers_2legs.edi"]["flights"] == 2
    assert {
        "segment": 88,
        "message": "UNT says the message has 135 segments; it has 86 (UNH to UNT)",
    } in by_file["pnrgov_v10_two_travellers.edi"]["problems"]
    bad = tmp_path / "bad.edi"
    bad.write_bytes(b"UNA:+.? 'UNB+UNOA:4+X+Y'UNH+1+PAXLST:D:05B'BGM+745'NAD+FL+++'\xff1+'")
    before = (Message.objects.count(), Traveller.objects.count(), Flight.objects.count())
    refused = runner.invoke(travel_cli, ["import", str(bad), "--unit", piu.unit.code])
    assert refused.exit_code == 1
    assert "segment" in refused.stderr
    assert (Message.objects.count(), Traveller.objects.count(), Flight.objects.count()) == before


def test_the_special_meal_is_stored_nowhere(piu):
    name = "pnrgov_v10_two_travellers.edi"
    result = message_ingest(actor=None, raw=fixture_bytes(name), name=name, unit=piu.unit)
    assert result.filtered == {"special_meal": 5}
    dump = StringIO()
    call_command("dumpdata", "travel", "core.auditentry", stdout=dump)
    assert "AVML" not in dump.getvalue()
    assert "SMITHJR" in dump.getvalue()  # the dump does hold the message's travellers
    assert Message.objects.get(pk=result.message.pk).filtered == {"special_meal": 5}


def test_a_resent_message_is_recognised_and_not_stored_twice(piu):
    raw = fixture_bytes("paxlst_d05b_passengers_2legs.edi")
    first = message_ingest(actor=piu.owner, raw=raw, name="a.edi", unit=piu.unit)
    one_line = b"".join(line.strip() for line in raw.splitlines())
    again = message_ingest(actor=piu.colleague, raw=one_line, name="b.edi", unit=piu.unit)
    assert again.repeated and again.message.pk == first.message.pk
    assert again.message.times_received == 2
    assert Traveller.objects.filter(unit=piu.unit).count() == 4  # 2 travellers on 2 flights
    assert (again.flights, again.travellers) == (2, 2)


def test_a_user_receives_only_for_their_own_unit(piu):
    raw = fixture_bytes("paxlst_d05b_passengers_2legs.edi")
    with pytest.raises(UnreadableMessage.__mro__[1]):  # BrokenRule
        message_ingest(actor=piu.outsider, raw=raw, name="a.edi", unit=piu.unit.code)
    assert not Message.objects.filter(unit=piu.unit).exists()


def test_api_and_pnr_for_the_same_person_make_one_traveller(piu):
    message_ingest(
        actor=None, raw=api_message(person(), person("MWANGI", "JOY")), name="a", unit=piu.unit
    )
    message_ingest(actor=None, raw=pnr_message(person(documents=[])), name="p", unit=piu.unit)
    travellers = Traveller.objects.filter(unit=piu.unit).order_by("family_name")
    assert [(t.family_name, t.from_api, t.from_pnr) for t in travellers] == [
        ("MWANGI", True, False), ("OKONJO", True, True)]  # fmt: skip
    okonjo = travellers.get(family_name="OKONJO")
    assert okonjo.booking is not None and okonjo.booking.payments == [
        {"kind": "CA", "last_digits": ""}
    ]
    assert okonjo.documents.count() == 1


def test_a_rule_hit_says_which_criteria_were_met(piu):
    rule_save(
        actor=piu.owner,
        unit=piu.unit,
        name="Cash, late, one way",
        criteria={"payment_kinds": "CA", "booked_within_hours": 24, "one_way": True},
    )
    message_ingest(
        actor=None, raw=pnr_message(payment="CA", booked_hours_before=10), name="p", unit=piu.unit
    )
    (hit,) = Hit.objects.filter(unit=piu.unit, kind="rule")
    assert hit.rule_version.rule.name == "Cash, late, one way"
    assert [m["criterion"] for m in hit.explanation] == [
        "payment_kinds",
        "booked_within_hours",
        "one_way",
    ]
    assert hit.explanation[1]["found"] == 10.0
    # paid by card: the rule is not met, no hit
    message_ingest(
        actor=None,
        raw=pnr_message(person("ODERA", "JANE"), payment="CC", booked_hours_before=10),
        name="p2",
        unit=piu.unit,
    )
    assert Hit.objects.filter(unit=piu.unit, kind="rule").count() == 1


def test_a_listed_name_is_a_watchlist_hit_with_its_explanation(piu):
    from ctassist.screening.tests.listfiles import un_list_path

    un_list_path()
    message_ingest(
        actor=None,
        # Born the year the list gives: a date years away would lower the score (a typo in
        # the given name and another decade is not this man).
        raw=api_message(
            person("BADEGE", "ERIK", nationality="COD", documents=[], born_on=dt.date(1971, 3, 2))
        ),
        name="a",
        unit=piu.unit,
    )
    (hit,) = Hit.objects.filter(unit=piu.unit, kind="watchlist")
    assert hit.list_ref == "CDi.001" and hit.score and hit.score > 0.7
    assert hit.explanation[0]["feature"] == "name"
    assert AuditEntry.objects.filter(model="travel.message", action="create").exists()


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    raw=st.one_of(
        st.binary(max_size=300),
        st.text(alphabet="UNABGHTD+:'?* \n0123456789PAXLSTNGOV", max_size=300).map(str.encode),
        st.builds(
            lambda head, tail: head + tail,
            st.sampled_from(
                [b"UNA:+.? 'UNB+UNOA:4+X+Y'UNH+1+PAXLST:D:05B'", b"UNH+1+PNRGOV:13:1'"]
            ),
            st.binary(max_size=200),
        ),
    )
)
def test_bad_input_is_refused_clearly_and_leaves_the_database_unchanged(piu, raw):
    before = (
        Message.objects.count(),
        Traveller.objects.count(),
        Flight.objects.count(),
        Booking.objects.count(),
    )
    try:
        message_ingest(actor=None, raw=raw, name="fuzz", unit=piu.unit)
    except UnreadableMessage as error:
        assert error.message.startswith("fuzz cannot be read")
        after = (
            Message.objects.count(),
            Traveller.objects.count(),
            Flight.objects.count(),
            Booking.objects.count(),
        )
        assert after == before


def test_the_queue_folder_takes_files_and_sorts_them(piu, tmp_path):
    fixture_bytes("paxlst_d05b_passengers_2legs.edi")
    (tmp_path / "good.edi").write_bytes(fixture_bytes("paxlst_d05b_passengers_2legs.edi"))
    (tmp_path / "bad.edi").write_bytes(b"not a message")
    (tmp_path / ".partial.edi").write_bytes(b"still arriving")
    result = CliRunner().invoke(
        travel_cli, ["watch", str(tmp_path), "--once", "--unit", piu.unit.code]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "done" / "good.edi").exists()
    assert (tmp_path / "failed" / "bad.edi").exists()
    assert "Not a travel message" in (tmp_path / "failed" / "bad.edi.txt").read_text()
    assert (tmp_path / ".partial.edi").exists()
    assert json.loads(result.stdout)["travellers"] == 2
