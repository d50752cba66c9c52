from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctassist.assistance import selectors
from ctassist.assistance.models import Project
from ctassist.core.exports import table_export
from ctassist.geo.models import Region


def _day(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = selectors.Filters(
        start=_day(request.GET.get("from"), dt.date(2019, 6, 1)),
        end=_day(request.GET.get("to"), dt.date(2020, 5, 31)),
        region=request.GET.get("region") or None,
        country=request.GET.get("country") or None,
        project=request.GET.get("project") or None,
    )
    board = selectors.dashboard(filters)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return table_export(
            filename="activities",
            columns=[
                ("date", "date"),
                ("title", "activity"),
                ("kind", "type"),
                ("country", "country"),
            ],
            rows=[
                {
                    "date": a.start,
                    "title": a.title,
                    "kind": a.get_kind_display(),
                    "country": a.country.name if a.country else "",
                }
                for a in selectors.activities_in(filters)
                .select_related("country")
                .order_by("start")
            ],
            fmt=fmt,
            note=f"{filters.start} – {filters.end}",
        )
    return render(
        request,
        "assistance/dashboard.html",
        {
            "board": board,
            "filters": filters,
            "regions": Region.objects.filter(level="region").order_by("name_en"),
            "projects": Project.objects.order_by("code"),
        },
    )


@require_GET
def activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    item = selectors.activity_get(activity_id=activity_id)
    return render(
        request,
        "assistance/activity.html",
        {
            "activity": item,
            "attendance": item.attendance.count(),
            "participants": selectors.participants_for(user=request.user, activity=item),
        },
    )
