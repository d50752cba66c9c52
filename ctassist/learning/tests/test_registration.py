"""Registration with approval: a practitioner registers (pending); only a learning manager
approves — the account is made and the person sets a password through the emailed link — or
rejects with a reason; profiles are read by themselves and managers only, every read logged."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from ctassist.accounts.models import User
from ctassist.core.errors import BrokenRule, InvalidInput, NotFound, PermissionDenied
from ctassist.core.models import AuditEntry
from ctassist.geo.models import State
from ctassist.learning.models import Registration
from ctassist.learning.selectors import profile_for, registrations_pending
from ctassist.learning.services import registration_decide, registration_submit

pytestmark = pytest.mark.django_db

FORM = {
    "full_name": "Aïcha  Traoré",
    "email": "Aicha.Traore@example.org",
    "country": "BFA",
    "institution": "Pôle judiciaire spécialisé",
    "function": "juge d'instruction",
    "sex": "female",
    "language": "fr",
}


def _submit(**changes: Any) -> Registration:
    given = {**FORM, **changes}
    given["country"] = State.objects.get(code=given["country"])
    return registration_submit(**given)


def test_the_public_form_registers_a_pending_practitioner(client: Any) -> None:
    page = client.post("/learning/register/", FORM)
    assert page.status_code == 200 and b'id="registered"' in page.content
    found = Registration.objects.get(email="aicha.traore@example.org")
    assert found.status == "pending" and found.full_name == "Aïcha Traoré" and found.user is None
    again = client.post("/learning/register/", FORM)
    assert b"already registered" in again.content
    assert Registration.objects.filter(email="aicha.traore@example.org").count() == 1


def test_approval_makes_the_account_and_the_link_sets_a_password(
    school: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    registration = _submit()
    with pytest.raises(PermissionDenied):
        registration_decide(
            actor=school.learner,
            registration=registration,
            expected_version=registration.version,
            approve=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        decided = registration_decide(
            actor=school.manager,
            registration=registration,
            expected_version=registration.version,
            approve=True,
            base_url="http://testserver/",
        )
    assert decided.status == "approved" and decided.user is not None
    user = decided.user
    assert user.role == "practitioner" and not user.countries.exists()
    assert not user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["aicha.traore@example.org"]
    assert "Votre" in message.subject or "account" in message.subject
    link = re.search(r"http://testserver(/\S+)", message.body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    password = "a long and new passphrase 42"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)
    with pytest.raises(BrokenRule):
        registration_decide(
            actor=school.manager,
            registration=decided,
            expected_version=decided.version,
            approve=False,
            reason="x",
        )


def test_rejection_needs_a_reason(school: Any) -> None:
    registration = _submit()
    with pytest.raises(InvalidInput):
        registration_decide(
            actor=school.manager,
            registration=registration,
            expected_version=registration.version,
            approve=False,
        )
    decided = registration_decide(
        actor=school.manager,
        registration=registration,
        expected_version=registration.version,
        approve=False,
        reason="Not a criminal justice practitioner",
    )
    assert decided.status == "rejected" and decided.user is None
    assert not User.objects.filter(username="aicha.traore@example.org").exists()
    assert _submit().status == "pending", "a rejected person may register again"


def test_the_managers_page_approves(school: Any, client: Any) -> None:
    registration = _submit()
    client.force_login(school.learner)
    assert client.get("/learning/approvals/").status_code == 403
    client.force_login(school.manager)
    page = client.get("/learning/approvals/")
    assert "Aïcha Traoré" in page.content.decode()
    client.post(
        f"/learning/approvals/{registration.pk}/",
        {"version": registration.version, "decision": "approve"},
    )
    registration.refresh_from_db()
    assert registration.status == "approved"


def test_profiles_are_read_by_themselves_and_managers_only_and_logged(school: Any) -> None:
    reads = AuditEntry.objects.filter(action="read", model="learning.registration")
    before = reads.count()
    assert profile_for(user=school.learner, of_user_id=school.learner.pk).full_name == (
        "Wanjiru Kamau"
    )
    assert profile_for(user=school.manager, of_user_id=school.learner.pk)
    with pytest.raises(NotFound):
        profile_for(user=school.outsider, of_user_id=school.learner.pk)
    with pytest.raises(PermissionDenied):
        registrations_pending(user=school.learner)
    assert reads.count() == before + 2
