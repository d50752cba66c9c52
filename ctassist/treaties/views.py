from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ctassist.core.access import can_edit_reference_data
from ctassist.core.errors import FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.exports import EXPORT_FORMATS, table_export
from ctassist.core.sections import sections_gather
from ctassist.geo.selectors import region_list
from ctassist.treaties import charts, selectors, services
from ctassist.treaties.forms import ActionForm
from ctassist.treaties.paragraph import basis_explanation, period_paragraph
from ctassist.treaties.tables import (
    instrument_list_table,
    matrix_table,
    parties_table,
    period_table,
    profile_table,
)
from ctassist.treaties.templatetags.treaties import status_class


def _date_param(request: HttpRequest, name: str, default: dt.date | None) -> dt.date | None:
    value = request.GET.get(name) or ""
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("%(field)s must be a date written YYYY-MM-DD, not %(value)r")
            % {"field": name, "value": value},
            problems=[FieldProblem(name, "YYYY-MM-DD")],
        ) from None


def _common(request: HttpRequest) -> dict[str, Any]:
    return {
        "as_of": _date_param(request, "as_of", timezone.localdate()),
        "basis": request.GET.get("basis") or "deposit",
    }


def _export(request: HttpRequest, table: dict[str, Any]) -> HttpResponse | None:
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return table_export(fmt=fmt, **table)
    return None


MAP_TITLE = gettext_lazy("Status by State")
MAP_DESCRIPTION = gettext_lazy("World map coloured by each State's status for this instrument")
# The map is an image the browser keeps (its address names the date and basis); an hour, so an
# action an editor records shows the same day.
MAP_MAX_AGE = 3600


@require_GET
def instrument_list(request: HttpRequest) -> HttpResponse:
    params = _common(request)
    snapshot = selectors.treaty_snapshot()
    statuses = [
        selectors.instrument_status(code=item.instrument.code, snapshot=snapshot, **params)
        for item in snapshot.instruments
    ]
    return _export(request, instrument_list_table(statuses)) or render(
        request, "treaties/instrument_list.html", {"statuses": statuses, **params}
    )


@require_GET
def instrument_detail(request: HttpRequest, code: str) -> HttpResponse:
    params = _common(request)
    snapshot = selectors.treaty_snapshot()
    status = selectors.instrument_status(code=code, snapshot=snapshot, **params)
    if (response := _export(request, parties_table(status))) is not None:
        return response
    markers = [(status.data.general_eif, _("entry into force"))] if status.data.general_eif else []
    chart_svg = charts.step_chart_svg(
        points=status.over_time,
        title=_("Parties over time"),
        description=_("Number of States parties held in the records, by date"),
        x_label=_("date"),
        y_label=_("parties"),
        markers=markers,
    )
    map_width, map_height = charts.world_map_size()
    return render(
        request,
        "treaties/instrument_detail.html",
        {
            "status": status,
            "chart_svg": chart_svg,
            "map": {"title": MAP_TITLE, "description": MAP_DESCRIPTION},
            "map_width": map_width,
            "map_height": map_height,
            **params,
            "legend": selectors.STATUS_ORDER,
            "sections": sections_gather(page="instrument", request=request, subject=code),
        },
    )


@require_GET
def instrument_map(request: HttpRequest, code: str) -> HttpResponse:
    """The instrument page's world map as an SVG file, in the page's language."""
    params = _common(request)
    snapshot = selectors.treaty_snapshot()
    status = selectors.instrument_status(code=code, snapshot=snapshot, **params)
    fills = {}
    titles = {}
    for item in snapshot.states.values():
        if not item.m49:
            continue
        cell = selectors.cell_status(status.data, item, as_of=status.as_of, basis=status.basis)
        fills[item.m49] = status_class(cell.status)
        titles[item.m49] = f"{item.name}: {selectors.status_label(cell.status)}"
    svg = charts.world_map_svg(
        fill_by_m49=fills,
        title_by_m49=titles,
        title=str(MAP_TITLE),
        description=str(MAP_DESCRIPTION),
        standalone=True,
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    patch_cache_control(response, public=True, max_age=MAP_MAX_AGE)
    return response


@require_GET
def state_profile(request: HttpRequest, code: str) -> HttpResponse:
    params = _common(request)
    profile = selectors.state_profile(code=code, **params)
    sections = sections_gather(
        page="state", request=request, subject=profile.state.code, exclude_app="treaties"
    )
    return _export(request, profile_table(profile)) or render(
        request,
        "treaties/state_profile.html",
        {"profile": profile, "sections": sections, **params},
    )


@require_GET
def matrix(request: HttpRequest) -> HttpResponse:
    params = _common(request)
    region = request.GET.get("region") or None
    result = selectors.adherence_matrix(region=region, **params)
    return _export(request, matrix_table(result)) or render(
        request,
        "treaties/matrix.html",
        {
            "matrix": result,
            "region": region,
            **params,
            "regions": region_list().filter(level__in=["region", "subregion"]),
            "legend": selectors.STATUS_ORDER,
        },
    )


@require_GET
def period(request: HttpRequest) -> HttpResponse:
    start = _date_param(request, "from", dt.date(2019, 6, 1))
    end = _date_param(request, "to", dt.date(2020, 5, 31))
    assert start is not None and end is not None
    basis = request.GET.get("basis") or "deposit"
    changes = selectors.period_changes(start=start, end=end, basis=basis)
    other = selectors.period_changes(
        start=start, end=end, basis="effective" if changes.basis == "deposit" else "deposit"
    )
    return _export(request, period_table(changes)) or render(
        request,
        "treaties/period.html",
        {
            "changes": changes,
            "paragraph": period_paragraph(changes),
            "explanation": basis_explanation(changes, other),
            "basis": basis,
            "start": start,
            "end": end,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest) -> HttpResponse:
    """Editors record an action from a depositary notification (same service as the import)."""
    if not can_edit_reference_data(request.user):
        raise PermissionDenied(_("Only editors and administrators can record treaty actions."))
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_record(actor=request.user, row=form.as_row())
        except InvalidInput as problem:
            for item in problem.problems:
                form.add_error(item.field if item.field in form.fields else None, item.message)
        else:
            messages.success(request, _("Recorded: %(action)s") % {"action": action})
            return redirect("treaties:state_profile", code=action.state.code)
    return render(
        request, "treaties/action_form.html", {"form": form}, status=422 if form.errors else 200
    )
