"""Factories for case records (rows written directly, for access and query tests)."""

from __future__ import annotations

import datetime as dt

import factory

from ctassist.cases.models import CaseFile, Membership, Person, Unit
from ctassist.geo.models import State


class UnitFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Prosecution unit {n}")
    country = factory.LazyFunction(lambda: State.objects.get(code="NGA"))


class MembershipFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Membership

    unit = factory.SubFactory(UnitFactory)
    is_head = False
    juvenile_access = False


class CaseFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = CaseFile

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"State v. Accused {n}")
    offence_date = dt.date(2019, 6, 1)


class PersonFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = Person

    case = factory.SubFactory(CaseFactory)
    role = Person.Role.ACCUSED
    full_name = factory.Sequence(lambda n: f"Person {n}")
