"""The writer takes any number of offences, persons and measures: add, remove and reorder them
without losing what was typed; a measure keeps pointing at the same person when persons move;
the check and the document cover every item."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctassist.mla.checks import request_check
from ctassist.mla.models import MlaRequest
from ctassist.mla.services import mla_request_create, mla_request_save
from ctassist.mla.steps import items_rearrange, step_named

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "mla-request.json"
PERSONS = step_named("persons")


def _people(names: list[str]) -> dict:
    return {
        "persons": [{"name": name} for name in names],
        "assistance": [
            {"type": "banking_records", "details": {"account_holder": i}} for i in range(len(names))
        ],
    }


def _holders(document: dict) -> list[str | None]:
    names = [p.get("name") for p in document["persons"]]
    return [
        names[m["details"]["account_holder"]] if "account_holder" in m["details"] else None
        for m in document["assistance"]
    ]


def test_moving_and_removing_persons_keeps_each_measures_person():
    document = _people(["Ann", "Bob", "Cy"])
    moved = items_rearrange(document, step=PERSONS, action="up", index=2)
    assert [p["name"] for p in moved["persons"]] == ["Ann", "Cy", "Bob"]
    assert _holders(moved) == ["Ann", "Bob", "Cy"]
    removed = items_rearrange(moved, step=PERSONS, action="remove", index=0)
    assert [p["name"] for p in removed["persons"]] == ["Cy", "Bob"]
    assert _holders(removed) == [None, "Bob", "Cy"]
    added = items_rearrange(removed, step=PERSONS, action="add")
    assert len(added["persons"]) == 3 and added["persons"][-1] == {}


@given(
    st.lists(
        st.tuples(st.sampled_from(["add", "remove", "up", "down"]), st.integers(0, 5)),
        max_size=12,
    )
)
def test_any_sequence_of_changes_keeps_references_true(actions):
    document = _people(["Ann", "Bob", "Cy", "Dee"])
    for action, index in actions:
        try:
            document = items_rearrange(
                document, step=PERSONS, action=action, index=None if action == "add" else index
            )
        except ValueError:
            assert action != "add" and index >= len(document["persons"])
            continue
        # Every reference still names the person it named at the start, or was cleared.
        holders = _holders(document)
        assert all(h in (None, "Ann", "Bob", "Cy", "Dee") for h in holders)
        assert holders == [
            name if name in [p.get("name") for p in document["persons"]] else None
            for name in ["Ann", "Bob", "Cy", "Dee"]
        ]


@pytest.mark.django_db
def test_two_measures_on_the_web_are_checked_and_printed(client, persona):
    user = persona("ca", countries=("NER",))
    draft = mla_request_create(actor=user, requesting_state="NER")
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    draft = mla_request_save(actor=user, request=draft, expected_version=draft.version, data=data)
    client.force_login(user)
    url = f"/cooperation/{draft.pk}/assistance/"
    form = client.get(url).context["form"]
    posted = {name: field.value() or "" for name, field in ((n, form[n]) for n in form.fields)}
    posted = {k: v for k, v in posted.items() if v not in (None, "", [])}
    posted["version"] = draft.version
    response = client.post(url, {**posted, "item_action": "add"})
    assert response.status_code == 302 and response["Location"].endswith("#item-1")
    draft.refresh_from_db()
    assert len(draft.data["assistance"]) == 2
    assert draft.data["assistance"][0] == data["assistance"][0]  # what was typed is kept

    page = client.get(url)
    body = page.content.decode()
    assert "Measure 1" in body and "Measure 2" in body
    response = client.post(
        url,
        {
            **{k: v for k, v in posted.items() if k != "version"},
            "version": draft.version,
            "assistance__1__type": "freezing",
            "assistance__1__purpose": "Keep the funds from leaving the account.",
        },
    )
    draft.refresh_from_db()
    problems = {p.field for p in request_check(draft.data).problems if p.severity == "error"}
    assert {"assistance.1.details.assets", "assistance.1.details.location"} <= problems
    assert response.status_code == 422
    assert 'name="assistance__1__details__assets"' in response.content.decode()

    draft.data["assistance"][1]["details"] = {"assets": ["Account FR76"], "location": "Paris"}
    MlaRequest.objects.filter(pk=draft.pk).update(data=draft.data)
    assert not [p for p in request_check(draft.data).problems if p.severity == "error"]
    document = client.get(f"/cooperation/{draft.pk}/document.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(document.content)).paragraphs)
    assert "Keep the funds from leaving the account." in text and "Account FR76" in text
