"""The six GTAS test messages read as the messages hold them; counts made by hand from the files
(the NAD+FL/FM groups, the TDT legs, the TIF segments), and each documented fault reported."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.travel.edifact import segments_read
from ctassist.travel.messages import kind_detect, message_digest, message_read
from ctassist.travel.records import ListKind, ReadMessage, TravellerRole

from .fixtures import fixture_bytes, travel_data

PAXLST = {
    # file: (list kind, flights and their routing, passengers, crew)
    "paxlst_d05b_passengers_2legs.edi": (
        ListKind.PASSENGERS, {"AA123": ["ATL", "ORD"], "AA124": ["ORD", "JFK"]}, 2, 0),
    "paxlst_d05b_passengers_3legs_docs.edi": (
        ListKind.PASSENGERS, {"QQ877": ["MIA", "IAD"], "QQ827": ["IAD", "JFK", "CDG"]}, 2, 0),
    "paxlst_d02b_custom_una_separators.edi": (
        ListKind.PASSENGERS, {"TN506": ["BRE", "YEU"]}, 10, 0),
    "paxlst_d02b_crew_single_line.edi": (ListKind.CREW, {"UA989": ["FRA", "IAD"]}, 0, 8),
}  # fmt: skip


def local(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    """A flight time as messages give it: local to the airport, without a zone."""
    return dt.datetime.combine(dt.date(year, month, day), dt.time(hour, minute))


def read(name: str) -> ReadMessage:
    return message_read(fixture_bytes(name), name=name)


def problems_of(message: ReadMessage) -> set[tuple[int, str]]:
    return {(p.segment, p.message) for p in message.problems}


def test_every_message_in_the_shared_folder_reads() -> None:
    files = sorted(travel_data().glob("*.edi"))
    if not files:
        pytest.skip(f"no shared travel messages at {travel_data()} (set CTASSIST_SHARED_DATA)")
    kinds = [message_read(f.read_bytes(), name=f.name).kind.value for f in files]
    assert sorted(kinds) == ["PAXLST"] * 4 + ["PNRGOV"] * 2


@pytest.mark.parametrize("name", PAXLST)
def test_paxlst_counts_equal_what_the_message_holds(name: str) -> None:
    list_kind, flights, passengers, crew = PAXLST[name]
    message = read(name)
    assert kind_detect(fixture_bytes(name)) == "PAXLST"
    assert message.list_kind is list_kind
    assert {f.designator: f.routing for f in message.flights} == flights
    assert (message.passenger_count, message.crew_count) == (passengers, crew)
    assert all(t.family_name for t in message.travellers)


def test_two_leg_list_has_times_references_and_no_problem() -> None:
    message = read("paxlst_d05b_passengers_2legs.edi")
    assert message.problems == []  # every line starts with a space: not a fault
    first_leg = message.flights[0].legs[0]
    assert first_leg.departs_at == local(2007, 2, 19, 15, 40)
    assert first_leg.arrives_at == local(2007, 2, 19, 17, 40)
    clark = message.travellers[0]
    assert (clark.family_name, clark.given_names, clark.sex) == ("CLARK", "MICHAEL", "M")
    assert clark.born_on == dt.date(1972, 9, 7)
    assert (clark.embarks_at, clark.debarks_at, clark.pnr_locator) == ("ATL", "JFK", "TYR123")
    assert message.envelope.message_version == "D05B"
    assert message.envelope.interchange_reference == "000006640"


def test_three_leg_list_keeps_documents_and_reports_the_trailing_text() -> None:
    message = read("paxlst_d05b_passengers_3legs_docs.edi")
    qq827 = message.flights[1]
    assert len(qq827.legs) == 2 and qq827.legs[1].arrives_at == local(2008, 8, 11, 6, 30)
    lang = message.travellers[1]
    assert (lang.nationality, lang.residence, lang.born_on) == ("ESP", "ESP", dt.date(1960, 6, 6))
    (passport,) = lang.documents
    assert (passport.kind, passport.number, passport.issuing_state) == ("P", "TRQWE99800", "ESP")
    assert passport.expires_on == dt.date(2009, 9, 16)
    # "13Nov09" after the UNZ, without a terminator: the 52nd segment of the file
    assert problems_of(message) == {
        (52, "7 characters after the last segment terminator were ignored")
    }


def test_custom_una_file_parses_and_its_faults_are_reported() -> None:
    message = read("paxlst_d02b_custom_una_separators.edi")
    tokenized = segments_read(fixture_bytes("paxlst_d02b_custom_una_separators.edi"))
    assert (tokenized.service.element, tokenized.service.terminator) == ("*", "$")
    assert [t.family_name for t in message.travellers][:3] == ["BETTON", "TRIBBLE", "RIDER"]
    assert message.travellers[0].documents[0].number == "178556534"
    assert problems_of(message) == {
        (3, "the segment tag 'UNG ' has spaces around it; read as UNG"),
        (113, "CNT+42 declares 136 passengers; the message holds 10"),
        (114, "UNT says the message has 121 segments; it has 111 (UNH to UNT)"),
        (114, "UNT message reference '140211180 0' is not the UNH's '1402111800'"),
    }


def test_one_line_crew_list_parses_with_its_control_faults() -> None:
    raw = fixture_bytes("paxlst_d02b_crew_single_line.edi")
    assert raw.rstrip().count(b"\n") == 0  # one line (and a final newline)
    message = read("paxlst_d02b_crew_single_line.edi")
    assert all(t.role is TravellerRole.CREW for t in message.travellers)
    steur = message.travellers[0]
    assert (steur.family_name, steur.given_names, steur.birthplace) == (
        "Steur", "Andrea Pat", "Hartford USA")  # fmt: skip
    assert message.flights[0].legs[0].departs_at == local(2017, 1, 27, 17, 25)
    # CNT+41+8 (the count in the wrong element) is read and agrees with the 8 NAD+FM
    assert problems_of(message) == {
        (109, "UNT says the message has 0000152 segments; it has 107 (UNH to UNT)"),
        (110, "UNE control reference '1402010600' is not the UNG's '1403010600'"),
        (111, "UNZ control reference '1402010600' is not the UNB's '1403010600'"),
    }


def test_pnrgov_10_two_travellers_three_tif_and_no_special_meal() -> None:
    raw = fixture_bytes("pnrgov_v10_two_travellers.edi")
    assert [s.tag for s in segments_read(raw).segments].count("TIF") == 3
    message = read("pnrgov_v10_two_travellers.edi")
    assert kind_detect(raw) == "PNRGOV" and message.envelope.message_version == "10.1"
    assert [f.designator for f in message.flights] == ["DL324"]
    (pnr,) = message.pnrs
    # the third TIF is traveller 1 again, in the check-in group of a leg
    assert [(t.family_name, t.traveller_ref) for t in pnr.travellers] == [
        ("SMITHJR", "1"), ("JONES", "2")]  # fmt: skip
    assert pnr.record_locator == "MFN4TI"
    smith = pnr.travellers[0]
    assert smith.documents[0].number == "123456789" and smith.born_on == dt.date(1964, 7, 12)
    assert smith.tickets[0].payments[0].kind == "CC"
    assert smith.tickets[0].payments[0].last_digits == "1186"
    assert [i.designator for i in pnr.itinerary] == ["DL324", "DL330", "VN67576"]
    assert {(s.flight, s.number, s.traveller_ref) for s in pnr.seats} >= {("DL324", "15A", "1")}
    assert pnr.agency is not None and pnr.agency.agency_code == "52519950"
    assert pnr.remarks == ["THIS PASSENGER IS A VIP"]
    assert len(pnr.history) == 8 and {h.action for h in pnr.history} == {"A", "X"}
    # SSR+AVML five times (record, history): none kept, all counted
    assert "AVML" not in repr(message) and "AVML" not in repr(message.pnrs)
    assert message.filtered.counts == {"special_meal": 5}
    assert problems_of(message) == {
        (88, "UNT says the message has 135 segments; it has 86 (UNH to UNT)")
    }


def test_pnrgov_13_docs_doco_one_traveller_four_tif() -> None:
    raw = fixture_bytes("pnrgov_v13_docs_doco.edi")
    assert [s.tag for s in segments_read(raw).segments].count("TIF") == 4
    message = read("pnrgov_v13_docs_doco.edi")
    assert message.envelope.message_version == "13.1"
    (pnr,) = message.pnrs
    (traveller,) = pnr.travellers  # ACKARY, then three times in the legs' check-in groups
    assert [d.kind for d in traveller.documents] == ["P", "V"]
    assert traveller.documents[1].number == "8675309"
    assert traveller.contacts[0].value == "CHARLES.ACKARY@YAHOO.COM"
    assert pnr.booked_at == local(2018, 4, 11, 12, 20)
    assert [i.designator for i in pnr.itinerary] == ["ET834", "ET706", "UA988"]
    assert [s.number for s in pnr.seats] == ["XXX", "XXX", "23K"]
    assert traveller.tickets[0].payments[0].kind == "CA"
    assert problems_of(message) == {
        (5, "TVL arrival date '1505' is a time; read as a time on the day of departure"),
        (50, "UNT says the message has 48 segments; it has 49 (UNH to UNT)"),
        (50, "UNT message reference '(none)' is not the UNH's '1'"),
        (51, "UNZ control reference '3615536630' is not the UNB's '361553663005'"),
    }


def test_a_resent_message_has_the_same_digest_however_it_is_wrapped() -> None:
    raw = fixture_bytes("paxlst_d05b_passengers_2legs.edi")
    one_line = b"".join(line.strip() for line in raw.splitlines())
    windows = raw.replace(b"\n", b"\r\n")
    assert message_digest(raw) == message_digest(one_line) == message_digest(windows)
    assert message_digest(raw) != message_digest(fixture_bytes("pnrgov_v13_docs_doco.edi"))
    assert read("paxlst_d05b_passengers_2legs.edi").digest == message_digest(raw)
