"""What a direct request to a provider must hold, and the advice the Practical Guide gives, as
plain rules over a request and the provider's profile: errors stop the request from being sent,
warnings and advice are shown beside it."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ctassist.core.checks import ERROR, Problem
from ctassist.eevidence.models import DataCategory, DataRequest, ServiceProvider


def request_problems(request: DataRequest, *, today: dt.date) -> list[Problem]:
    provider: ServiceProvider = request.provider
    problems: list[Problem] = []

    def add(field: str, severity: str, message: str) -> None:
        problems.append(Problem(field, severity, message))

    for name in ("reference", "requesting_authority", "identifiers", "offence", "facts"):
        if not str(getattr(request, name) or "").strip():
            add(name, "error", _("This element of the request is missing."))
    categories = set(request.categories or [])
    if not categories:
        add("categories", "error", _("Name the data sought: subscriber, traffic or content."))
    unknown = categories - set(DataCategory.values)
    if unknown:
        add("categories", "error", _("Unknown data category."))
    if request.period_from and request.period_to and request.period_to < request.period_from:
        add("period_to", "error", _("The period ends before it starts."))
    if request.period_to and request.period_to > today and request.kind != "preservation":
        add("period_to", "warning", _("Data cannot be disclosed for a period still to come."))
    if request.kind == DataRequest.Kind.PRESERVATION:
        if provider.accepts_preservation is False:
            add("provider", "error", _("This provider does not accept preservation requests."))
        add(
            "follow_up",
            "info",
            _(
                "A preservation keeps existing data only; to obtain it, send an MLA request "
                "before the preservation expires."
            ),
        )
    if request.kind == DataRequest.Kind.EMERGENCY:
        if not request.emergency_reason.strip():
            add(
                "emergency_reason",
                "error",
                _(
                    "Explain the imminent risk of death or serious physical injury and how the "
                    "data would prevent it."
                ),
            )
        if provider.emergency_disclosure is False:
            add(
                "provider",
                "warning",
                _("The provider's profile says it does not disclose in emergencies."),
            )
    if request.kind == DataRequest.Kind.VOLUNTARY:
        if DataCategory.CONTENT in categories:
            add(
                "categories",
                "error",
                _(
                    "Content data is not disclosed voluntarily: preserve it, then ask for it "
                    "by an MLA request."
                ),
            )
        allowed = set(provider.voluntary_categories or [])
        beyond = categories - allowed - unknown - {DataCategory.CONTENT}
        if beyond:
            add(
                "categories",
                "warning",
                _(
                    "The provider's profile does not list these categories as disclosed "
                    "voluntarily: %(c)s."
                )
                % {"c": ", ".join(str(DataCategory(c).label) for c in sorted(beyond))},
            )
    if provider.last_verified is None:
        add("provider", "warning", _("The provider's profile has never been verified."))
    elif provider.stale_on(today):
        add(
            "provider",
            "warning",
            _("The provider's profile was last verified on %(day)s: check its current policy.")
            % {"day": provider.last_verified.isoformat()},
        )
    return problems


def can_send(problems: list[Problem]) -> bool:
    return not any(p.severity == ERROR for p in problems)
