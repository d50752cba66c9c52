from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ctassist.accounts import services
from ctassist.accounts.selectors import token_get_for, token_state, tokens_of, user_directory_for


@login_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/user_list.html", {"users": user_directory_for(user=request.user)}
    )


@login_required
@require_GET
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = [(t, token_state(t)) for t in tokens_of(user=request.user)]
    return render(request, "accounts/tokens.html", {"tokens": tokens})


@login_required
@require_POST
def token_revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    token = token_get_for(user=request.user, prefix=prefix)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token revoked: programs using it can no longer sign in."))
    return redirect("accounts:tokens")
