from typing import TypeAlias

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ctassist.core.api.auth import optional_auth, required_auth
from ctassist.core.api.pagination import Pagination
from ctassist.core.api.types import M49Code, choice_of
from ctassist.geo import selectors, services
from ctassist.geo.models import Region, State

router = Router(tags=["geo"], auth=optional_auth)

StateKind: TypeAlias = choice_of(State.Kind)  # type: ignore[valid-type]


class RegionOut(Schema):
    m49: str
    level: str
    name: str


class StateOut(Schema):
    code: str
    iso2: str
    iso3: str
    m49: str
    kind: str
    name: str
    names: dict[str, str]
    region: RegionOut | None
    subregion: RegionOut | None
    intermediate_region: RegionOut | None
    version: int


def state_out(state: State) -> StateOut:
    def region(value: Region | None) -> RegionOut | None:
        return RegionOut(m49=value.m49, level=value.level, name=value.name) if value else None

    return StateOut(
        code=state.code,
        iso2=state.iso2,
        iso3=state.iso3,
        m49=state.m49,
        kind=state.kind,
        name=state.name,
        names=state.names(),
        region=region(state.region),
        subregion=region(state.subregion),
        intermediate_region=region(state.intermediate_region),
        version=state.version,
    )


class StateFilter(Schema):
    region: M49Code | None = None
    kind: list[StateKind] | None = None
    q: str | None = None


@router.get("/states", response=list[StateOut], summary="States and other participants")
@paginate(Pagination)
def states(request: HttpRequest, filters: Query[StateFilter]) -> list[StateOut]:
    found = selectors.state_list(
        region=filters.region, kinds=tuple(filters.kind) if filters.kind else None, query=filters.q
    )
    return [state_out(state) for state in found]


@router.get("/states/{code}", response=StateOut, summary="One State by code")
def state(request: HttpRequest, code: str) -> StateOut:
    return state_out(selectors.state_get(code=code))


@router.get("/regions", response=list[RegionOut], summary="UN M49 regions")
def regions(request: HttpRequest) -> list[RegionOut]:
    return [RegionOut(m49=r.m49, level=r.level, name=r.name) for r in selectors.region_list()]


class StatePatch(Schema):
    version: int = Field(..., description="the version you read; a stale one gets 409")
    name_ar: str | None = None
    name_zh: str | None = None
    name_en: str | None = None
    name_fr: str | None = None
    name_ru: str | None = None
    name_es: str | None = None
    official_name_en: str | None = None


@router.patch(
    "/states/{code}",
    response=StateOut,
    auth=required_auth,
    summary="Correct a State's names (editors)",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def state_patch(request: HttpRequest, code: str, patch: StatePatch) -> StateOut:
    changes = patch.dict(exclude_unset=True, exclude={"version"})
    state = services.state_update(
        actor=request.user,
        state=selectors.state_get(code=code),
        expected_version=patch.version,
        changes=changes,
    )
    return state_out(state)
