"""Central-authority notices: editors record them (a new notice on a topic ends the previous
one, history kept); anyone reads the current one per State and topic, and a State's history."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.core.errors import ConflictError, PermissionDenied
from ctassist.mla import selectors
from ctassist.mla.services import notice_publish, notice_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(persona):
    return persona("editor", role="editor")


def test_a_new_notice_supersedes_the_previous_and_keeps_history(editor):
    first = notice_publish(
        actor=editor,
        state_code="ITA",
        topic="urgent_only",
        answer="yes",
        valid_from=dt.date(2020, 3, 31),
        text="Only urgent requests are executed.",
    )
    second = notice_publish(
        actor=editor,
        state_code="ITA",
        topic="urgent_only",
        answer="no",
        valid_from=dt.date(2020, 5, 15),
    )
    first.refresh_from_db()
    assert first.valid_until == dt.date(2020, 5, 14) and second.valid_until is None
    april = selectors.notice_comparison(on=dt.date(2020, 4, 20))
    row = next(r for r in april.rows if r.state.code == "ITA")
    urgent = [t for t, _ in april.topics].index("urgent_only")
    assert row.cells[urgent] == first
    june = selectors.notice_comparison(on=dt.date(2020, 6, 1))
    assert next(r for r in june.rows if r.state.code == "ITA").cells[urgent] == second
    state, history = selectors.notice_history(state_code="ITA")
    assert state.code == "ITA"
    assert [n.pk for n in history] == [second.pk, first.pk]


def test_only_editors_record_and_stale_edits_conflict(persona, editor):
    with pytest.raises(PermissionDenied):
        notice_publish(
            actor=persona("p", countries=("ITA",)),
            state_code="ITA",
            topic="electronic",
            answer="yes",
            valid_from=dt.date(2020, 4, 1),
        )
    notice = notice_publish(
        actor=editor,
        state_code="ITA",
        topic="electronic",
        answer="yes",
        valid_from=dt.date(2020, 4, 1),
    )
    notice_update(actor=editor, notice=notice, expected_version=1, changes={"answer": "partly"})
    with pytest.raises(ConflictError):
        notice_update(actor=editor, notice=notice, expected_version=1, changes={"answer": "no"})


def test_the_pages_are_public(client, editor):
    notice_publish(
        actor=editor,
        state_code="ITA",
        topic="videoconference",
        answer="yes",
        valid_from=dt.date(2020, 4, 1),
        text="Hearings by videoconference are accepted.",
    )
    table = client.get("/cooperation/notices/?on=2020-05-01")
    assert table.status_code == 200 and "Italy" in table.content.decode()
    history = client.get("/cooperation/notices/ITA/")
    assert "Hearings by videoconference are accepted." in history.content.decode()
    assert client.get("/cooperation/notices/XXX/").status_code == 404
    api = client.get("/api/v1/mla/notices?on=2020-05-01")
    assert api.status_code == 200
    assert any(row["state"] == "ITA" for row in api.json())
