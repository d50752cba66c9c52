from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ctassist.core.access import can_edit_reference_data
from ctassist.core.errors import ConflictError, InvalidInput, PermissionDenied
from ctassist.core.sections import sections_gather
from ctassist.geo import selectors, services
from ctassist.geo.forms import StateNamesForm
from ctassist.geo.models import Region, State


@require_GET
def state_list(request: HttpRequest) -> HttpResponse:
    region = request.GET.get("region") or None
    kind = request.GET.get("kind") or None
    error = None
    try:
        states = list(
            selectors.state_list(
                region=region, kinds=(kind,) if kind else None, query=request.GET.get("q") or None
            )
        )
    except InvalidInput as problem:
        states, error = [], problem.message
    states.sort(key=lambda state: state.name)
    context = {
        "states": states,
        "error": error,
        "selected_region": region,
        "selected_kind": kind,
        "query": request.GET.get("q", ""),
        "kinds": State.Kind.choices,
        "regions": selectors.region_list().filter(
            level__in=[Region.Level.REGION, Region.Level.SUBREGION]
        ),
    }
    template = (
        "geo/_state_table.html" if request.headers.get("HX-Request") else "geo/state_list.html"
    )
    return render(request, template, context)


@require_GET
def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The State page: its facts and names, then what each app has to say about it."""
    state = selectors.state_get(code=code)
    sections = sections_gather(page="state", request=request, subject=state.code)
    return render(request, "geo/state_detail.html", {"state": state, "sections": sections})


@login_required
@require_http_methods(["GET", "POST"])
def state_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Editors correct names. A stale version re-shows the form with the user's text kept."""
    state = selectors.state_get(code=code)
    if not can_edit_reference_data(request.user):
        raise PermissionDenied("Only editors and administrators can change reference data.")
    form = StateNamesForm(request.POST or None, instance_values=state)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.state_update(
                actor=request.user,
                state=state,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
            )
            return redirect("geo:state_detail", code=state.code)
        except ConflictError as conflict:
            form.add_error(None, conflict.message)
            state.refresh_from_db()
            # Keep the user's text; offer the saved values and the current version to resave.
            data = request.POST.copy()
            data["version"] = str(state.version)
            form.data = data
            status = 409
        except InvalidInput as problem:
            for item in problem.problems:
                form.add_error(item.field if item.field in form.fields else None, item.message)
            status = 422
    return render(request, "geo/state_edit.html", {"state": state, "form": form}, status=status)
