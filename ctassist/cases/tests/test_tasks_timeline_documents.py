"""Tasks on a case, the case's timeline from the audit trail, and document uploads whose text
is searchable within the unit's cases only."""

from __future__ import annotations

import datetime as dt

import pytest

from ctassist.cases import services
from ctassist.cases.models import Evidence
from ctassist.cases.selectors import case_get_for, case_list_for, case_timeline
from ctassist.cases.tests.factories import MembershipFactory, UnitFactory
from ctassist.core.documents import docx_bytes, docx_document
from ctassist.core.errors import InvalidInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def prosecutor(persona):
    user = persona("p", countries=("NGA",))
    MembershipFactory(unit=UnitFactory(code="u"), user=user)
    return user


def _case(user):
    return services.case_open(actor=user, unit=user.case_memberships.get().unit, title="State v. T")


def test_tasks_are_added_and_done(prosecutor, persona, client):
    case = _case(prosecutor)
    with pytest.raises(InvalidInput):
        services.task_add(actor=prosecutor, case=case, title="x", assignee=persona("nobody"))
    task = services.task_add(
        actor=prosecutor, case=case, title="Request bank records", due_on=dt.date(2020, 1, 1)
    )
    client.force_login(prosecutor)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Request bank records" in page and "overdue" in page
    response = client.post(f"/cases/{case.pk}/tasks/{task.pk}/done/", {"version": task.version})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_on is not None


def test_timeline_lists_changes_not_reads(prosecutor):
    case = _case(prosecutor)
    services.person_add(actor=prosecutor, case=case, role="witness", full_name="W")
    case_get_for(user=prosecutor, case_id=case.pk)  # a read: not on the timeline
    entries = case_timeline(case_get_for(user=prosecutor, case_id=case.pk))
    assert [(e.what, e.action) for e in entries] == [("person", "created"), ("case", "created")]


def test_document_text_is_searchable_inside_scope_only(prosecutor, persona):
    case = _case(prosecutor)
    document = docx_document(language="en")
    document.add_paragraph("Statement mentioning the Kanuri courier network")
    item = services.evidence_add(
        actor=prosecutor,
        case=case,
        number="D1",
        description="Witness statement",
        kind=Evidence.Kind.DOCUMENT,
        holder="Registry",
        content=docx_bytes(document),
        filename="statement.docx",
    )
    assert "Kanuri courier" in item.extracted_text
    assert [c.pk for c in case_list_for(user=prosecutor, query="courier network")] == [case.pk]
    outsider = persona("k", countries=("KEN",))
    assert case_list_for(user=outsider, query="courier network") == []
