from __future__ import annotations

import datetime as dt

import factory

from ctassist.eevidence.models import DataRequest, ServiceProvider
from ctassist.geo.models import State


class ProviderFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = ServiceProvider

    name = factory.Sequence(lambda n: f"Provider {n}")
    kind = "social"
    jurisdiction = factory.LazyFunction(lambda: State.objects.get(code="USA"))
    accepts_preservation = True
    preservation_days = 90
    extension_days = 90
    emergency_disclosure = True
    voluntary_categories = factory.LazyFunction(lambda: ["subscriber"])
    last_verified = dt.date(2030, 1, 1)


class DataRequestFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = DataRequest

    kind = "preservation"
    reference = factory.Sequence(lambda n: f"REF-{n}")
    requesting_state = factory.LazyFunction(lambda: State.objects.get(code="NER"))
    requesting_authority = "Pôle judiciaire spécialisé"
    provider = factory.SubFactory(ProviderFactory)
    identifiers = "account secret-handle-42"
    categories = factory.LazyFunction(lambda: ["subscriber", "content"])
    offence = "financing of terrorism"
    facts = "Transfers arranged through the account."
