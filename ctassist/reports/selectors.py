"""Reads for the periodic report: the highlight paragraphs it merges."""

from __future__ import annotations

import datetime as dt

from ctassist.assistance.selectors import ThematicArea
from ctassist.reports.models import FrozenReport, Highlight, ParagraphEdit


def highlights_for_report(*, start: dt.date, end: dt.date, language: str) -> list[Highlight]:
    """Highlights ready for the report, dated in the period, written in the report's language;
    in the order of the report's thematic areas, then by date."""
    order = {area.value: index for index, area in enumerate(ThematicArea)}
    found = Highlight.objects.filter(
        on__gte=start, on__lte=end, status=Highlight.Status.READY, language=language
    ).select_related("region")
    return sorted(found, key=lambda h: (order.get(h.thematic_area, 99), h.on, h.pk))


def highlights_list(*, start: dt.date, end: dt.date) -> list[Highlight]:
    """Every highlight of the period, drafts included (the staff page)."""
    return list(
        Highlight.objects.filter(on__gte=start, on__lte=end).select_related("region", "author")
    )


def paragraph_edits(*, start: dt.date, end: dt.date, language: str) -> list[ParagraphEdit]:
    """The editors' paragraphs of a period's report in one language."""
    return list(
        ParagraphEdit.objects.filter(start=start, end=end, language=language).select_related(
            "author"
        )
    )


def frozen_latest(*, start: dt.date, end: dt.date, language: str) -> FrozenReport | None:
    """The final version of the period's report in that language (the last frozen)."""
    return (
        FrozenReport.objects.filter(start=start, end=end, language=language)
        .select_related("frozen_by")
        .first()
    )
