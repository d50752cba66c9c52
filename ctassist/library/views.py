from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ctassist.core.access import can_edit_reference_data
from ctassist.core.errors import FieldProblem, InvalidInput
from ctassist.core.exports import download_named
from ctassist.core.posted import posted_version
from ctassist.library import selectors, services
from ctassist.library.details import detail_rows
from ctassist.library.models import Record
from ctassist.library.payloads import export_text, search_payload
from ctassist.library.references import text_with_instrument_links
from ctassist.library.search import FACETS, library_search
from ctassist.treaties.models import Instrument


def _page(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page") or 1))
    except ValueError:
        raise InvalidInput(
            _("page must be a number"), problems=[FieldProblem("page", "a number")]
        ) from None


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    filters = {name: request.GET.get(name) or None for name in FACETS}
    query = request.GET.get("q", "")
    sort = request.GET.get("sort") or "relevance"
    fmt = request.GET.get("format")
    if fmt in ("csv", "json"):
        result = library_search(
            query=query, filters=filters, sort=sort, page_size=500, with_facets=fmt == "json"
        )
        if fmt == "json":
            return HttpResponse(
                json.dumps(search_payload(result), ensure_ascii=False),
                content_type="application/json",
            )
        response = HttpResponse(
            "\ufeff" + export_text([h.record for h in result.hits], fmt="csv"),
            content_type="text/csv; charset=utf-8",
        )
        download_named(response, "library-search.csv")
        return response
    result = library_search(query=query, filters=filters, sort=sort, page=_page(request))
    context = {
        "result": result,
        "query": query,
        "filters": filters,
        "sort": sort,
        "pages": range(1, min(50, (result.total + 9) // 10) + 1),
    }
    template = (
        "library/_results.html" if request.headers.get("HX-Request") else "library/search.html"
    )
    return render(request, template, context)


def _json_ld(request: HttpRequest, record: Any) -> str:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation" if record.type == "legislation" else "CreativeWork",
        "name": record.title,
        "inLanguage": record.language,
        "url": request.build_absolute_uri(reverse("library:record", args=[record.external_id])),
        "identifier": record.external_id,
    }
    if record.date:
        data["datePublished" if record.type != "legislation" else "legislationDate"] = (
            record.date.isoformat()
        )
    if record.country:
        data["spatialCoverage" if record.type != "legislation" else "legislationJurisdiction"] = (
            record.country.name_en
        )
    if record.source_url:
        data["sameAs"] = record.source_url
    if record.summary:
        data["abstract"] = record.summary
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _instrument_urls() -> dict[str, str]:
    return {
        code: reverse("treaties:instrument_detail", args=[code])
        for code in Instrument.objects.values_list("code", flat=True)
    }


@require_GET
def record(request: HttpRequest, external_id: str) -> HttpResponse:
    item = selectors.record_get_for(user=request.user, external_id=external_id)
    editor = can_edit_reference_data(request.user)
    urls = _instrument_urls()
    return render(
        request,
        "library/record.html",
        {
            "record": item,
            "details": detail_rows(item.details),
            "text_html": text_with_instrument_links(item.text, urls) if item.text else "",
            "mentioned": Instrument.objects.filter(code__in=selectors.instruments_mentioned(item)),
            "applied": selectors.legislation_applied(user=request.user, record=item),
            "applying_cases": selectors.cases_applying(user=request.user, record=item)
            if item.type == Record.Type.LEGISLATION
            else [],
            "instrument_titles": dict(Instrument.objects.values_list("code", "short_name")),
            "versions": selectors.language_versions(item),
            "json_ld": _json_ld(request, item),
            "is_editor": editor,
            "history": services.record_history(item) if editor else [],
            "transitions": services.allowed_transitions(item) if editor else [],
        },
    )


@login_required
@require_POST
def transition(request: HttpRequest, external_id: str) -> HttpResponse:
    item = selectors.record_get_for(user=request.user, external_id=external_id)
    services.record_transition(
        actor=request.user,
        record=item,
        expected_version=posted_version(request),
        to=request.POST.get("to", ""),
    )
    messages.success(request, _("Status changed."))
    return redirect("library:record", external_id=external_id)


@require_GET
def compare(request: HttpRequest, external_id: str, other_id: str) -> HttpResponse:
    pair = selectors.versions_side_by_side(
        user=request.user, left_id=external_id, right_id=other_id
    )
    return render(request, "library/compare.html", {"pair": pair})


@login_required
@require_GET
def saved_searches(request: HttpRequest) -> HttpResponse:
    rows = selectors.saved_searches_for(user=request.user)
    return render(request, "library/saved_searches.html", {"saved": rows})


@login_required
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    services.saved_search_create(
        actor=request.user,
        name=request.POST.get("name", ""),
        query=request.POST.get("q", ""),
        filters={name: request.POST.get(name) or None for name in FACETS},
        alerts=request.POST.get("alerts") == "1",
    )
    messages.success(request, _("Search saved."))
    return redirect("library:saved_searches")


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.saved_search_delete(actor=request.user, saved_search_id=pk)
    messages.success(request, _("Saved search deleted."))
    return redirect("library:saved_searches")


@require_GET
def attachment(request: HttpRequest, external_id: str, pk: int) -> FileResponse:
    """An attachment of a record the user may see (drafts' files stay private)."""
    item = selectors.attachment_get_for(user=request.user, external_id=external_id, pk=pk)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.filename,
        content_type=item.content_type,
    )
