"""Reading the values a web form posts, with the same clear error everywhere: a stale-edit
`version` and dates. Views call these instead of parsing by hand."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from ctassist.core.errors import FieldProblem, InvalidInput


def posted_version(request: HttpRequest) -> int:
    """The record version the form was rendered with (for the stale-edit check)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise InvalidInput(
            _("A number is required."), problems=[FieldProblem("version", "number")]
        ) from None


def date_param(data: QueryDict, name: str, default: dt.date) -> dt.date:
    """A YYYY-MM-DD parameter (query string or form); `default` when empty; a malformed one is
    a clear error."""
    value = data.get(name) or ""
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("Dates are written YYYY-MM-DD."), problems=[FieldProblem(name, "date")]
        ) from None


def posted_date(request: HttpRequest, name: str) -> dt.date:
    """A required YYYY-MM-DD field of the form; a missing or malformed one is a clear error."""
    try:
        return dt.date.fromisoformat(request.POST.get(name, ""))
    except ValueError:
        raise InvalidInput(
            _("Dates are written YYYY-MM-DD."), problems=[FieldProblem(name, "date")]
        ) from None
