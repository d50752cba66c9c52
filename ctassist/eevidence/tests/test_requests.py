"""A data request's life through the pages: drafted by the requesting State's practitioner,
stopped at sending while incomplete, confirmed (a preservation then ends when the provider's
period says), extended, followed up by an MLA request; its document; stale edits conflict."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from ctassist.eevidence.models import DataRequest
from ctassist.eevidence.tests.factories import ProviderFactory
from ctassist.mla.services import mla_request_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(persona):
    return persona("ner-officer", countries=("NER",))


def _draft(client, provider, **extra):
    data = {
        "kind": "preservation",
        "requesting_state": "NER",
        "provider": provider.pk,
        "reference": "NE-P-1",
        "requesting_authority": "Pôle judiciaire spécialisé",
        "identifiers": "account secret-handle-42",
        "categories": ["subscriber", "content"],
        "offence": "financing of terrorism",
        "facts": "",
        **extra,
    }
    response = client.post("/cooperation/e-evidence/new/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return DataRequest.objects.get(reference=data["reference"])


def test_preservation_from_draft_to_mla_follow_up(client, officer):
    provider = ProviderFactory(preservation_days=90, extension_days=90)
    client.force_login(officer)
    item = _draft(client, provider)
    page = client.get(f"/cooperation/e-evidence/{item.pk}/").content.decode()
    assert "facts" in page and "This element of the request is missing." in page
    refused = client.post(
        f"/cooperation/e-evidence/{item.pk}/move/",
        {"version": item.version, "to": "sent", "on": "2020-01-20"},
    )
    assert refused.status_code == 422
    item.refresh_from_db()
    assert item.status == "draft"
    DataRequest.objects.filter(pk=item.pk).update(facts="Transfers arranged through the account.")
    item.refresh_from_db()
    for to, on in (("sent", "2020-01-20"), ("confirmed", "2020-01-22")):
        response = client.post(
            f"/cooperation/e-evidence/{item.pk}/move/",
            {"version": item.version, "to": to, "on": on},
        )
        assert response.status_code == 302
        item.refresh_from_db()
    assert item.preserved_until == dt.date(2020, 4, 21)  # 90 days after confirmation
    client.post(
        f"/cooperation/e-evidence/{item.pk}/extend/", {"version": item.version, "on": "2020-04-01"}
    )
    item.refresh_from_db()
    assert item.preserved_until == dt.date(2020, 7, 20) and item.extensions == 1
    stale = client.post(
        f"/cooperation/e-evidence/{item.pk}/extend/",
        {"version": item.version - 1, "on": "2020-04-02"},
    )
    assert stale.status_code == 409
    follow = mla_request_create(actor=officer, requesting_state="NER")
    client.post(
        f"/cooperation/e-evidence/{item.pk}/follow-up/",
        {"version": item.version, "mla_request": follow.pk},
    )
    item.refresh_from_db()
    assert item.follow_up_id == follow.pk
    document = client.get(f"/cooperation/e-evidence/{item.pk}/document.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(document.content)).paragraphs)
    assert "Request for the preservation of stored data" in text and "NE-P-1" in text
    pdf = client.get(f"/cooperation/e-evidence/{item.pk}/document.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_refusal_needs_reason_and_no_going_back(client, officer):
    client.force_login(officer)
    item = _draft(client, ProviderFactory(), kind="voluntary", categories=["subscriber"], facts="F")
    for to in ("sent",):
        client.post(
            f"/cooperation/e-evidence/{item.pk}/move/",
            {"version": item.version, "to": to, "on": "2020-02-03"},
        )
        item.refresh_from_db()
    response = client.post(
        f"/cooperation/e-evidence/{item.pk}/move/",
        {"version": item.version, "to": "refused", "on": "2020-02-10"},
    )
    assert response.status_code == 422
    client.post(
        f"/cooperation/e-evidence/{item.pk}/move/",
        {"version": item.version, "to": "refused", "on": "2020-02-10", "reason": "no account"},
    )
    item.refresh_from_db()
    assert item.status == "refused" and item.status_reason == "no account"
    back = client.post(
        f"/cooperation/e-evidence/{item.pk}/move/",
        {"version": item.version, "to": "sent", "on": "2020-02-11"},
    )
    assert back.status_code == 422


def test_provider_without_period_needs_the_date(client, officer):
    client.force_login(officer)
    provider = ProviderFactory(preservation_days=None)
    item = _draft(client, provider, facts="F")
    client.post(
        f"/cooperation/e-evidence/{item.pk}/move/", {"version": 1, "to": "sent", "on": "2020-01-20"}
    )
    item.refresh_from_db()
    missing = client.post(
        f"/cooperation/e-evidence/{item.pk}/move/",
        {"version": item.version, "to": "confirmed", "on": "2020-01-22"},
    )
    assert missing.status_code == 422 and "preserved" in missing.content.decode()
