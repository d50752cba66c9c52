"""Illustrative provider profiles and data requests for `ctassist demo`. The providers are
invented (their policies must not be mistaken for a real company's); the preservation periods
follow the common pattern the Practical Guide describes (90 days, one 90-day extension)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from ctassist.accounts.models import User
from ctassist.core.setup import Progress
from ctassist.eevidence.models import DataRequest, ServiceProvider
from ctassist.eevidence.services import data_request_create, data_request_move, provider_save
from ctassist.geo.models import State

PROVIDERS: tuple[tuple[Any, ...], ...] = (
    ("Example Social Network (demo)", "social", "USA", True, 90, 90, True, ["subscriber"]),
    ("Example Messenger (demo)", "messaging", "IRL", True, 90, None, True, ["subscriber"]),
    ("Example Mail (demo)", "email", "DEU", True, 60, 30, False, []),
    ("Example Cloud Storage (demo)", "cloud", "USA", None, None, None, None, []),
)


@transaction.atomic
def eevidence_demo_load(*, progress: Progress | None = None) -> int:
    if ServiceProvider.objects.filter(illustrative=True).exists():
        return 0
    made = {}
    for name, kind, where, preserve, days, extension, emergency, voluntary in PROVIDERS:
        made[name] = provider_save(
            actor=None,
            provider=None,
            fields={
                "name": name,
                "kind": kind,
                "jurisdiction": State.objects.get(code=where),
                "portal_url": "https://example.org/law-enforcement",
                "accepts_preservation": preserve,
                "preservation_days": days,
                "extension_days": extension,
                "emergency_disclosure": emergency,
                "voluntary_categories": voluntary,
                "retention": "Illustrative: not a real provider's policy.",
            },
            verified_on=dt.date(2020, 1, 15) if preserve else None,
            illustrative=True,
        )
    owner = User.objects.filter(username="demo-central-authority-ner").first()
    if owner is None:  # the demo users are not loaded: profiles only
        return len(PROVIDERS)
    niger = State.objects.get(code="NER")
    common = {
        "requesting_authority": "Pôle judiciaire spécialisé, Niamey (demo)",
        "identifiers": "account example-user-123 (demo)",
        "offence": "financing of terrorism (demo)",
        "facts": "Transfers to a group listed as terrorist were arranged through the account "
        "(illustrative facts).",
        "period_from": dt.date(2019, 6, 1),
        "period_to": dt.date(2019, 12, 31),
    }
    preservation = data_request_create(
        actor=None,
        kind="preservation",
        requesting_state=niger,
        provider=made["Example Social Network (demo)"],
        fields={**common, "reference": "NE-PRES-2020-01", "categories": ["subscriber", "content"]},
        owner=owner,
        illustrative=True,
    )
    preservation = data_request_move(
        actor=None, request=preservation, expected_version=1, to="sent", on=dt.date(2020, 1, 20)
    )
    data_request_move(
        actor=None,
        request=preservation,
        expected_version=preservation.version,
        to="confirmed",
        on=dt.date(2020, 1, 22),
        provider_reference="LE-0001 (demo)",
    )
    disclosure = data_request_create(
        actor=None,
        kind="voluntary",
        requesting_state=niger,
        provider=made["Example Messenger (demo)"],
        fields={**common, "reference": "NE-VOL-2020-02", "categories": ["subscriber"]},
        owner=owner,
        illustrative=True,
    )
    data_request_move(
        actor=None, request=disclosure, expected_version=1, to="sent", on=dt.date(2020, 2, 3)
    )
    data_request_create(
        actor=None,
        kind="emergency",
        requesting_state=niger,
        provider=made["Example Messenger (demo)"],
        fields={**common, "reference": "NE-EMR-2020-03", "categories": ["subscriber", "traffic"]},
        owner=owner,
        illustrative=True,
    )  # a draft: the emergency is not yet explained, so the check stops it
    return len(PROVIDERS) + DataRequest.objects.filter(illustrative=True).count()
