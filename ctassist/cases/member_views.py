"""The unit head's page of members and juvenile access (`/cases/units/<code>/members/`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ctassist.cases.memberships import membership_remove, membership_save
from ctassist.cases.selectors import unit_managed_by
from ctassist.core.errors import InvalidInput, NotFound


@login_required
@require_GET
def unit_members(request: HttpRequest, code: str) -> HttpResponse:
    unit, members = unit_managed_by(user=request.user, code=code)
    return render(request, "cases/unit_members.html", {"unit": unit, "members": members})


@login_required
@require_POST
def unit_member_save(request: HttpRequest, code: str) -> HttpResponse:
    """Add a member, or set an existing member's head flag and juvenile access."""
    unit, _members = unit_managed_by(user=request.user, code=code)
    username = request.POST.get("username", "").strip()
    existing = request.POST.get("existing") == "1"
    try:
        change = membership_save(
            actor=request.user,
            unit=unit,
            username=username,
            is_head=request.POST.get("is_head") == "on" if existing else None,
            juvenile_access=request.POST.get("juvenile_access") == "on",
        )
    except InvalidInput as problem:
        messages.error(request, problem.message)
    else:
        if change.created:
            messages.success(request, _("%(name)s added to the unit.") % {"name": username})
        elif change.changed:
            messages.success(request, _("%(name)s's access changed.") % {"name": username})
    return redirect("cases:unit_members", code=unit.code)


@login_required
@require_POST
def unit_member_remove(request: HttpRequest, code: str) -> HttpResponse:
    unit, _members = unit_managed_by(user=request.user, code=code)
    username = request.POST.get("username", "").strip()
    try:
        membership_remove(actor=request.user, unit=unit, username=username)
    except (InvalidInput, NotFound) as problem:
        messages.error(request, problem.message)
    else:
        messages.success(request, _("%(name)s removed from the unit.") % {"name": username})
    return redirect("cases:unit_members", code=unit.code)
