"""The certificate as PDF (WeasyPrint through `core.documents`), in the language of the course
version completed — right-to-left in Arabic — with its verification address."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from ctassist.core.documents import pdf_from_html
from ctassist.learning.models import Certificate


def certificate_pdf_bytes(certificate: Certificate, *, verify_url: str) -> bytes:
    with translation.override(certificate.language):
        html = render_to_string(
            "learning/certificate.html",
            {
                "certificate": certificate,
                "verify_url": verify_url,
                "rtl": translation.get_language_bidi(),
                "lang": certificate.language,
            },
        )
    return pdf_from_html(html)
