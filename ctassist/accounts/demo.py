"""Demo users, labelled as demo data. Idempotent: a second run changes nothing. The shared demo
password is generated once and kept in var/demo-password (readable by its owner only)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from ctassist.accounts.models import User
from ctassist.accounts.services import user_create
from ctassist.core.setup import Progress

DEMO_ORGANISATION = "DEMO DATA — generated, not real"
DEMO_USERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("demo-admin", "admin", ()),
    ("demo-editor", "editor", ()),
    ("demo-analyst", "analyst", ("NGA", "KEN", "NER", "IRQ", "PAK")),
    ("demo-practitioner-nga", "practitioner", ("NGA",)),
    ("demo-practitioner-ken", "practitioner", ("KEN",)),
    ("demo-prosecutor-nga", "practitioner", ("NGA",)),
    ("demo-prosecutor-ken", "practitioner", ("KEN",)),
    ("demo-central-authority-ner", "practitioner", ("NER",)),
    ("demo-central-authority-fra", "practitioner", ("FRA",)),
    ("demo-screener-ken", "practitioner", ("KEN",)),  # screening: checks names
    ("demo-reviewer-ken", "practitioner", ("KEN",)),  # screening: decides hits (screening demo)
    ("demo-prison-officer-ken", "practitioner", ("KEN",)),  # prisons: admits, assesses, houses
    ("demo-prison-head-ken", "practitioner", ("KEN",)),  # prisons: head and supervisor
    ("demo-prison-officer-bfa", "practitioner", ("BFA",)),
    ("demo-prison-head-bfa", "practitioner", ("BFA",)),
    ("demo-prison-analyst", "analyst", ("KEN", "BFA")),  # prisons: figures without names
    ("demo-learning-manager", "analyst", ()),  # learning: approves learners, imports attendance
    ("demo-learner", "practitioner", ()),  # learning: a practitioner taking courses
)


@dataclass
class DemoUsersReport:
    created: list[str]
    password: str


def real_usernames() -> list[str]:
    """Users who are not demo users (the demo's own, and those other apps' demo loaders add,
    all named `demo-…`): a database with any is not for the demo."""
    return list(
        User.objects.exclude(username__startswith="demo-")
        .order_by("username")
        .values_list("username", flat=True)
    )


def demo_password() -> str:
    path = settings.VAR_DIR / "demo-password"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(12))
        path.chmod(0o600)
    return path.read_text().strip()


@transaction.atomic
def demo_users_load(*, progress: Progress | None = None) -> DemoUsersReport:
    password = demo_password()
    created = []
    for username, role, countries in DEMO_USERS:
        if not User.objects.filter(username=username).exists():
            user_create(
                actor=None,
                username=username,
                role=role,
                countries=countries,
                password=password,
                organisation=DEMO_ORGANISATION,
            )
            created.append(username)
        if progress:
            progress(1, len(DEMO_USERS))
    return DemoUsersReport(created=created, password=password)
