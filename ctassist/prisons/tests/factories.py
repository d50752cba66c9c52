"""Factories for prison records."""

from __future__ import annotations

import datetime as dt

import factory

from ctassist.geo.models import State
from ctassist.prisons.models import Prison, Prisoner


class PrisonFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Prison

    code = factory.Sequence(lambda n: f"prison-{n}")
    name = factory.Sequence(lambda n: f"Prison {n}")
    country = factory.LazyFunction(lambda: State.objects.get(code="KEN"))


class PrisonerFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Prisoner

    prison = factory.SubFactory(PrisonFactory)
    number = factory.Sequence(lambda n: f"P-{n:05d}")
    full_name = factory.Sequence(lambda n: f"Generated Person {n}")
    sex = "male"
    date_of_birth = dt.date(1990, 1, 1)
    admitted_on = dt.date(2025, 1, 10)
