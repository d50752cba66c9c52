from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ctassist.accounts.selectors import user_directory_for


@login_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/user_list.html", {"users": user_directory_for(user=request.user)}
    )
