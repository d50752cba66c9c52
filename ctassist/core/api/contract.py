"""The API's published contract told truthfully: every operation declares the error answers it
can give, all in the one error shape, and a public operation says it needs no token.

Django Ninja documents the success answer of each operation and the authentication schemes it
accepts; two things it cannot know are added here, for every router, so a new endpoint inherits
them by being mounted:
- the errors: 422 (input that breaks a rule) and 404 everywhere, 401 where a token or session is
  required, 403 where the caller's role or country decides, 400 and 409 on writes (a body that is
  not JSON; a stale `version`), and 503 everywhere (the database unavailable for a moment, with
  `Retry-After`: core/availability.py);
- public reads (`auth=optional_auth`): an empty security requirement beside the token and the
  session, which OpenAPI reads as "no authentication needed"; a token only widens what is seen.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from ctassist.core.api.auth import Anonymous

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": "stable, for programs (e.g. conflict)"},
        "message": {"type": "string", "description": "for people, in the request's language"},
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                    "line": {"type": ["integer", "null"]},
                },
            },
        },
    },
}
ERRORS = {
    "400": "The body is not valid JSON.",
    "401": "No valid session or token: sign in, or send 'Authorization: Bearer <token>'.",
    "403": "The caller's role or country may not do this.",
    "404": "Not found, or outside the caller's scope (never 'forbidden' for a record).",
    "409": "Someone saved the record meanwhile: read it again and resend with its version.",
    "413": "The request body is larger than the limit (code 'too_large'); the message says it.",
    "422": (
        "The input is refused; each problem names its field. Code 'invalid': the request breaks "
        "this operation's schema. Any other code ('rule', 'unknown_state'): it is well formed "
        "but breaks a rule that no schema can state (a field compared with another or with "
        "today, or with stored data, such as an unknown State or a name already taken)."
    ),
    "503": (
        "The database cannot be used for a moment (unreachable, or busy past its lock timeout): "
        "send the request again after the seconds in 'Retry-After'."
    ),
}
WRITES = {"post", "put", "patch", "delete"}


def _error_response(status: str) -> dict[str, Any]:
    return {
        "description": ERRORS[status],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def contract_complete(api: NinjaAPI, schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers and the public operations' optional authentication to `schema`."""
    public: set[str] = set()
    for bound in api._get_bound_routers():
        for view in bound.path_operations.values():
            for operation in view.operations:
                if any(isinstance(auth, Anonymous) for auth in operation.auth_callbacks):
                    public.add(api.get_openapi_operation_id(operation))
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for methods in schema.get("paths", {}).values():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            is_public = operation.get("operationId") in public
            statuses = ["404", "422", "503"]
            if not is_public:
                statuses += ["401", "403"]
            if method in WRITES:
                statuses += ["400", "409", "413"]
            for status in statuses:
                operation["responses"].setdefault(status, _error_response(status))
            if is_public:
                security = operation.setdefault("security", [])
                if {} not in security:
                    security.append({})
                operation["description"] = (
                    operation.get("description", "")
                    + "\n\nPublic: no token needed; a token shows what the caller's role adds."
                ).strip()
    return schema
