"""Who may see and do what. Every selector that returns scoped or personal records calls these
functions; no view, API endpoint or command decides access on its own.

Roles (ascending): public (anonymous) < practitioner < analyst < editor < admin.
- public: the public library and reference pages only.
- practitioner: a prosecutor, judge, central authority, prison or border official; works on the
  records of the countries in their scope.
- analyst: an office analyst; reads programme data everywhere, personal records only in scope.
- editor: maintains reference data and the public library; personal records only in scope.
- admin: everything, everywhere.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRACTITIONER = "practitioner", _("Practitioner")
    ANALYST = "analyst", _("Analyst")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Administrator")


_RANK = {Role.PUBLIC: 0, Role.PRACTITIONER: 1, Role.ANALYST: 2, Role.EDITOR: 3, Role.ADMIN: 4}

Q = TypeVar("Q", bound=models.QuerySet[Any])


def user_role(user: Any) -> Role:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Role.PUBLIC
    if user.is_superuser:
        return Role.ADMIN
    return Role(user.role)


def has_role_at_least(user: Any, role: Role) -> bool:
    return _RANK[user_role(user)] >= _RANK[role]


def can_edit_reference_data(user: Any) -> bool:
    """Editors and admins maintain States, treaties facts and the public library."""
    return has_role_at_least(user, Role.EDITOR)


def can_manage_users(user: Any) -> bool:
    return user_role(user) is Role.ADMIN


def country_scope(user: Any) -> frozenset[str] | None:
    """ISO alpha-3 codes of the countries the user works on; None means every country."""
    role = user_role(user)
    if role is Role.ADMIN:
        return None
    if role is Role.PUBLIC:
        return frozenset()
    return frozenset(user.countries.values_list("code", flat=True))


def restrict_to_country_scope(queryset: Q, *, user: Any, country_field: str) -> Q:
    """Keep only rows whose `country_field` (a lookup path ending at a geo.State) lies in the
    user's scope. Anonymous users and users with an empty scope get nothing."""
    scope = country_scope(user)
    if scope is None:
        return queryset
    if not scope:
        return queryset.none()
    return queryset.filter(**{f"{country_field}__code__in": scope}).distinct()


def restrict_to_units(
    queryset: Q, *, user: Any, unit_path: str = "unit", juvenile_path: str | None = None
) -> Q:
    """Case-management records: only those of units the user is a member of, in a country of
    the user's scope; where `juvenile_path` marks a child's case, only members holding juvenile
    access see it. Admins see everything; nobody else sees anything. Membership lives in the
    cases app (`<unit_path>__memberships`); the rule lives here."""
    role = user_role(user)
    if role is Role.ADMIN:
        return queryset
    if role is Role.PUBLIC:
        return queryset.none()
    scope = country_scope(user) or frozenset()
    member = models.Q(
        **{f"{unit_path}__memberships__user": user, f"{unit_path}__country__code__in": scope}
    )
    if juvenile_path is not None:
        member &= models.Q(**{juvenile_path: False}) | models.Q(
            **{f"{unit_path}__memberships__juvenile_access": True}
        )
    return queryset.filter(member)


def can_work_on_cases(user: Any) -> bool:
    """Practitioners and above may hold unit memberships; the public never does."""
    return has_role_at_least(user, Role.PRACTITIONER)


def restrict_to_any_country(queryset: Q, *, user: Any, country_fields: tuple[str, ...]) -> Q:
    """Rows where at least one of `country_fields` (lookup paths ending at a geo.State) is in
    the user's scope — e.g. a request is seen by the authorities of both States party to it."""
    scope = country_scope(user)
    if scope is None:
        return queryset
    if not scope:
        return queryset.none()
    condition = models.Q()
    for path in country_fields:
        condition |= models.Q(**{f"{path}__code__in": scope})
    return queryset.filter(condition)
