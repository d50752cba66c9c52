from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import set_language


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
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


def language_set(request: HttpRequest) -> HttpResponse:
    """Django's `set_language`, from any language to any other: the page to go back to is read
    in its own language (its prefix, or English without one) before it is put in the chosen
    one, so `/ar/states/NGA/` becomes `/states/NGA/`, `/fr/states/NGA/` or `/zh-hans/states/NGA/`.
    (Read in the language of the switch request itself, a prefixed page does not resolve and
    Django sends the user back where they were.)"""
    if "interface_language" in request.POST and "language" not in request.POST:
        # The header's switch is named apart from forms' own "language" fields (the MLA
        # writer's "Language of the request"); Django's view reads "language".
        posted = request.POST.copy()
        posted["language"] = request.POST["interface_language"]
        request.POST = posted  # type: ignore[assignment]
    next_url = request.POST.get("next", request.GET.get("next")) or "/"
    language_of_next = translation.get_language_from_path(urlsplit(next_url).path)
    with translation.override(language_of_next or settings.LANGUAGE_CODE):
        return set_language(request)
