"""Deadline reminders: the owner of an open request whose deadline is near or passed gets one
e-mail a day, and nobody else; closed requests are left alone."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from click.testing import CliRunner
from django.core import mail

from ctassist.cli import main
from ctassist.core.models import AuditEntry
from ctassist.mla.models import ReminderNotice
from ctassist.mla.services import mla_reminders_send, tracking_create, tracking_event_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(persona):
    return persona("owner", countries=("NER",))


def _tracked(owner, reference, deadline):
    return tracking_create(
        actor=owner,
        reference=reference,
        requesting_state="NER",
        requested_state="FRA",
        sent_on=dt.date(2020, 3, 2),
        deadline=deadline,
    )


@time_machine.travel(dt.datetime(2020, 4, 10, 8, tzinfo=dt.UTC), tick=False)
def test_owner_is_reminded_once_a_day_of_near_and_passed_deadlines(owner, persona):
    near = _tracked(owner, "NEAR/1", dt.date(2020, 4, 15))
    late = _tracked(owner, "LATE/1", dt.date(2020, 4, 1))
    _tracked(owner, "FAR/1", dt.date(2020, 6, 1))
    done = _tracked(owner, "DONE/1", dt.date(2020, 4, 2))
    tracking_event_record(
        actor=owner,
        tracked=done,
        expected_version=done.version,
        kind="withdrawn",
        on=dt.date(2020, 4, 3),
    )
    mail.outbox.clear()
    today = dt.date(2020, 4, 10)
    assert mla_reminders_send(today=today) == 2
    assert sorted(m.subject for m in mail.outbox) == [
        "Deadline soon: NEAR/1",
        "Overdue request LATE/1",
    ]
    assert all(m.to == ["owner@example.org"] for m in mail.outbox)
    assert "/cooperation/tracking/" in mail.outbox[0].body
    assert mla_reminders_send(today=today) == 0 and len(mail.outbox) == 2
    assert set(ReminderNotice.objects.values_list("tracked_id", flat=True)) == {near.pk, late.pk}
    assert AuditEntry.objects.filter(model="mla.remindernotice").count() == 2


def test_the_next_day_reminds_again_and_the_command_uses_today(owner):
    _tracked(owner, "LATE/2", dt.date(2020, 4, 1))
    with time_machine.travel(dt.datetime(2020, 4, 10, 8, tzinfo=dt.UTC), tick=False):
        mail.outbox.clear()
        CliRunner().invoke(main, ["mla", "reminders"])
        CliRunner().invoke(main, ["mla", "reminders"])
        assert len(mail.outbox) == 1
    with time_machine.travel(dt.datetime(2020, 4, 11, 8, tzinfo=dt.UTC), tick=False):
        CliRunner().invoke(main, ["mla", "reminders"])
        assert len(mail.outbox) == 2
