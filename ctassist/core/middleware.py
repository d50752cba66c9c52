"""Web middleware: domain errors as clear pages (never tracebacks), the reader's language, and
what makes pages light on a slow link (compressed text, cacheable public pages)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

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


# What is worth compressing: markup, styles, scripts and data. Office documents, spreadsheets,
# PDFs and images are compressed already; evidence files are streamed as they are.
_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class TextCompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH mitigation: random bytes in the gzip header, so
    the length of a response does not reveal how well a secret compressed) for text answers
    only: pages, JSON and SVG. Why in the application: docs/adr/0016."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(_COMPRESSIBLE):
            return response
        return super().process_response(request, response)


# How long a shared cache (or the browser) may keep a public page before asking again.
PUBLIC_PAGE_MAX_AGE = 300


class PublicPageCacheMiddleware:
    """A page answered to a reader who is not signed in, which set no cookie and used no CSRF
    token, holds nothing personal: a shared cache may keep it for a few minutes
    (`Cache-Control: public`, varying on the cookie so a signed-in reader never gets it).
    Answers to a signed-in user, or to an API call with a token (`Authorization`, which the
    session middleware does not see), are `private`. A view that says otherwise is left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control") or request.method not in ("GET", "HEAD"):
            return response
        user = getattr(request, "user", None)
        if "HTTP_AUTHORIZATION" in request.META or (user is not None and user.is_authenticated):
            # Personal records may be in it: no cache, shared or the browser's, keeps it.
            patch_cache_control(response, private=True, no_store=True)
        elif (
            response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and not request.path.startswith(("/admin/", "/accounts/"))
        ):
            patch_cache_control(response, public=True, max_age=PUBLIC_PAGE_MAX_AGE)
            # htmx asks for the same address and gets only the part it swaps in: a cache keeps
            # the two apart.
            patch_vary_headers(response, ("Cookie", "HX-Request"))
        return response


PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), display-capture=()"
)


class PermissionsPolicyMiddleware:
    """No page of the platform uses the camera, microphone, location or payment: say so, so
    that no script that slipped in could ask for them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
