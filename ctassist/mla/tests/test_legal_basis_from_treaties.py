"""The legal basis of an MLA request is the treaty module's one answer: an effect never precedes
its deposit; a basis the records cannot confirm is a warning that says why, neither accepted nor
refused silently; the MLA verdict equals the treaty module's on every pair, instrument and date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.geo.models import State
from ctassist.mla.checks import mla_articles, request_check
from ctassist.treaties.records import shared_data_dir
from ctassist.treaties.selectors import (
    HeldAction,
    bindings_on,
    cell_status,
    treaty_snapshot,
)

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "mla-request.json"
D = dt.date.fromisoformat


def _request(requesting: str, requested: str, on: str, instrument: str, article: str) -> dict:
    data: dict = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.update(requesting_state=requesting, requested_state=requested, date=on)
    data["legal_basis"] = [{"type": "instrument", "instrument": instrument, "article": article}]
    return data


def _instrument(code: str):
    return next(i for i in treaty_snapshot().instruments if i.instrument.code == code)


def _verdict(problems, field="legal_basis.0.instrument") -> str:
    severities = {p.severity for p in problems if p.field == field}
    return "not_bound" if "error" in severities else "unconfirmed" if severities else "bound"


def test_the_uae_was_not_bound_by_the_financing_convention_before_it_acceded():
    are = State.objects.get(code="ARE")
    financing = next(
        i for i in treaty_snapshot().instruments if i.instrument.code == "FINANCING_1999"
    )
    deposit = min(h.date for h in financing.held["ARE"] if h.consent and h.date)
    assert deposit == D("2005-09-23")
    for basis in ("deposit", "effective"):
        cell = cell_status(financing, are, as_of=D("2004-06-01"), basis=basis)
        assert (cell.status, cell.party) == ("not_yet", False), basis
    result = request_check(_request("NGA", "ARE", "2004-06-01", "FINANCING_1999", "12"))
    assert not result.complete
    assert _verdict(result.problems) == "not_bound"
    icsant = request_check(_request("NGA", "ARE", "2004-06-01", "ICSANT_2005", "14"))
    assert _verdict(icsant.problems) == "not_bound"


def test_an_effect_date_not_held_is_unconfirmed_never_bound():
    item = _instrument("BOMBINGS_1997")
    state = State.objects.get(code="TUV")
    saved = item.held.get("TUV")
    try:
        item.held["TUV"] = [
            HeldAction("TUV", "accession", D("2010-05-05"), None, False, "https://x", "", True)
        ]
        before = cell_status(item, state, as_of=D("2010-05-04"), basis="effective")
        after = cell_status(item, state, as_of=D("2010-06-30"), basis="effective")
    finally:
        if saved is None:
            item.held.pop("TUV")
        else:
            item.held["TUV"] = saved
    assert (before.status, before.party) == ("not_yet", False)
    assert (after.status, after.party) == ("effect_undated", None)


def test_no_basis_says_party_before_the_deposit():
    snapshot = treaty_snapshot()
    checked = 0
    for item in snapshot.instruments:
        for code, held in item.held.items():
            state = snapshot.states[code]
            for action in held:
                if not action.consent or action.date is None or action.kind == "succession":
                    continue
                day_before = action.date - dt.timedelta(days=1)
                for basis in ("deposit", "effective"):
                    cell = cell_status(item, state, as_of=day_before, basis=basis)
                    earlier = [
                        h
                        for h in held
                        if h.consent
                        and ((h.date and h.date <= day_before) or h.kind == "succession")
                    ]
                    if not earlier:
                        assert cell.party is not True, (item.instrument.code, code, basis)
                checked += 1
    assert checked > 1000


def _candidates():
    snapshot = treaty_snapshot()
    # The States a request can name (the writer's choices): no organisation or former State.
    writable = set(
        State.objects.filter(kind__in=["member", "observer", "other"]).values_list(
            "code", flat=True
        )
    )
    codes = sorted({code for item in snapshot.instruments for code in item.held} & writable)
    days = sorted(
        {
            day
            for item in snapshot.instruments
            for held in item.held.values()
            for h in held
            for base in (h.date, h.effective_date)
            if base
            for day in (base - dt.timedelta(days=1), base)
        }
    )
    return codes, days


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_the_mla_verdict_is_the_treaty_modules(data):
    codes, days = _candidates()
    requesting = data.draw(st.sampled_from(codes))
    requested = data.draw(st.sampled_from([c for c in codes if c != requesting]))
    on = data.draw(st.sampled_from(days))
    articles = mla_articles()
    for verdict in bindings_on(state_codes=(requesting, requested), on=on):
        known = articles.get(verdict.instrument)
        if known is not None and not known.article:
            continue  # no article on mutual legal assistance: never offered as a basis
        article = known.article if known else ""
        result = request_check(
            _request(requesting, requested, on.isoformat(), verdict.instrument, article or "")
        )
        assert _verdict(result.problems) == verdict.verdict, (
            requesting,
            requested,
            on,
            verdict.instrument,
        )


def test_the_project_copy_of_the_treaty_facts_equals_the_shared_one():
    shared = shared_data_dir() / "treaties" / "instruments.csv"
    if not shared.is_file():
        pytest.skip(f"shared treaty data not found at {shared} (set CTASSIST_SHARED_DATA)")
    ours = Path(__file__).resolve().parents[2] / "treaties" / "data" / "reference"
    assert (ours / "instruments.csv").read_bytes() == shared.read_bytes()


def test_a_missing_rule_is_a_validation_error_of_the_reference_data(tmp_path):
    from ctassist.core.errors import InvalidInput
    from ctassist.treaties.services import REFERENCE_DIR, instruments_load

    rows = (REFERENCE_DIR / "reference" / "instruments.csv").read_text(encoding="utf-8")
    broken = rows.replace(
        "first_day_of_second_month,,first day of the second month",
        ",,first day of the second month",
        1,
    )
    assert broken != rows
    path = tmp_path / "instruments.csv"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        instruments_load(path=path)
    assert any(
        p.field.endswith("eif_general_offset_kind") and p.line for p in refused.value.problems
    )
    assert "no entry-into-force rule" in refused.value.message


def test_the_basis_step_says_where_its_options_come_from(client, persona):
    from ctassist.mla.services import mla_request_create, mla_request_save

    user = persona("writer", countries=("NGA",))
    draft = mla_request_create(actor=user, requesting_state="NGA")
    data = {**draft.data, "requested_state": "ARE", "date": "2004-06-01"}
    draft = mla_request_save(actor=user, request=draft, expected_version=draft.version, data=data)
    client.force_login(user)
    body = client.get(f"/cooperation/{draft.pk}/basis/").content.decode()
    note = body.split('id="basis-source">')[1].split("</p>")[0]
    assert "Instruments both States were party to on 1 June 2004" in note
    assert "from the depositary records as at" in note or "from the treaty records" in note
    # Financing: the UAE acceded in 2005, so it is not offered for a request of 2004.
    assert "Terrorist Financing" not in body.split('id="basis-source"')[1].split("Reciprocity")[0]
