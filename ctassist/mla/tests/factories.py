"""Factories for tracking, networks and notices (rows written directly, for access and query
tests; behaviour tests go through the services)."""

from __future__ import annotations

import datetime as dt

import factory

from ctassist.accounts.tests.factories import UserFactory
from ctassist.geo.models import State
from ctassist.mla.models import CentralAuthorityNotice, Facilitation, Network, TrackedRequest


class NetworkFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Network
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"net-{n}")
    name = factory.Sequence(lambda n: f"Test network {n}")

    @factory.post_generation
    def member_codes(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            self.members.set(State.objects.filter(code__in=extracted))


class TrackedRequestFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = TrackedRequest

    reference = factory.Sequence(lambda n: f"TEST/{n}")
    requesting_state = factory.LazyFunction(lambda: State.objects.get(code="NER"))
    requested_state = factory.LazyFunction(lambda: State.objects.get(code="FRA"))
    owner = factory.SubFactory(UserFactory)
    status = TrackedRequest.Status.SENT
    status_date = dt.date(2020, 3, 1)
    sent_on = dt.date(2020, 3, 1)


class FacilitationFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Facilitation

    network = factory.SubFactory(NetworkFactory)
    tracked = factory.SubFactory(TrackedRequestFactory)
    action = Facilitation.Action.CONTACT
    on = dt.date(2020, 3, 5)


class NoticeFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = CentralAuthorityNotice

    state = factory.LazyFunction(lambda: State.objects.get(code="FRA"))
    topic = CentralAuthorityNotice.Topic.ELECTRONIC
    answer = CentralAuthorityNotice.Answer.YES
    valid_from = dt.date(2020, 3, 31)
