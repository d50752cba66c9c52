"""A data request as the document sent to the provider (DOCX or PDF), in the user's language,
following the sections of the model forms: header, requesting authority, provider, data sought,
legal grounds and facts, and for an emergency the risk that justifies it."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ctassist.core.documents import docx_bytes, docx_document, is_rtl, pdf_from_html
from ctassist.eevidence.models import DataCategory, DataRequest


def request_sections(request: DataRequest) -> list[tuple[str, str]]:
    period = ""
    if request.period_from or request.period_to:
        period = f"{request.period_from or '…'} – {request.period_to or '…'}"
    rows = [
        (_("Reference"), request.reference),
        (
            _("Requesting authority"),
            f"{request.requesting_authority} ({request.requesting_state.name})",
        ),
        (_("Service provider"), request.provider.name),
        (_("Accounts or identifiers"), request.identifiers),
        (
            _("Data sought"),
            ", ".join(
                str(DataCategory(c).label) for c in request.categories if c in DataCategory.values
            ),
        ),
        (_("Period"), period or "—"),
        (_("Offence under investigation"), request.offence),
        (_("Summary of the facts"), request.facts),
    ]
    if request.kind == DataRequest.Kind.EMERGENCY:
        rows.append((_("The emergency"), request.emergency_reason))
    if request.kind == DataRequest.Kind.PRESERVATION:
        rows.append(
            (
                _("Request"),
                _(
                    "Please preserve the data described above, existing at the date of this "
                    "request, pending a request for mutual legal assistance to obtain it."
                ),
            )
        )
    return rows


def _title(request: DataRequest) -> str:
    return {
        DataRequest.Kind.PRESERVATION: _("Request for the preservation of stored data"),
        DataRequest.Kind.EMERGENCY: _("Emergency disclosure request"),
        DataRequest.Kind.VOLUNTARY: _("Request for voluntary disclosure of data"),
    }[DataRequest.Kind(request.kind)]


def request_docx(request: DataRequest) -> bytes:
    document = docx_document(language=get_language() or "en")
    document.add_heading(_title(request), level=1)
    for label, value in request_sections(request):
        document.add_heading(label, level=2)
        document.add_paragraph(value)
    return docx_bytes(document)


def request_pdf(request: DataRequest) -> bytes:
    html = render_to_string(
        "eevidence/request_document.html",
        {
            "title": _title(request),
            "sections": request_sections(request),
            "language": get_language() or "en",
            "rtl": is_rtl(),
        },
    )
    return pdf_from_html(html)
