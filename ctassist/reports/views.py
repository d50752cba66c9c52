"""The periodic report in the web UI: the period's figures, the document in the six languages,
and the staff-written highlights it merges. Office staff only (drafts live here)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ctassist.assistance.selectors import ThematicArea
from ctassist.core.access import Role, has_role_at_least
from ctassist.core.errors import FieldProblem, InvalidInput, NotFound, PermissionDenied
from ctassist.core.exports import download_named
from ctassist.core.posted import date_param, posted_version
from ctassist.geo.models import Region
from ctassist.reports import selectors, services
from ctassist.reports.document import REPORT_FORMATS, report_file
from ctassist.reports.figures import period_figures
from ctassist.reports.models import Highlight


def _staff(request: HttpRequest) -> None:
    if not has_role_at_least(request.user, Role.ANALYST):
        raise PermissionDenied(_("The periodic report is prepared by office staff."))


def _period(data: QueryDict) -> tuple[dt.date, dt.date]:
    return (
        date_param(data, "from", dt.date(2019, 6, 1)),
        date_param(data, "to", dt.date(2020, 5, 31)),
    )


@login_required
@require_GET
def period(request: HttpRequest) -> HttpResponse:
    _staff(request)
    start, end = _period(request.GET)
    return render(
        request,
        "reports/page.html",
        {
            "start": start,
            "end": end,
            "figures": period_figures(start, end).values() if end >= start else [],
            "highlights": selectors.highlights_list(start=start, end=end),
            "report_languages": settings.LANGUAGES,
            "language": get_language(),
            "formats": list(REPORT_FORMATS),
            "areas": ThematicArea.choices,
            "regions": Region.objects.filter(level="region").order_by("name_en"),
            "statuses": Highlight.Status.choices,
        },
    )


@login_required
@require_GET
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    _staff(request)
    start, end = _period(request.GET)
    language = request.GET.get("language") or "en"
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(_("Unknown language."), problems=[FieldProblem("language", language)])
    content = report_file(start, end, fmt=fmt, language=language)
    response = HttpResponse(content, content_type=REPORT_FORMATS[fmt])
    name = f"report-{start.isoformat()}-{end.isoformat()}-{language}.{fmt}"
    download_named(response, name, inline=fmt == "html")
    return response


def _back(start: dt.date, end: dt.date) -> HttpResponse:
    query = urlencode({"from": start.isoformat(), "to": end.isoformat()})
    return redirect(f"{reverse('reports:period')}?{query}#highlights")


@login_required
@require_POST
def highlight_add(request: HttpRequest) -> HttpResponse:
    _staff(request)
    start, end = _period(request.POST)
    region_code = request.POST.get("region", "")
    region = Region.objects.filter(m49=region_code).first() if region_code else None
    if region_code and region is None:
        raise InvalidInput(_("Unknown region."), problems=[FieldProblem("region", region_code)])
    services.highlight_create(
        actor=request.user,
        on=date_param(request.POST, "on", start),
        thematic_area=request.POST.get("thematic_area", ""),
        region=region,
        text=request.POST.get("text", ""),
        language=request.POST.get("language", "en"),
        status=request.POST.get("status", Highlight.Status.DRAFT),
    )
    messages.success(request, _("Highlight saved."))
    return _back(start, end)


@login_required
@require_POST
def highlight_status(request: HttpRequest, highlight_id: int) -> HttpResponse:
    _staff(request)
    start, end = _period(request.POST)
    found = Highlight.objects.filter(pk=highlight_id).first()
    if found is None:
        raise NotFound(_("No such highlight."))
    services.highlight_update(
        actor=request.user,
        highlight=found,
        expected_version=posted_version(request),
        changes={"status": request.POST.get("status", "")},
    )
    messages.success(request, _("Highlight updated."))
    return _back(start, end)
