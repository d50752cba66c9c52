"""Reads for geo. States are public reference data: no user scope applies here."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ctassist.core.errors import BrokenRule, FieldProblem, NotFound
from ctassist.geo.models import Region, State, StateAlias

# Part of geo's reading interface: how other apps fold a State's name to match it.
from ctassist.geo.reference import normalize_name as normalize_name


class UnknownStateName(BrokenRule):
    code = "unknown_state"

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"Unknown State name or code: {name!r}")


def state_resolve(name: str) -> State:
    """The one way every importer turns a State name or code from a source into a State.

    Matches ISO alpha-2/alpha-3 codes, the names in the six languages, ISO names and the
    curated aliases ("Turkey", "Swaziland"), ignoring case, accents and punctuation. An unknown
    name raises UnknownStateName naming it; it is never dropped silently.
    """
    key = normalize_name(name or "")
    if not key:
        raise UnknownStateName(name)
    alias = StateAlias.objects.select_related("state").filter(normalized=key).first()
    if alias is None:
        raise UnknownStateName(name)
    return alias.state


def state_index() -> dict[str, State]:
    """normalized alias -> State, for importers resolving many names in one pass."""
    return {alias.normalized: alias.state for alias in StateAlias.objects.select_related("state")}


def state_list(
    *, region: str | None = None, kinds: tuple[str, ...] | None = None, query: str | None = None
) -> QuerySet[State]:
    """States, optionally within an M49 region, sub-region or intermediate region (code)."""
    states = State.objects.select_related("region", "subregion", "intermediate_region")
    if kinds:
        states = states.filter(kind__in=kinds)
    if region:
        if not Region.objects.filter(m49=region).exists():
            raise BrokenRule(
                f"Unknown region code {region!r}: use an M49 code such as 002",
                problems=[FieldProblem("region", "unknown M49 code")],
            )
        states = states.filter(
            Q(region__m49=region) | Q(subregion__m49=region) | Q(intermediate_region__m49=region)
        )
    if query:
        key = normalize_name(query)
        states = states.filter(
            Q(aliases__normalized__contains=key) | Q(code__iexact=query)
        ).distinct()
    return states


def state_get(*, code: str) -> State:
    state = (
        State.objects.select_related("region", "subregion", "intermediate_region")
        .filter(code=code.upper())
        .first()
    )
    if state is None:
        raise NotFound(f"No State with code {code!r}")
    return state


def region_list() -> QuerySet[Region]:
    return Region.objects.select_related("parent").order_by("level", "m49")
