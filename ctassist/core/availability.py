"""When the database cannot be used for a moment: which errors say so, and how long a client
should wait before asking again.

"Unavailable" is a database that cannot be reached or opened (PostgreSQL stopped or refusing
connections, a connection dropped; a SQLite file that cannot be opened) and one that is busy
(SQLite's "database is locked" after the busy timeout, a PostgreSQL lock or statement timeout,
a deadlock): all are `OperationalError` or `InterfaceError`, and in each the same request may
succeed later. So the web answers 503 with `Retry-After` (a page in the reader's language, the
API's error shape) and the CLI says what happened in one line. A database that was never set
up ("no such table") is not a passing state: it stays an error of its own (`ctassist init`).
"""

from __future__ import annotations

import sqlite3

from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext_lazy as _

# What a 503 answer asks the client to wait (seconds) before trying again.
RETRY_AFTER_SECONDS = 30

# What the reader is told (the 503 page, the API's message).
DATABASE_UNAVAILABLE = _(
    "The database cannot be reached at the moment. Please try again in a minute."
)

_UNAVAILABLE: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    sqlite3.OperationalError,
    sqlite3.InterfaceError,
)
try:  # psycopg's own errors, when they are raised outside Django's wrapper
    import psycopg

    _UNAVAILABLE += (psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # pragma: no cover - SQLite-only installations
    pass

# Operational errors that are a missing schema, not a database away.
_NOT_SET_UP = ("no such table", "no such column")


def database_unavailable(error: BaseException) -> bool:
    """True when `error` means the database cannot be used right now (see the module)."""
    if not isinstance(error, _UNAVAILABLE):
        return False
    return not any(text in str(error) for text in _NOT_SET_UP)


def database_busy(error: BaseException) -> bool:
    """The unavailable database is only busy: another writer holds the lock."""
    return database_unavailable(error) and "locked" in str(error)
