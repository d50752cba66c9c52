"""Participants are personal data: names only for office staff whose scope covers the
activity's country; reads are logged; everyone else sees counts."""

from __future__ import annotations

import pytest

from ctassist.assistance.models import Activity
from ctassist.assistance.selectors import participants_for
from ctassist.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_names_follow_role_and_scope(persona):
    activity = Activity.objects.exclude(country=None).order_by("pk").first()
    code = activity.country.code
    analyst = persona("analyst", role="analyst", countries=(code,))
    elsewhere = persona("elsewhere", role="analyst", countries=("FRA" if code != "FRA" else "KEN",))
    practitioner = persona("practitioner", countries=(code,))
    names = participants_for(user=analyst, activity=activity)
    assert names and AuditEntry.objects.filter(actor=analyst, action="read").exists()
    assert participants_for(user=elsewhere, activity=activity) == []
    assert participants_for(user=practitioner, activity=activity) is None
    assert participants_for(user=None, activity=activity) is None
