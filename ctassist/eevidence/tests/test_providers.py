"""Provider profiles: practitioners read them, editors keep them, every save is audited and a
verification records who checked the policy and when."""

from __future__ import annotations

import pytest

from ctassist.core.models import AuditEntry
from ctassist.eevidence.models import ServiceProvider
from ctassist.eevidence.tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def test_editor_verifies_and_practitioner_reads(client, persona):
    provider = ProviderFactory(name="Acme Chat", last_verified=None)
    editor = persona("editor", role="editor")
    client.force_login(editor)
    page = client.get(f"/cooperation/e-evidence/providers/{provider.pk}/edit/")
    assert page.status_code == 200
    response = client.post(
        f"/cooperation/e-evidence/providers/{provider.pk}/edit/",
        {
            "version": provider.version,
            "name": "Acme Chat",
            "kind": "messaging",
            "jurisdiction": provider.jurisdiction_id,
            "accepts_preservation": "true",
            "preservation_days": "90",
            "emergency_disclosure": "unknown",
            "voluntary_categories": ["subscriber"],
            "verified_on": "2020-05-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:400]
    provider.refresh_from_db()
    assert provider.kind == "messaging" and provider.verified_by == editor
    assert str(provider.last_verified) == "2020-05-01" and provider.emergency_disclosure is None
    assert AuditEntry.objects.filter(model="eevidence.serviceprovider", action="update").exists()
    practitioner = persona("p", countries=("NER",))
    client.force_login(practitioner)
    listing = client.get("/cooperation/e-evidence/providers/").content.decode()
    assert "Acme Chat" in listing and "check again" in listing  # verified in 2020
    assert "subscriber information" in listing  # categories by name, not code
    assert client.get(f"/cooperation/e-evidence/providers/{provider.pk}/edit/").status_code == 403
    client.logout()
    assert client.get("/cooperation/e-evidence/providers/").status_code == 302
    assert ServiceProvider.objects.filter(name="Acme Chat").count() == 1
