"""The illustrative tracking demo: loaded with the other demo data, idempotent, labelled, every
tracked request in a state the services allow, and figures the periodic report can quote."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from ctassist.mla import selectors
from ctassist.mla.demo import tracking_demo_load
from ctassist.mla.models import CentralAuthorityNotice, Network, TrackedRequest
from ctassist.mla.services import TRANSITIONS

pytestmark = pytest.mark.django_db


def test_demo_is_loaded_labelled_and_idempotent():
    demo = TrackedRequest.objects.filter(illustrative=True)
    assert demo.count() == 20
    assert {t.status for t in demo} == set(TRANSITIONS)
    assert Network.objects.filter(code="wacap", illustrative=True).get().members.count() == 17
    assert CentralAuthorityNotice.objects.filter(illustrative=True).count() == 11
    assert tracking_demo_load() == 0
    assert demo.count() == 20


def test_every_demo_request_followed_the_status_life():
    for tracked in TrackedRequest.objects.filter(illustrative=True).prefetch_related("events"):
        statuses = ["draft", *[e.status_after for e in tracked.events.all()]]
        for earlier, later in itertools.pairwise(statuses):
            assert later == earlier or later in TRANSITIONS[earlier], tracked.reference
        assert tracked.status == statuses[-1]
        dates = [e.on for e in tracked.events.all()]
        assert dates == sorted(dates)


def test_demo_figures_for_2019_2020():
    figures = selectors.mla_statistics(date_from=dt.date(2019, 1, 1), date_to=dt.date(2020, 12, 31))
    assert figures.requests_facilitated == 16
    assert figures.by_network["wacap"] == 10
    assert figures.median_days_sent_to_executed is not None
