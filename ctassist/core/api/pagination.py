"""Page-number pagination: {"count", "page", "pages", "next", "previous", "results"}."""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from ctassist.core.errors import NotFound


class Pagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, description="page number, from 1")
        page_size: int = Field(50, ge=1, le=500, description="records per page (max 500)")

    class Output(Schema):
        count: int
        page: int
        pages: int
        next: str | None
        previous: str | None
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: Any, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        count = (
            queryset.count()
            if hasattr(queryset, "count") and not isinstance(queryset, list)
            else len(queryset)
        )
        pages = max(1, math.ceil(count / pagination.page_size))
        if pagination.page > pages:
            # Past the last page is "not found", as a page that does not exist (not bad input).
            raise NotFound(f"Page {pagination.page} does not exist (there are {pages})")
        start = (pagination.page - 1) * pagination.page_size
        results = list(queryset[start : start + pagination.page_size])

        def link(page: int) -> str:
            query = request.GET.copy()
            query["page"] = str(page)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return {
            "count": count,
            "page": pagination.page,
            "pages": pages,
            "next": link(pagination.page + 1) if pagination.page < pages else None,
            "previous": link(pagination.page - 1) if pagination.page > 1 else None,
            "results": results,
        }
