"""Checking names: the CLI and API shapes of issue 18, explained scores in the reader's
language, batch files in and out in input order; every check stored with its list versions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from ctassist.cli import main
from ctassist.screening.models import Hit, Screening, ScreeningBatch
from ctassist.screening.tests.listfiles import un_list_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _un_list():
    un_list_path()  # skip, saying why, without the frozen list


def check(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["screening", "check", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def test_cli_check_shape_and_explanation():
    out = check("--name", "Aiman al-Zawahiri", "--schema", "Person", "--birth-date", "1951")
    assert set(out) == {"list_versions", "threshold", "matches"}
    assert out["list_versions"][0]["list"] == "UN Security Council Consolidated List"
    best = out["matches"][0]
    assert set(best) == {"ref", "list", "name", "score", "explanation"}
    assert best["ref"] == "QDi.006" and 0.0 <= best["score"] <= 1.0
    features = {item["feature"] for item in best["explanation"]}
    assert {"name", "birth_date"} <= features
    assert all(set(i) == {"feature", "score", "detail"} for i in best["explanation"])
    assert any("ayman" in i["detail"].lower() for i in best["explanation"])
    scores = [m["score"] for m in out["matches"]]
    assert scores == sorted(scores, reverse=True) and min(scores) >= out["threshold"]
    stored = Screening.objects.latest("id")
    assert stored.source == "cli" and stored.created_by is None
    assert stored.versions.count() == 1 and stored.hits.count() == len(out["matches"])


def test_cli_check_exits_zero_without_a_match():
    out = check("--name", "Zzyzx Quonsettle", "--threshold", "0.9")
    assert out["matches"] == [] and out["threshold"] == 0.9


def test_cli_check_refuses_a_bad_date_clearly():
    result = CliRunner().invoke(
        main, ["screening", "check", "--name", "A", "--birth-date", "1990-02-30"]
    )
    assert result.exit_code == 1 and "birth_date" in result.stderr


def test_date_of_birth_alone_never_matches():
    out = check("--name", "Quentin Tarbuck", "--birth-date", "1951-06-19", "--threshold", "0.3")
    assert out["matches"] == []


def test_api_check_in_the_readers_language(api_client_for, persona):
    user = persona("screener", countries=("KEN",))
    api = api_client_for(user)
    answer = api.post(
        "/api/v1/screening/check",
        {"name": "أيمن الظواهري", "nationality": "EG"},
        content_type="application/json",
        headers={"Accept-Language": "fr"},
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["matches"][0]["ref"] == "QDi.006"
    details = " ".join(i["detail"] for i in body["matches"][0]["explanation"])
    assert "Égypte" in details or "Egypt" not in details  # country names, never raw codes
    assert " EG" not in details
    assert Screening.objects.get(name="أيمن الظواهري").country.code == "KEN"


def test_api_check_needs_a_state_when_the_user_has_several(api_client_for, persona):
    api = api_client_for(persona("two", countries=("KEN", "NGA")))
    answer = api.post("/api/v1/screening/check", {"name": "Omar"}, content_type="application/json")
    assert answer.status_code == 422 and answer.json()["code"] == "rule"
    answer = api.post(
        "/api/v1/screening/check",
        {"name": "Omar", "country": "NGA"},
        content_type="application/json",
    )
    assert answer.status_code == 200
    answer = api.post(
        "/api/v1/screening/check",
        {"name": "Omar", "country": "FRA"},
        content_type="application/json",
    )
    assert answer.status_code == 403


def test_public_cannot_screen(api_client_for):
    answer = api_client_for(None).post(
        "/api/v1/screening/check", {"name": "Omar"}, content_type="application/json"
    )
    assert answer.status_code == 401


BATCH = [
    {"id": "c-1", "name": "Aiman al-Zawahiri", "birth_date": "1951"},
    {"id": "c-2", "name": "Zzyzx Quonsettle"},
    {"id": "c-3", "name": "Al Qaida in the Islamic Maghreb", "schema": "Organization"},
]


def test_cli_batch_jsonl_in_input_order(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in BATCH) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["screening", "batch", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["c-1", "c-2", "c-3"]
    assert all(set(line) == {"id", "matches"} for line in lines)
    assert lines[0]["matches"][0]["ref"] == "QDi.006" and lines[1]["matches"] == []
    assert lines[2]["matches"][0]["ref"].startswith("QDe.")
    assert set(lines[0]["matches"][0]) == {"ref", "score"}
    batch = ScreeningBatch.objects.latest("id")
    assert batch.names == 3 and batch.screenings.count() == 3


def test_cli_batch_xlsx_in_csv_out(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "name", "schema", "birth_date"])
    for line in BATCH:
        sheet.append([line["id"], line["name"], line.get("schema"), line.get("birth_date")])
    sheet.append(["@SUM(1)", "Zzyzx Other", None, None])
    source = tmp_path / "in.xlsx"
    book.save(source)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["screening", "batch", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "id,ref,score"
    assert rows[1].startswith("c-1,QDi.006,")
    assert "c-2,," in rows and rows[-1] == "'@SUM(1),,"  # a formula-looking id stays text
    xlsx_out = tmp_path / "out.xlsx"
    CliRunner().invoke(main, ["screening", "batch", str(source), "--out", str(xlsx_out)])
    values = list(load_workbook(xlsx_out).active.iter_rows(values_only=True))
    assert values[0] == ("id", "ref", "score") and values[-1][0] == "@SUM(1)"


def test_a_bad_batch_line_refuses_the_batch_and_names_the_line(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(BATCH[0])
        + "\n"
        + json.dumps({"id": "c-1", "name": "dup"})
        + "\n"
        + json.dumps({"id": "c-9", "name": "X", "birth_date": "19xx"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    before = Screening.objects.count()
    result = CliRunner().invoke(main, ["screening", "batch", str(source), "--out", str(out)])
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "line 3" in result.stderr
    assert not out.exists() and Screening.objects.count() == before


def test_api_batch_same_shapes(api_client_for, persona):
    api = api_client_for(persona("batcher", countries=("KEN",)))
    answer = api.post("/api/v1/screening/batch", BATCH, content_type="application/json")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert [line["id"] for line in body] == ["c-1", "c-2", "c-3"]
    assert body[0]["matches"][0]["ref"] == "QDi.006"
    assert Hit.objects.filter(screening__batch__isnull=False).exists()


def test_every_reason_of_the_matcher_has_a_translatable_sentence():
    from ctassist.screening.explain import SENTENCES
    from ctassist.screening.matching import REASONS

    assert set(REASONS) == set(SENTENCES)
