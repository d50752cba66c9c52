"""Errors that services raise and every interface (web, API, CLI) turns into a clear message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FieldProblem:
    field: str
    message: str
    line: int | None = None

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"field": self.field, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        return data


class DomainError(Exception):
    """Base class: carries a stable machine `code` and a human `message`."""

    code = "error"
    http_status = 400

    def __init__(self, message: str, *, problems: list[FieldProblem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[FieldProblem] = problems or []


class InvalidInput(DomainError):
    code = "invalid"
    http_status = 422


class BrokenRule(InvalidInput):
    """Well-formed input that breaks a rule no request schema can state: one field compared with
    another or with today, or with what is already stored (an unknown State, a name already
    taken). The API's schemas state every other rule, so a request that its operation's schema
    declares valid is refused only with this code or a subclass's (never `invalid`; the fuzz
    test holds the API to that)."""

    code = "rule"


class TooLarge(DomainError):
    """A file larger than its kind allows (settings.CTASSIST_UPLOAD_MAX_BYTES), refused before
    it is read."""

    code = "too_large"
    http_status = 413


class NotFound(DomainError):
    """Also used for records outside the caller's scope: never reveal that they exist."""

    code = "not_found"
    http_status = 404


class PermissionDenied(DomainError):
    code = "forbidden"
    http_status = 403


class ConflictError(DomainError):
    """A stale version: someone else saved the record first. Nothing was written."""

    code = "conflict"
    http_status = 409

    def __init__(
        self, *, model: str, pk: object, expected_version: int, current_version: int | None
    ) -> None:
        self.model = model
        self.pk = pk
        self.expected_version = expected_version
        self.current_version = current_version
        super().__init__(
            f"This {model} was changed by someone else since you opened it (your version "
            f"{expected_version}, now version {current_version}). Nothing was saved: reload it, "
            "reapply your change and save again."
        )


class IntegrityFailure(DomainError):
    """Stored content no longer matches its recorded digest (e.g. tampered evidence)."""

    code = "integrity"
    http_status = 409
