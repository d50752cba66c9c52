"""Sessions that end (ASVS V3.3): a signed-in session lasts at most
`CTASSIST_SESSION_MAX_HOURS` (12) from sign-in, and ends after `CTASSIST_SESSION_IDLE_MINUTES`
(30) without a request. The user is signed out and sent to the sign-in page, which says why."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

SIGNED_IN_AT = "ctassist_signed_in_at"
SEEN_AT = "ctassist_seen_at"
SEEN_EVERY = 60  # seconds: the session is written at most once a minute for its idle clock


def session_ended(session: dict[str, object], now: float) -> str:
    """'' while the session may go on; 'idle' or 'expired' when it must end."""
    signed_in = session.get(SIGNED_IN_AT)
    seen = session.get(SEEN_AT)
    if isinstance(signed_in, int | float) and now - signed_in > (
        settings.CTASSIST_SESSION_MAX_HOURS * 3600
    ):
        return "expired"
    if isinstance(seen, int | float) and now - seen > settings.CTASSIST_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return ""


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            session = request.session
            now = time.time()
            why = session_ended(session, now)
            if why:
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)  # now anonymous: 401 where sign-in counts
                query = urlencode({"next": request.get_full_path(), "why": why})
                return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")
            session.setdefault(SIGNED_IN_AT, now)
            seen = session.get(SEEN_AT)
            if not isinstance(seen, int | float) or now - seen > SEEN_EVERY:
                session[SEEN_AT] = now
        return self.get_response(request)
