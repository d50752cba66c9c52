"""Reads for e-evidence. Provider profiles are guidance for practitioners (not public). A data
request is seen only by users of its requesting State (it names accounts); reads are logged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from ctassist.core.access import can_work_on_cases, restrict_to_country_scope
from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound
from ctassist.eevidence.models import DataRequest, ServiceProvider


def providers_for(*, user: Any) -> list[ServiceProvider]:
    if not can_work_on_cases(user):
        return []
    return list(ServiceProvider.objects.select_related("jurisdiction", "verified_by"))


def provider_get_for(*, user: Any, provider_id: int) -> ServiceProvider:
    found = next((p for p in providers_for(user=user) if p.pk == provider_id), None)
    if found is None:
        raise NotFound(f"No provider {provider_id}")
    return found


def _visible(user: Any) -> QuerySet[DataRequest]:
    if not can_work_on_cases(user):
        return DataRequest.objects.none()
    return restrict_to_country_scope(
        DataRequest.objects.select_related("provider", "requesting_state", "owner", "follow_up"),
        user=user,
        country_field="requesting_state",
    )


def data_requests_for(*, user: Any) -> list[DataRequest]:
    found = list(_visible(user))
    audit_reads(actor=user, instances=found, note="e-evidence requests")
    return found


def data_request_get_for(*, user: Any, request_id: int) -> DataRequest:
    found = _visible(user).filter(pk=request_id).first()
    if found is None:
        raise NotFound(f"No request {request_id}")
    audit_reads(actor=user, instances=[found], note="e-evidence request")
    return found


def preservations_expiring(*, today: dt.date, within_days: int = 14) -> QuerySet[DataRequest]:
    """Confirmed preservations ending within `within_days` (or already ended) whose data has no
    MLA request yet — for the reminder job, which acts for no user."""
    return DataRequest.objects.filter(
        kind=DataRequest.Kind.PRESERVATION,
        status=DataRequest.Status.CONFIRMED,
        follow_up=None,
        preserved_until__lte=today + dt.timedelta(days=within_days),
    ).select_related("owner", "provider")
