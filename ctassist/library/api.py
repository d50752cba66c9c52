from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from ctassist.core.api.auth import optional_auth, required_auth
from ctassist.library import selectors, services
from ctassist.library.payloads import record_line, search_payload
from ctassist.library.search import FACETS, MAX_PAGE, library_search

router = Router(tags=["library"], auth=optional_auth)


class SearchQuery(Schema):
    q: str = Field("", description="words in any of the six UN languages")
    type: str | None = None
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    region: str | None = Field(None, description="UN M49 region or sub-region code")
    year: int | None = Field(None, ge=1, le=9999, description="year of the record's date")
    language: str | None = Field(None, description="ISO 639-1")
    crime_type: str | None = None
    cross_cutting: str | None = None
    instrument: str | None = None
    sort: Literal["relevance", "date", "-date"] = "relevance"
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(10, ge=1, le=100)
    after: str | None = Field(
        None,
        pattern=r"^(\d{4}-\d{2}-\d{2})?\|\d{1,18}$",
        description="with sort=date or -date: the next_after cursor of the previous page",
    )


class Hit(Schema):
    id: str
    type: str
    title: str
    country: str | None
    language: str
    date: str | None
    score: float
    snippet: str


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    total: int
    results: list[Hit]
    facets: dict[str, list[FacetValue]]
    estimated: bool = Field(
        description="true when so many records match that the total and the facet counts are "
        "estimated from the `sample` most recently added matches (which are the ones ranked)"
    )
    sample: int = Field(description="how many matches were counted and ranked")
    next_after: str | None = Field(
        description="with a date sort: the cursor of the next page (pass it as `after`)"
    )


@router.get("/search", response=SearchOut, summary="Search published records")
def search(request: HttpRequest, query: Query[SearchQuery]) -> dict[str, Any]:
    filters = {
        name: None if getattr(query, name) is None else str(getattr(query, name)) for name in FACETS
    }
    result = library_search(
        query=query.q,
        filters=filters,
        sort=query.sort,
        page=query.page,
        page_size=query.page_size,
        after=query.after,
    )
    return {
        **search_payload(result),
        "estimated": result.estimated,
        "sample": result.sample,
        "next_after": result.next_after,
    }


@router.get(
    "/records/{external_id}", response=dict[str, Any], summary="One record, in the import format"
)
def record(request: HttpRequest, external_id: str) -> dict[str, Any]:
    return record_line(selectors.record_get_for(user=request.user, external_id=external_id))


class SavedFilters(Schema):
    """A saved search's filters: the search's facets, each with one value."""

    model_config = ConfigDict(extra="forbid")

    type: str | None = None
    country: str | None = None
    region: str | None = None
    year: str | None = None
    language: str | None = None
    crime_type: str | None = None
    cross_cutting: str | None = None
    instrument: str | None = None


class SavedSearchIn(Schema):
    name: str = ""
    q: str = Field("", description="words; needed when no filter is chosen")
    filters: SavedFilters = Field(default_factory=SavedFilters, description="facet → value")
    alerts: bool = True


class SavedSearchOut(Schema):
    id: int
    name: str
    q: str
    filters: dict[str, str]
    alerts: bool
    last_alert_at: str


def _saved_out(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "name": item.name,
        "q": item.query,
        "filters": item.filters,
        "alerts": item.alerts,
        "last_alert_at": item.last_alert_at.isoformat(),
    }


@router.get(
    "/saved-searches",
    response=list[SavedSearchOut],
    auth=required_auth,
    summary="Your saved searches",
)
def saved_search_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_saved_out(row.item) for row in selectors.saved_searches_for(user=request.user)]


@router.post(
    "/saved-searches",
    response={201: SavedSearchOut},
    auth=required_auth,
    summary="Save a search; new matches are e-mailed when alerts is true",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def saved_search_create(request: HttpRequest, body: SavedSearchIn) -> Status[dict[str, Any]]:
    item = services.saved_search_create(
        actor=request.user,
        name=body.name,
        query=body.q,
        filters=body.filters.model_dump(exclude_none=True),
        alerts=body.alerts,
    )
    return Status(201, _saved_out(item))


@router.delete(
    "/saved-searches/{saved_id}",
    response={204: None},
    auth=required_auth,
    summary="Delete one of your saved searches",
)
@transaction.atomic  # the write and its audit entries, stored together or not at all
def saved_search_delete(request: HttpRequest, saved_id: int) -> Status[None]:
    services.saved_search_delete(actor=request.user, saved_search_id=saved_id)
    return Status(204, None)
