from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctassist.assistance import selectors, services
from ctassist.assistance.imports import IMPORTS, import_summary
from ctassist.assistance.models import Project
from ctassist.core.access import Role, has_role_at_least
from ctassist.core.errors import FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.exports import download_named, table_export
from ctassist.core.posted import posted_version
from ctassist.core.spreadsheets import rows_from_file, template_workbook
from ctassist.geo.models import Region


def _day(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _filters(request: HttpRequest) -> selectors.Filters:
    return selectors.Filters(
        start=_day(request.GET.get("from"), dt.date(2019, 6, 1)),
        end=_day(request.GET.get("to"), dt.date(2020, 5, 31)),
        region=request.GET.get("region") or None,
        country=request.GET.get("country") or None,
        project=request.GET.get("project") or None,
    )


CHART_TABLES = ("by_region", "by_kind", "by_month", "by_sex", "by_agency")


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    board = selectors.dashboard(filters)
    fmt = request.GET.get("format")
    table = request.GET.get("table", "")
    if fmt in ("csv", "xlsx") and table in CHART_TABLES:
        return table_export(
            filename=table,
            columns=[("name", table.removeprefix("by_")), ("count", "count")],
            rows=[{"name": name, "count": n} for name, n in getattr(board, table)],
            fmt=fmt,
            note=f"{filters.start} – {filters.end}",
        )
    if fmt in ("csv", "xlsx"):
        return table_export(
            filename="activities",
            columns=[
                ("date", _("date")),
                ("title", _("activity")),
                ("kind", _("type")),
                ("country", _("country")),
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
            "countries": selectors.activity_countries(),
            "query": urlencode(
                {
                    k: v
                    for k, v in {
                        "from": filters.start.isoformat(),
                        "to": filters.end.isoformat(),
                        "region": filters.region,
                        "country": filters.country,
                        "project": filters.project,
                    }.items()
                    if v
                }
            ),
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


def _number(value: object) -> str:
    return "" if value is None else f"{value:f}".rstrip("0").rstrip(".")


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    """Indicator progress: per indicator and period the baseline, target and approved actual
    (women, men), as a table drawn as bars; staff see values awaiting approval."""
    filters = _filters(request)
    rows = selectors.indicator_progress(
        start=filters.start, end=filters.end, project=filters.project
    )
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return table_export(
            filename="indicators",
            columns=[
                ("project", _("project")),
                ("code", _("indicator")),
                ("title", _("title")),
                ("period", _("period")),
                ("baseline", _("baseline")),
                ("target", _("target")),
                ("actual", _("actual (approved)")),
                ("female", _("women")),
                ("male", _("men")),
                ("achieved", _("Share of target (%)")),
                ("source", _("source")),
            ],
            rows=[
                {
                    "project": r.indicator.project.code,
                    "code": r.indicator.code,
                    "title": r.indicator.title,
                    "period": f"{r.start}..{r.end}",
                    "baseline": _number(r.indicator.baseline_value),
                    "target": _number(r.target),
                    "actual": _number(r.actual),
                    "female": _number(r.actual_female),
                    "male": _number(r.actual_male),
                    "achieved": r.achieved_pct,
                    "source": r.source,
                }
                for r in rows
            ],
            fmt=fmt,
            note=f"{filters.start} – {filters.end}",
        )
    return render(
        request,
        "assistance/results.html",
        {
            "rows": rows,
            "filters": filters,
            "projects": Project.objects.order_by("code"),
            "pending": selectors.values_awaiting_approval(
                user=request.user, start=filters.start, end=filters.end, project=filters.project
            ),
        },
    )


@login_required
@require_POST
def value_approve(request: HttpRequest, value_id: int) -> HttpResponse:
    value = selectors.indicator_value_get(user=request.user, value_id=value_id)
    services.indicator_value_approve(
        actor=request.user, value=value, expected_version=posted_version(request)
    )
    messages.success(request, _("Value approved."))
    kept = {k: request.POST[k] for k in ("from", "to", "project") if request.POST.get(k)}
    return redirect(f"{reverse('assistance:results')}?{urlencode(kept)}")


@login_required
@require_http_methods(["GET", "POST"])
def import_sheet(request: HttpRequest) -> HttpResponse:
    """Upload a field office's sheet; every problem is listed by row and column and nothing is
    written unless all rows are right."""
    if not has_role_at_least(request.user, Role.ANALYST):
        raise PermissionDenied(_("Only office staff import data."))
    what = request.POST.get("what") or request.GET.get("what") or "activities"
    if what not in IMPORTS:
        raise Http404
    context: dict[str, object] = {"imports": IMPORTS, "what": what}
    status = 200
    upload = request.FILES.get("file")
    if request.method == "POST":
        suffix = Path(upload.name or "").suffix.lower() if upload else ""
        if upload is None or suffix not in (".csv", ".xlsx"):
            context["problems"] = [FieldProblem("file", _("Choose a .csv or .xlsx file."))]
            status = 422
        else:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"upload{suffix}"
                path.write_bytes(upload.read())
                try:
                    report = IMPORTS[what].run(actor=request.user, rows=rows_from_file(path))
                except InvalidInput as problem:
                    context["message"] = problem.message
                    context["problems"] = problem.problems
                    status = 422
                except (ValueError, KeyError, OSError):
                    context["problems"] = [FieldProblem("file", _("The file cannot be read."))]
                    status = 422
                else:
                    messages.success(request, import_summary(report))
                    return redirect(f"{request.path}?what={what}")
    return render(request, "assistance/import.html", context, status=status)


@require_GET
def import_template(request: HttpRequest, what: str) -> HttpResponse:
    kind = IMPORTS.get(what)
    if kind is None:
        raise Http404
    response = HttpResponse(
        template_workbook(
            title=str(kind.title), columns=kind.columns, required=kind.required, notes=kind.notes
        ),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    download_named(response, f"ctassist-{what}-template.xlsx")
    return response
