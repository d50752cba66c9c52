"""Random and damaged input: a message is read (with problems) or refused with InvalidInput
naming where; nothing else ever escapes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.core.errors import InvalidInput
from ctassist.travel.messages import message_read

from .fixtures import fixture_bytes, travel_data

FIXTURES = sorted(p.name for p in travel_data().glob("*.edi")) or ["absent.edi"]


def read_or_refuse(raw: bytes) -> None:
    try:
        message = message_read(raw, name="fuzz")
    except InvalidInput as refused:
        assert refused.problems and refused.problems[0].field
        return
    assert all(p.segment >= 0 and p.message for p in message.problems)
    for traveller in message.all_travellers:
        assert "AVML" not in traveller.services


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=400))
def test_random_bytes(raw: bytes) -> None:
    read_or_refuse(raw)


@settings(max_examples=300)
@given(
    prefix=st.sampled_from([b"UNA:+.? '", b"UNB+", b"UNH+1+PAXLST:D:05B'", b"UNH+1+PNRGOV:13:1'"]),
    rest=st.text(alphabet="UNBHTZSRCIFLDOACTMGP+:'?* 0123456789\n", max_size=300),
)
def test_random_edifact_like_text(prefix: bytes, rest: str) -> None:
    read_or_refuse(prefix + rest.encode())


@st.composite
def mutated_fixture(draw: st.DrawFn) -> bytes:
    raw = bytearray(fixture_bytes(draw(st.sampled_from(FIXTURES))))
    for _ in range(draw(st.integers(1, 8))):
        if not raw:
            break
        at = draw(st.integers(0, len(raw) - 1))
        action = draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        byte = draw(st.sampled_from(list(b"+:'?* \n\x00\xffA9")))
        if action == "delete":
            del raw[at]
        elif action == "insert":
            raw.insert(at, byte)
        elif action == "replace":
            raw[at] = byte
        else:
            del raw[at:]
    return bytes(raw)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mutated_fixture())
def test_mutated_fixtures(raw: bytes) -> None:
    read_or_refuse(raw)
