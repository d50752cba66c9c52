"""Case-management tables as downloads (CSV/XLSX), watermarked with who exported them and when."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.cases.models import CaseFile, Hearing


def cases_table(cases: list[CaseFile], *, exported_by: Any) -> dict[str, Any]:
    moment = timezone.now().strftime("%Y-%m-%d %H:%M UTC")
    return {
        "filename": "cases",
        "columns": [
            ("id", _("Case")),
            ("title", _("Title")),
            ("unit", _("Unit")),
            ("country", _("Country")),
            ("stage", _("Stage")),
            ("status", _("Status")),
            ("prosecution_ref", _("Prosecution number")),
            ("court_ref", _("Court number")),
            ("opened_on", _("Opened")),
            ("juvenile", _("Child's case")),
        ],
        "rows": [
            {
                "id": case.pk,
                "title": case.title,
                "unit": case.unit.name,
                "country": case.unit.country.code,
                "stage": case.get_stage_display(),
                "status": case.get_status_display(),
                "prosecution_ref": case.prosecution_ref,
                "court_ref": case.court_ref,
                "opened_on": case.opened_on,
                "juvenile": case.juvenile,
            }
            for case in cases
        ],
        "note": _("CONFIDENTIAL — exported by %(user)s on %(moment)s; do not forward.")
        % {"user": exported_by.get_username(), "moment": moment},
    }


def hearings_table(hearings: list[Hearing], *, exported_by: Any) -> dict[str, Any]:
    moment = timezone.now().strftime("%Y-%m-%d %H:%M UTC")
    return {
        "filename": "hearings",
        "columns": [
            ("starts_at", _("Date and time")),
            ("case", _("Case")),
            ("unit", _("Unit")),
            ("court", _("Court")),
            ("purpose", _("Purpose")),
            ("closed", _("Closed session")),
        ],
        "rows": [
            {
                "starts_at": timezone.localtime(h.starts_at).strftime("%Y-%m-%d %H:%M"),
                "case": h.case.title,
                "unit": h.case.unit.name,
                "court": h.court,
                "purpose": h.purpose,
                "closed": h.closed_session,
            }
            for h in hearings
        ],
        "note": _("CONFIDENTIAL — exported by %(user)s on %(moment)s; do not forward.")
        % {"user": exported_by.get_username(), "moment": moment},
    }
