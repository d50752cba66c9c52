"""The intake other apps write through: a person who took part elsewhere becomes the activity's
participant through the same registry as the attendance sheets (name folded, country, agency),
once."""

from __future__ import annotations

import pytest

from ctassist.assistance.intake import activity_participant_record
from ctassist.assistance.models import Activity, Attendance, Participant
from ctassist.core.errors import NotFound
from ctassist.geo.models import State

pytestmark = pytest.mark.django_db


def test_one_person_one_participant_one_attendance() -> None:
    activity = Activity.objects.filter(illustrative=True).first()
    assert activity is not None
    kenya = State.objects.get(code="KEN")
    first = activity_participant_record(
        actor=None,
        activity_id=activity.pk,
        full_name="Achieng  Odhiambo",
        sex="female",
        country=kenya,
    )
    again = activity_participant_record(
        actor=None,
        activity_id=activity.pk,
        full_name="achieng odhiambo",
        sex="female",
        country=kenya,
    )
    assert first and not again
    people = Participant.objects.filter(full_name__iexact="Achieng Odhiambo", country=kenya)
    assert people.count() == 1
    assert Attendance.objects.filter(activity=activity, participant=people.get()).count() == 1
    with pytest.raises(NotFound):
        activity_participant_record(
            actor=None, activity_id=10**9, full_name="X", sex="male", country=kenya
        )
