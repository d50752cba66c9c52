"""An evaluation's documents are stored with their SHA-256 and refused if altered; managers are
reminded (at most once a day) of a follow-up plan falling due and of overdue actions."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from django.core import mail

from ctassist.cli import main
from ctassist.core.errors import IntegrityFailure, InvalidInput
from ctassist.evaluations import services
from ctassist.evaluations.models import Action, Evaluation, Recommendation

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def analyst(persona):
    return persona("analyst", role="analyst")


def test_documents_upload_download_and_tamper(client, analyst, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    evaluation = Evaluation.objects.create(title="E", unit="U", year=2020, stage="draft")
    client.force_login(analyst)
    page = client.get(f"/evaluations/{evaluation.pk}/").content.decode()
    assert "Move to the next stage: final report" in page
    with (tmp_path / "final.pdf").open("wb") as handle:
        handle.write(PDF)
    with (tmp_path / "final.pdf").open("rb") as handle:
        response = client.post(
            f"/evaluations/{evaluation.pk}/documents/",
            {"stage": "final", "title": "Final evaluation report", "file": handle},
        )
    assert response.status_code == 302
    document = evaluation.documents.get()
    download = client.get(f"/evaluations/{evaluation.pk}/documents/{document.pk}/")
    assert download.content == PDF and download["X-Content-SHA256"] == document.sha256
    with pytest.raises(InvalidInput):
        services.evaluation_document_add(
            actor=analyst, evaluation=evaluation, stage="final", title="x",
            filename="report.exe", content=b"MZ...",
        )  # fmt: skip
    with document.file.open("wb") as handle:
        handle.write(PDF + b"altered")
    with pytest.raises(IntegrityFailure):
        services.evaluation_document_content(document)
    assert client.get(f"/evaluations/{evaluation.pk}/documents/{document.pk}/").status_code == 409
    advanced = client.post(
        f"/evaluations/{evaluation.pk}/stage/",
        {"version": evaluation.version, "to": "final", "on": "2020-03-02"},
    )
    assert advanced.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.stage == "final" and evaluation.final_report_on == dt.date(2020, 3, 2)


def test_outsiders_get_no_documents(client, persona, analyst, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    evaluation = Evaluation.objects.create(title="E", unit="U", year=2020)
    document = services.evaluation_document_add(
        actor=analyst, evaluation=evaluation, stage="initiated", title="Concept note",
        filename="note.pdf", content=PDF,
    )  # fmt: skip
    client.force_login(persona("p", countries=("NGA",)))
    assert client.get(f"/evaluations/{evaluation.pk}/documents/{document.pk}/").status_code == 404


def test_manager_reminded_once_a_day(persona):
    manager = persona("manager", role="analyst")
    manager.email = "manager@example.org"
    manager.save()
    Evaluation.objects.exclude(manager=None).update(manager=None)  # only ours
    evaluation = Evaluation.objects.create(
        title="Mid-term evaluation", unit="TPB", year=2020, stage="final",
        final_report_on=dt.date(2020, 3, 2), manager=manager,
    )  # fmt: skip
    recommendation = Recommendation.objects.create(
        evaluation=evaluation, number=1, text="Do it", addressee="TPB", response="accepted"
    )
    Action.objects.create(
        recommendation=recommendation, description="Draft the guide", owner="TPB",
        deadline=dt.date(2020, 3, 20),
    )  # fmt: skip
    quiet = services.evaluation_reminders_send(today=dt.date(2020, 3, 10))
    assert quiet.emails == 0  # plan due 2 April: not yet within a week; no overdue action
    result = CliRunner().invoke(main, ["evaluations", "reminders", "--today", "2020-03-27"])
    assert result.exit_code == 0 and "e-mails sent: 1" in result.output
    [message] = mail.outbox
    assert message.to == ["manager@example.org"]
    assert "due on 2020-04-02" in message.body and "Draft the guide" in message.body
    again = services.evaluation_reminders_send(today=dt.date(2020, 3, 27))
    assert again.emails == 0 and len(mail.outbox) == 1
    services.evaluation_reminders_send(today=dt.date(2020, 4, 3))
    assert "was due on 2020-04-02" in mail.outbox[-1].body


def test_a_document_over_the_limit_is_refused_before_it_is_read(client, analyst, settings):
    # issue 27, item 3: the upload's size is checked first (413), not after reading it whole.
    settings.CTASSIST_UPLOAD_MAX_BYTES = {
        **settings.CTASSIST_UPLOAD_MAX_BYTES,
        "evaluation document": 1024,
    }
    evaluation = Evaluation.objects.create(title="E", unit="U", year=2020, stage="draft")
    client.force_login(analyst)
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("final.pdf", PDF + b"0" * 4096, content_type="application/pdf")
    response = client.post(
        f"/evaluations/{evaluation.pk}/documents/",
        {"stage": "final", "title": "Final evaluation report", "file": big},
    )
    assert response.status_code == 413
    assert not evaluation.documents.exists()
