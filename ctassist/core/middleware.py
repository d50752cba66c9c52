"""Turn domain errors raised inside web views into clear pages, never tracebacks."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

from ctassist.core.errors import DomainError


class ConflictMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, DomainError):
            return render(
                request, "core/error.html", {"error": exception}, status=exception.http_status
            )
        return None


class ApiLanguageMiddleware:
    """API paths carry no language prefix: answer in the language of the Accept-Language
    header (or the language cookie), so names come back in the caller's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class PreferredLanguageMiddleware:
    """A page asked for without a language prefix goes to the reader's language: the language
    cookie first (set by the language switch), then `Accept-Language`, then English, which has no
    prefix. So a first visit to `/` from an Arabic browser lands on `/ar/`; a link shared with a
    prefix keeps it; the API and `/healthz` (no prefixed form) are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if request.method in ("GET", "HEAD") and not translation.get_language_from_path(path):
            language = translation.get_language_from_request(request, check_path=False)
            if language != settings.LANGUAGE_CODE:
                prefixed = f"/{language}{path}"
                urlconf = getattr(request, "urlconf", None)
                with translation.override(language):
                    exists = is_valid_path(prefixed, urlconf)
                if exists and is_valid_path(path, urlconf):
                    query = request.META.get("QUERY_STRING", "")
                    target = get_script_prefix() + prefixed[1:] + (f"?{query}" if query else "")
                    response: HttpResponse = HttpResponseRedirect(target)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        response = self.get_response(request)
        if not translation.get_language_from_path(path):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
