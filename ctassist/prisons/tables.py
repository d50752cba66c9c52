"""Prisoner lists as downloads (CSV/XLSX, cells made safe by `core.exports`), watermarked with
who exported them and when."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.prisons.models import Prisoner


def prisoners_table(prisoners: list[Prisoner], *, exported_by: Any) -> dict[str, Any]:
    moment = timezone.now().strftime("%Y-%m-%d %H:%M UTC")
    return {
        "filename": "prisoners",
        "columns": [
            ("number", _("Prisoner number")),
            ("full_name", _("Full name")),
            ("prison", _("Prison")),
            ("sex", _("Sex")),
            ("date_of_birth", _("Date of birth")),
            ("admitted_on", _("Admitted on")),
            ("released_on", _("Released on")),
            ("level", _("Risk level")),
            ("review_due", _("Review due")),
        ],
        "rows": [
            {
                "number": p.number,
                "full_name": p.full_name,
                "prison": p.prison.name,
                "sex": p.get_sex_display(),
                "date_of_birth": p.date_of_birth,
                "admitted_on": p.admitted_on,
                "released_on": p.released_on,
                "level": p.get_level_display(),
                "review_due": p.review_due,
            }
            for p in prisoners
        ],
        "note": _("CONFIDENTIAL — exported by %(user)s on %(moment)s; do not forward.")
        % {"user": exported_by.get_username(), "moment": moment},
    }
