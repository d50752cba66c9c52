"""Every API error is JSON: {"code": "...", "message": "...", "problems": [...]}."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from ctassist.core.availability import (
    DATABASE_UNAVAILABLE,
    RETRY_AFTER_SECONDS,
    database_unavailable,
)
from ctassist.core.errors import DomainError

log = logging.getLogger("ctassist.api")


def error_body(
    code: str, message: str, problems: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if problems:
        body["problems"] = problems
    return body


def unavailable_body() -> dict[str, Any]:
    """The answer while the database cannot be used (503), in the active language."""
    return error_body("unavailable", str(DATABASE_UNAVAILABLE))


def _field_of(location: Any) -> str:
    """('body', 'patch', 'version') -> 'version'; ('query', 'page') -> 'page'."""
    parts = [str(part) for part in location]
    if parts[:1] == ["body"] and len(parts) > 2:
        parts = parts[2:]
    elif parts[:1] in (["body"], ["query"], ["path"]):
        parts = parts[1:]
    return ".".join(parts) or "body"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(
            request,
            error_body(exc.code, exc.message, [p.as_dict() for p in exc.problems]),
            status=exc.http_status,
        )

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        problems = [
            {"field": _field_of(e.get("loc", ())), "message": e.get("msg", "invalid")}
            for e in exc.errors
        ]
        summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        return api.create_response(
            request, error_body("invalid", f"Invalid request — {summary}", problems), status=422
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            error_body(
                "unauthenticated",
                "Sign in, or send an API token as 'Authorization: Bearer <token>'.",
            ),
            status=401,
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body("not_found", "Not found."), status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(
            request, error_body("http_error", str(exc)), status=exc.status_code
        )

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        # A body over DATA_UPLOAD_MAX_MEMORY_SIZE (files are limited apart): the sender's input.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return api.create_response(
            request,
            error_body(
                "too_large",
                f"The request body is larger than the limit of {limit:,} bytes.",
            ),
            status=413,
        )

    @api.exception_handler(DataError)
    def unstorable(request: HttpRequest, exc: DataError) -> HttpResponse:
        # A value the database refuses to store (PostgreSQL: a NUL character in text, a number
        # out of range) is the caller's input, not our failure. The value is not logged.
        return api.create_response(
            request,
            error_body(
                "invalid",
                "The input holds a value that cannot be stored "
                "(for example a NUL character in a text, or a number out of range).",
            ),
            status=422,
        )

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        if database_unavailable(exc):
            # Not our failure and not the caller's: the same request may succeed in a moment.
            log.warning("database unavailable on %s %s: %s", request.method, request.path, exc)
            response = api.create_response(request, unavailable_body(), status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        log.exception("unhandled API error on %s %s", request.method, request.path)
        return api.create_response(
            request,
            error_body("server_error", "Something went wrong on our side; it was logged."),
            status=500,
        )
