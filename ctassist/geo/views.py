from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctassist.core.errors import InvalidInput
from ctassist.geo import selectors
from ctassist.geo.models import Region, State


@require_GET
def state_list(request: HttpRequest) -> HttpResponse:
    region = request.GET.get("region") or None
    kind = request.GET.get("kind") or None
    error = None
    try:
        states = list(selectors.state_list(region=region, kinds=(kind,) if kind else None,
                                           query=request.GET.get("q") or None))
    except InvalidInput as problem:
        states, error = [], problem.message
    states.sort(key=lambda state: state.name)
    context = {
        "states": states, "error": error, "selected_region": region, "selected_kind": kind,
        "query": request.GET.get("q", ""), "kinds": State.Kind.choices,
        "regions": selectors.region_list().filter(level__in=[Region.Level.REGION,
                                                             Region.Level.SUBREGION]),
    }
    template = "geo/_state_table.html" if request.headers.get("HX-Request") else "geo/state_list.html"
    return render(request, template, context)


@require_GET
def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    state = selectors.state_get(code=code)
    return render(request, "geo/state_detail.html", {"state": state})
