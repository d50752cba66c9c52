"""API authentication: the browser session (with CSRF), or `Authorization: Bearer <token>`.
Endpoints that public users may read declare `auth=optional_auth`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string
from ninja.security import APIKeyCookie, HttpBearer


class BearerToken(HttpBearer):
    """The token's owner, found by the function `settings.API_BEARER_USER_LOOKUP` names (the
    accounts app's, which sits above this plumbing and so is named, not imported)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = import_string(settings.API_BEARER_USER_LOOKUP)(token)
        if user is not None:
            request.user = user
        return user


class Session(APIKeyCookie):
    """Django's session cookie; unsafe methods must also pass CSRF."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


class Anonymous:
    """Lets a request through as the anonymous public user (for public reference data)."""

    def __call__(self, request: HttpRequest) -> Any:
        return True


required_auth = [BearerToken(), Session()]
optional_auth = [BearerToken(), Session(), Anonymous()]
