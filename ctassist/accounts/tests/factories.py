from __future__ import annotations

from typing import Any

import factory

from ctassist.accounts.models import User
from ctassist.geo.models import State


class UserFactory(factory.django.DjangoModelFactory):  # type: ignore[misc]
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = "practitioner"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def countries(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.countries.set(State.objects.filter(code__in=list(extracted)))
