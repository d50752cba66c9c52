from __future__ import annotations

import logging
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import set_language

from ctassist.core.api.errors import error_body, unavailable_body
from ctassist.core.availability import RETRY_AFTER_SECONDS, database_unavailable

log = logging.getLogger("ctassist.errors")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the application and its database answer, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        response = JsonResponse({"status": "error", "database": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": connection.vendor})


def language_set(request: HttpRequest) -> HttpResponse:
    """Django's `set_language`, from any language to any other: the page to go back to is read
    in its own language (its prefix, or English without one) before it is put in the chosen
    one, so `/ar/states/NGA/` becomes `/states/NGA/`, `/fr/states/NGA/` or `/zh-hans/states/NGA/`.
    (Read in the language of the switch request itself, a prefixed page does not resolve and
    Django sends the user back where they were.)

    The header's switch is a GET form, so a page needs no CSRF token (and sets no cookie) until
    the reader picks a language: public pages stay cacheable (docs/adr/0016). A POST with
    `language`, Django's own form, still works."""
    data = request.GET if request.method == "GET" else request.POST
    next_url = data.get("next") or "/"
    language_of_next = translation.get_language_from_path(urlsplit(next_url).path)
    with translation.override(language_of_next or settings.LANGUAGE_CODE):
        if request.method == "GET":
            return _language_switch(request, data.get("interface_language", ""), next_url)
        if "interface_language" in request.POST and "language" not in request.POST:
            # The header's switch is named apart from forms' own "language" fields (the MLA
            # writer's "Language of the request"); Django's view reads "language".
            posted = request.POST.copy()
            posted["language"] = request.POST["interface_language"]
            request.POST = posted  # type: ignore[assignment]
        return set_language(request)


def _language_switch(request: HttpRequest, language: str, next_url: str) -> HttpResponse:
    """What `set_language` does on a POST, for the header's GET form: the language cookie, then
    back to the same page in the chosen language (a page on another site is not followed)."""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if not check_for_language(language):
        return HttpResponseRedirect(next_url)
    response = HttpResponseRedirect(translate_url(next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`: the answer to an error no view handled. A database that cannot be used for
    a moment (`core.availability`) is 503 with `Retry-After`; anything else is 500. Pages are in
    the reader's language and the API answers in its error shape.

    Nothing here may need the database (it is what failed): the page is rendered without the
    request, so no context processor looks up the signed-in user, the session or messages."""
    error = sys.exc_info()[1]
    unavailable = error is not None and database_unavailable(error)
    if unavailable:
        log.warning("database unavailable on %s %s: %s", request.method, request.path, error)
    is_api = request.path.startswith("/api/")
    language = (
        translation.get_language_from_request(request, check_path=False)
        if is_api
        else translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    )
    status = 503 if unavailable else 500
    with translation.override(language):
        response: HttpResponse
        if is_api:
            response = JsonResponse(
                unavailable_body()
                if unavailable
                else error_body("server_error", "Something went wrong on our side; it was logged."),
                status=status,
            )
        else:
            response = HttpResponse(render_to_string(f"{status}.html"), status=status)
        response["Content-Language"] = language
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
