"""The treaties CLI commands and API endpoints give the documented JSON shapes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ctassist.cli import main

pytestmark = pytest.mark.django_db


def cli_json(*args):
    result = CliRunner().invoke(main, [*args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_status_shape():
    rows = cli_json("treaties", "status", "--state", "THA", "--as-of", "2019-06-01")
    assert len(rows) == 19
    assert set(rows[0]) >= {"instrument", "party", "action", "date", "effective_date"}
    icsant = next(r for r in rows if r["instrument"] == "ICSANT_2005")
    assert icsant == {
        "instrument": "ICSANT_2005",
        "party": True,
        "status": "party",
        "action": "ratification",
        "date": "2019-05-02",
        "effective_date": "2019-06-01",
    }


def test_instrument_shape():
    data = cli_json("treaties", "instrument", "MP14_2014", "--as-of", "2020-05-31")
    assert set(data) >= {
        "instrument",
        "parties",
        "signatories",
        "entry_into_force",
        "threshold_reached_by",
    }
    assert data["entry_into_force"] == "2020-01-01"
    assert data["threshold_reached_by"]["state"] == "NGA"
    assert data["threshold_reached_by"]["count"] == 22


def test_full_adherence_shape():
    rows = cli_json("treaties", "full-adherence", "--as-of", "2020-05-31")
    assert isinstance(rows, list)
    assert all(set(r) >= {"rank", "state", "date"} for r in rows)


def test_changes_shape_and_explanation():
    result = CliRunner().invoke(
        main,
        ["treaties", "changes", "--from", "2019-06-01", "--to", "2020-05-31", "--format", "json"],
    )
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    nigeria = next(r for r in rows if r["state"] == "NGA")
    assert nigeria["name"] == "Nigeria"
    assert nigeria["instruments"] == [
        {"instrument": "MP14_2014", "action": "ratification", "date": "2019-11-26"}
    ]
    kazakhstan = next(r for r in rows if r["state"] == "KAZ")
    assert kazakhstan["certain"] is False
    assert "dates of deposit are not held" in result.stderr


def test_bad_state_and_bad_date_are_clear():
    result = CliRunner().invoke(main, ["treaties", "status", "--state", "XXX"])
    assert result.exit_code == 1
    assert "XXX" in result.output
    result = CliRunner().invoke(
        main, ["treaties", "changes", "--from", "2019-02-30", "--to", "2020-01-01"]
    )
    assert result.exit_code == 2
    assert "--from" in result.output


def test_api_questions(client):
    state = client.get("/api/v1/treaties/states/THA?as_of=2019-06-01").json()
    assert len(state) == 19
    instrument = client.get("/api/v1/treaties/instruments/MP14_2014").json()
    assert instrument["parties_at_entry_into_force"] == 22
    changes = client.get("/api/v1/treaties/changes?from=2019-06-01&to=2020-05-31").json()
    assert any(s["state"] == "NGA" for s in changes["states"])
    assert changes["paragraph"]
    matrix = client.get("/api/v1/treaties/matrix?region=143&as_of=2020-05-31").json()
    assert [r["state"] for r in matrix["rows"]] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert len(client.get("/api/v1/treaties/instruments").json()) == 19
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/treaties/changes" in schema["paths"]


def test_api_bad_dates_are_422(client):
    response = client.get("/api/v1/treaties/changes?from=2020-13-01&to=2020-05-31")
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "from"
    reversed_period = client.get("/api/v1/treaties/changes?from=2020-06-01&to=2020-05-31")
    assert reversed_period.status_code == 422


def test_recording_an_action_needs_an_editor(persona, api_client_for):
    body = {
        "instrument_id": "SUA_2005",
        "participant": "Tuvalu",
        "action": "accession",
        "date": "2031-01-05",
        "source_url": "https://www.imo.org/example",
    }
    practitioner = api_client_for(persona("p", countries=("TUV",)))
    assert (
        practitioner.post(
            "/api/v1/treaties/actions", body, content_type="application/json"
        ).status_code
        == 403
    )
    editor = api_client_for(persona("e", role="editor"))
    created = editor.post("/api/v1/treaties/actions", body, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["date"] == "2031-01-05"
    bad = editor.post(
        "/api/v1/treaties/actions",
        {**body, "participant": "Atlantis"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "Atlantis" in bad.json()["message"]
