"""Reads of MLA requests: only the authorities of the two States party to a request see it
(users whose countries include the requesting or the requested State); reads are logged."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ctassist.core.access import can_work_on_cases, restrict_to_any_country
from ctassist.core.audit import audit_reads
from ctassist.core.errors import NotFound
from ctassist.mla.models import MlaRequest


def _visible(user: Any) -> QuerySet[MlaRequest]:
    if not can_work_on_cases(user):
        return MlaRequest.objects.none()
    return restrict_to_any_country(
        MlaRequest.objects.select_related("requesting_state", "requested_state", "owner"),
        user=user,
        country_fields=("requesting_state", "requested_state"),
    )


def mla_request_list_for(*, user: Any) -> list[MlaRequest]:
    found = list(_visible(user))
    audit_reads(actor=user, instances=found, note="request list")
    return found


def mla_request_get_for(*, user: Any, request_id: int) -> MlaRequest:
    found = _visible(user).filter(pk=request_id).first()
    if found is None:
        raise NotFound(f"No request {request_id}")
    audit_reads(actor=user, instances=[found], note="request")
    return found
