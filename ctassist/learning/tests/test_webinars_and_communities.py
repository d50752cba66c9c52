"""Webinars scheduled (https links only), registration of users and guests, the join link for
registrants only, the recording linked afterwards; communities joined and left; the State page
counts the State's learners without names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from click.testing import CliRunner
from django.utils import timezone

from ctassist.cli import main
from ctassist.core.errors import BrokenRule, InvalidInput, PermissionDenied
from ctassist.learning.models import Community, LearningEvent, Webinar, WebinarRegistration
from ctassist.learning.services import (
    community_member_set,
    webinar_guest_register,
    webinar_register,
    webinar_schedule,
)

pytestmark = pytest.mark.django_db


def test_the_command_schedules_and_links_the_recording() -> None:
    start = (timezone.now() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    args = ["learning", "webinar", "cli-webinar", "--title", "en=Evidence", "--title", "fr=Preuve"]
    args += ["--language", "fr", "--start", start, "--minutes", "90"]
    refused = CliRunner().invoke(main, [*args, "--join-url", "http://meet.example.org/a"])
    assert refused.exit_code == 1 and "https" in refused.output
    made = CliRunner().invoke(main, [*args, "--join-url", "https://meet.example.org/a"])
    assert made.exit_code == 0, made.output
    webinar = Webinar.objects.get(code="cli-webinar")
    assert webinar.title_in("fr") == "Preuve" and webinar.title_in("ru") == "Evidence"
    linked = CliRunner().invoke(
        main, ["learning", "recording", str(webinar.pk), "https://media.example.org/r"]
    )
    assert linked.exit_code == 0, linked.output
    webinar.refresh_from_db()
    assert webinar.recording_url == "https://media.example.org/r"


def test_scheduling_is_for_managers(school: Any) -> None:
    with pytest.raises(PermissionDenied):
        webinar_schedule(
            actor=school.learner,
            code="x",
            titles={"en": "x"},
            language="en",
            start=timezone.now(),
            duration_minutes=60,
            join_url="https://meet.example.org/x",
        )
    with pytest.raises(InvalidInput):
        webinar_schedule(
            actor=school.manager,
            code="x",
            titles={"xx": "x"},
            language="en",
            start=timezone.now(),
            duration_minutes=60,
            join_url="https://meet.example.org/x",
        )


def test_users_and_guests_register_and_only_registrants_see_the_link(
    school: Any, client: Any
) -> None:
    webinar = school.webinar
    webinar.start = timezone.now() + dt.timedelta(days=2)
    webinar.save()
    client.force_login(school.outsider)
    assert (
        "meet.example.org" not in client.get(f"/learning/webinars/{webinar.pk}/").content.decode()
    )
    client.post(f"/learning/webinars/{webinar.pk}/")
    assert WebinarRegistration.objects.filter(webinar=webinar, user=school.outsider).exists()
    assert "meet.example.org" in client.get(f"/learning/webinars/{webinar.pk}/").content.decode()
    webinar_register(actor=school.outsider, webinar=webinar)  # twice: still one
    assert WebinarRegistration.objects.filter(webinar=webinar).count() == 1
    client.logout()
    page = client.post(
        f"/learning/webinars/{webinar.pk}/",
        {"guest": "1", "full_name": "Visiting Guest", "email": "visitor@example.org"},
    )
    assert page.status_code == 200
    registration = WebinarRegistration.objects.get(webinar=webinar, guest__isnull=False)
    assert registration.guest is not None and registration.guest.email == "visitor@example.org"
    assert LearningEvent.objects.filter(webinar=webinar, verb="registered").count() == 2
    webinar.open_to_guests = False
    webinar.save()
    with pytest.raises(BrokenRule):
        webinar_guest_register(webinar=webinar, full_name="Other", email="other@example.org")


def test_communities_are_joined_and_left(school: Any, client: Any) -> None:
    community = Community.objects.create(name="Test community", kind="theme")
    client.force_login(school.learner)
    client.post("/learning/communities/", {"community": community.pk, "member": "1"})
    assert community.members.filter(pk=school.learner.pk).exists()
    page = client.get("/learning/communities/").content.decode()
    assert "Test community" in page and "1 member" in page
    client.post("/learning/communities/", {"community": community.pk, "member": "0"})
    assert not community.members.exists()
    with pytest.raises(PermissionDenied):
        community_member_set(
            actor=school.outsider, community=community, user=school.learner, member=True
        )
    community_member_set(
        actor=school.manager, community=community, user=school.learner, member=True
    )
    assert community.members.count() == 1


def test_the_state_page_counts_learners_without_names(school: Any, client: Any) -> None:
    page = client.get("/states/KEN/").content.decode()
    assert "registered on the learning platform" in page
    assert "Wanjiru Kamau" not in page
