"""The periodic report in the web UI: the period's figures, the document in the six languages,
and the staff-written highlights it merges. Office staff only (drafts live here)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ctassist.assistance.selectors import ThematicArea
from ctassist.core.access import Role, has_role_at_least
from ctassist.core.errors import FieldProblem, InvalidInput, NotFound, PermissionDenied
from ctassist.core.exports import download_named
from ctassist.core.posted import date_param, posted_version
from ctassist.geo.models import Region
from ctassist.reports import selectors, services
from ctassist.reports.document import REPORT_FORMATS, report_build, report_file
from ctassist.reports.editing import changes_since, report_content
from ctassist.reports.models import Highlight, ParagraphEdit


def _staff(request: HttpRequest) -> None:
    if not has_role_at_least(request.user, Role.ANALYST):
        raise PermissionDenied(_("The periodic report is prepared by office staff."))


def _period(data: QueryDict) -> tuple[dt.date, dt.date]:
    return (
        date_param(data, "from", dt.date(2019, 6, 1)),
        date_param(data, "to", dt.date(2020, 5, 31)),
    )


def _draft_language(data: QueryDict) -> str:
    language = data.get("draft") or data.get("language") or get_language() or "en"
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(_("Unknown language."), problems=[FieldProblem("language", language)])
    return language


def _draft(start: dt.date, end: dt.date, language: str) -> Any:
    with translation.override(language):
        return report_build(start, end)


def _editing(request: HttpRequest, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The draft in the chosen language, numbered; the paragraph being edited; the final
    version and what changed since it."""
    if end < start:
        return {}
    language = _draft_language(request.GET)
    draft = _draft(start, end, language)
    numbered = []
    number = 0
    for part in draft.parts:
        items = []
        for item in part.items:
            number += 1
            items.append((number, item))
        numbered.append((part, items))
    edits = {
        (e.key, e.action): e
        for e in selectors.paragraph_edits(start=start, end=end, language=language)
    }
    editing = None
    wanted = request.GET.get("edit", "")
    action = request.GET.get("action", ParagraphEdit.Action.REPLACE)
    for _part, items in numbered:
        for n, item in items:
            if str(n) == wanted:
                key, act = _place(item.key, action, edits)
                existing = edits.get((key, act))
                editing = {
                    "number": n,
                    "key": key,
                    "action": act,
                    "version": existing.version if existing else "",
                    "text": existing.text if existing else (item.text if act == "replace" else ""),
                }
    frozen = selectors.frozen_latest(start=start, end=end, language=language)
    changes = (
        changes_since(frozen.content, report_content(draft.parts, draft.figures))
        if frozen
        else None
    )
    return {
        "draft": numbered,
        "draft_language": language,
        "editing": editing,
        "frozen": frozen,
        "changes": changes,
        "figures": draft.figures.values(),
    }


def _place(key: str, action: str, edits: dict[tuple[str, str], ParagraphEdit]) -> tuple[str, str]:
    """Where an edit of the paragraph `key` is stored: an added paragraph (key "editor.<id>")
    is edited where it was added."""
    if key.startswith("editor."):
        for (place, act), edit in edits.items():
            if f"editor.{edit.pk}" == key:
                return place, act
    return key, action


@login_required
@require_GET
def period(request: HttpRequest) -> HttpResponse:
    _staff(request)
    start, end = _period(request.GET)
    return render(
        request,
        "reports/page.html",
        {
            **_editing(request, start, end),
            "start": start,
            "end": end,
            "highlights": selectors.highlights_list(start=start, end=end),
            "report_languages": settings.LANGUAGES,
            "language": get_language(),
            "formats": list(REPORT_FORMATS),
            "areas": ThematicArea.choices,
            "regions": Region.objects.order_by("name_en"),
            "statuses": Highlight.Status.choices,
        },
    )


@login_required
@require_GET
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    _staff(request)
    start, end = _period(request.GET)
    language = request.GET.get("language") or "en"
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(_("Unknown language."), problems=[FieldProblem("language", language)])
    content = report_file(start, end, fmt=fmt, language=language)
    response = HttpResponse(content, content_type=REPORT_FORMATS[fmt])
    name = f"report-{start.isoformat()}-{end.isoformat()}-{language}.{fmt}"
    download_named(response, name, inline=fmt == "html")
    return response


def _back(start: dt.date, end: dt.date) -> HttpResponse:
    query = urlencode({"from": start.isoformat(), "to": end.isoformat()})
    return redirect(f"{reverse('reports:period')}?{query}#highlights")


@login_required
@require_POST
def highlight_add(request: HttpRequest) -> HttpResponse:
    _staff(request)
    start, end = _period(request.POST)
    region_code = request.POST.get("region", "")
    region = Region.objects.filter(m49=region_code).first() if region_code else None
    if region_code and region is None:
        raise InvalidInput(_("Unknown region."), problems=[FieldProblem("region", region_code)])
    services.highlight_create(
        actor=request.user,
        on=date_param(request.POST, "on", start),
        thematic_area=request.POST.get("thematic_area", ""),
        region=region,
        text=request.POST.get("text", ""),
        language=request.POST.get("language", "en"),
        status=request.POST.get("status", Highlight.Status.DRAFT),
    )
    messages.success(request, _("Highlight saved."))
    return _back(start, end)


@login_required
@require_POST
def highlight_status(request: HttpRequest, highlight_id: int) -> HttpResponse:
    _staff(request)
    start, end = _period(request.POST)
    found = Highlight.objects.filter(pk=highlight_id).first()
    if found is None:
        raise NotFound(_("No such highlight."))
    services.highlight_update(
        actor=request.user,
        highlight=found,
        expected_version=posted_version(request),
        changes={"status": request.POST.get("status", "")},
    )
    messages.success(request, _("Highlight updated."))
    return _back(start, end)


def _back_to(start: dt.date, end: dt.date, language: str, anchor: str) -> HttpResponse:
    query = urlencode({"from": start.isoformat(), "to": end.isoformat(), "draft": language})
    return redirect(f"{reverse('reports:period')}?{query}#{anchor}")


@login_required
@require_POST
def paragraph_save(request: HttpRequest) -> HttpResponse:
    _staff(request)
    start, end = _period(request.POST)
    language = _draft_language(request.POST)
    version = request.POST.get("version", "")
    services.paragraph_edit_save(
        actor=request.user,
        start=start,
        end=end,
        language=language,
        key=request.POST.get("key", ""),
        action=request.POST.get("action", ""),
        text=request.POST.get("text", ""),
        expected_version=posted_version(request) if version else None,
    )
    messages.success(request, _("Paragraph saved; it is kept when the report is generated again."))
    return _back_to(start, end, language, "draft")


@login_required
@require_POST
def freeze(request: HttpRequest) -> HttpResponse:
    _staff(request)
    start, end = _period(request.POST)
    language = _draft_language(request.POST)
    services.report_freeze(actor=request.user, start=start, end=end, language=language)
    messages.success(request, _("The final version is frozen with its figures."))
    return _back_to(start, end, language, "final")
