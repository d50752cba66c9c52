"""The report in the six languages: headings and generated sentences translated, plural forms
chosen by each language's rule, and States named in the report's language."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.utils import translation

from ctassist.reports.document import report_build, report_file
from ctassist.reports.narrative import kind_phrase

pytestmark = pytest.mark.django_db
START, END = dt.date(2019, 6, 1), dt.date(2020, 5, 31)


@pytest.mark.parametrize(
    ("language", "heading", "state", "sentence"),
    [
        ("fr", "A. Réponses de la justice pénale au terrorisme", "Tunisie", "l'Office a mené"),
        ("ar", "ألف - تدابير العدالة الجنائية للتصدي للإرهاب", "تونس", "نفّذ المكتب"),
    ],
)
def test_the_report_in_french_and_arabic(language, heading, state, sentence):
    content = report_file(START, END, fmt="docx", language=language)
    document = docx.Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert heading in headings
    body = "\n".join(p.text for p in document.paragraphs)
    assert state in body and "Tunisia" not in body
    assert sentence in body
    for english in ("the Office delivered", "In all,", "officials took part", "per cent"):
        assert english not in body, english
    with translation.override(language):
        report = report_build(START, END)
    assert len([p for part in report.parts for p in part.paragraphs]) >= 80


def test_plural_forms_follow_each_language():
    with translation.override("fr"):
        assert kind_phrase("workshop", 1) == "un atelier"
        assert kind_phrase("workshop", 3) == "trois ateliers"
    with translation.override("ru"):
        assert kind_phrase("workshop", 2) == "2 семинара"
        assert kind_phrase("workshop", 5) == "5 семинаров"
        assert kind_phrase("workshop", 21) == "21 семинар"
    with translation.override("ar"):
        assert kind_phrase("workshop", 1) == "حلقة عمل"
        assert kind_phrase("workshop", 2) == "حلقتي عمل"
        assert kind_phrase("workshop", 5) == "5 حلقات عمل"
        assert kind_phrase("workshop", 11) == "11 حلقة عمل"
    with translation.override("es"):
        assert kind_phrase("study_visit", 2) == "dos visitas de estudio"
    with translation.override("zh-hans"):
        assert kind_phrase("webinar", 4) == "4 次网络研讨会"


def test_the_french_draft_names_states_in_french():
    with translation.override("fr"):
        report = report_build(START, END)
    body = " ".join(p for part in report.parts for p in part.paragraphs)
    assert "Burkina Faso" in body and "Irak" in body and "Iraq" not in body
    assert "plus de 150" in body and "28 %" in body
