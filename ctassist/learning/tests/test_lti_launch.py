"""A learner opens an external course and the tool receives a launch it can trust: the LTI 1.3
exchange runs through PyLTI1p3 — the tool library most Python tools use — acting as the tool
(login initiation, then the launch), which checks our signature against our public key set, the
nonce, the state and every required claim. Requests that are not as we sent them sign nothing."""

from __future__ import annotations

import html
import re
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.exception import LtiException
from pylti1p3.tool_config import ToolConfDict

from ctassist.learning.models import Enrolment, LearningEvent
from ctassist.learning.standards.lti import XAPI_CLAIM
from ctassist.learning.tests.standards_data import external_course, learner

pytestmark = pytest.mark.django_db
LTI = "https://purl.imsglobal.org/spec/lti/claim/"


@pytest.fixture(autouse=True)
def platform_key(tmp_path: Any, settings: Any) -> None:
    settings.CTASSIST_LEARNING_LTI_KEY_FILE = str(tmp_path / "keys" / "lti.pem")


def _tool_configuration(external: Any, jwks: dict[str, Any]) -> ToolConfDict:
    issuer = settings.CTASSIST_BASE_URL
    return ToolConfDict(
        {
            issuer: [
                {
                    "default": True,
                    "client_id": external.tool.client_id,
                    "auth_login_url": f"{issuer}/lti/authorize/",
                    "auth_token_url": f"{issuer}/lti/token/",
                    "key_set_url": None,
                    "key_set": cast(Any, jwks),
                    "deployment_ids": [external.tool.deployment_id],
                }
            ]
        }
    )


class ToolSide:
    """The tool's half of the exchange, in PyLTI1p3, with its own session and cookies."""

    def __init__(self, configuration: ToolConfDict) -> None:
        self.configuration = configuration
        self.session = SessionStore()
        self.cookies: dict[str, str] = {}
        self.factory = RequestFactory()

    def login(self, location: str) -> str:
        parts = urlsplit(location)
        request = self.factory.get(parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()})
        request.session = self.session
        target = parse_qs(parts.query)["target_link_uri"][0]
        response = DjangoOIDCLogin(request, self.configuration).redirect(target)
        self.cookies.update({name: morsel.value for name, morsel in response.cookies.items()})
        self.session.save()
        return str(response["Location"])

    def launch(self, id_token: str, state: str) -> dict[str, Any]:
        request = self.factory.post("/launch", {"id_token": id_token, "state": state})
        request.session = self.session
        request.COOKIES.update(self.cookies)
        return dict(DjangoMessageLaunch(request, self.configuration).get_launch_data())


def _form(page: str) -> dict[str, str]:
    action = re.search(r'<form method="post" action="([^"]+)" data-submit-on-load>', page)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    assert action, page[:500]
    return {
        "action": html.unescape(action.group(1)),
        **{k: html.unescape(v) for k, v in fields.items()},
    }


def _open_course(client: Client, external: Any) -> str:
    answer = client.get(f"/learning/courses/{external.course.code}/launch/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(external.tool.oidc_login_url)
    return str(answer["Location"])


def test_the_tool_accepts_our_launch_and_learns_only_what_it_needs() -> None:
    external = external_course()
    user = learner(first_name="Amina", last_name="Diallo", email="amina@example.org")
    client = Client()
    client.force_login(user)
    jwks = client.get("/lti/jwks.json").json()
    tool = ToolSide(_tool_configuration(external, jwks))

    authorize = tool.login(_open_course(client, external))
    parts = urlsplit(authorize)
    assert parts.path == "/lti/authorize/"
    page = client.get(f"{parts.path}?{parts.query}", HTTP_ACCEPT_LANGUAGE="ar")
    assert page.status_code == 200
    form = _form(page.content.decode())
    assert form["action"] == external.tool.launch_url
    assert "form-action" in page["Content-Security-Policy"]
    assert "https://tool.example.org" in page["Content-Security-Policy"]

    claims = tool.launch(form["id_token"], form["state"])

    assert claims["iss"] == settings.CTASSIST_BASE_URL
    assert claims["aud"] == external.tool.client_id
    assert claims["sub"] == str(user.pk)
    assert claims[LTI + "message_type"] == "LtiResourceLinkRequest"
    assert claims[LTI + "version"] == "1.3.0"
    assert claims[LTI + "deployment_id"] == external.tool.deployment_id
    assert claims[LTI + "target_link_uri"] == external.tool.launch_url
    assert claims[LTI + "resource_link"]["id"] == f"course-{external.course.pk}"
    assert claims[LTI + "roles"] == ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]
    assert claims[LTI + "context"]["id"] == external.course.code
    assert claims[XAPI_CLAIM]["activity_id"] == external.activity_iri
    assert "name" not in claims and "email" not in claims  # the tool was not set to receive them
    enrolment = Enrolment.objects.get(user=user, course=external.course)
    assert LearningEvent.objects.filter(user=user, verb="launched", course=external.course).exists()
    assert enrolment.completed_at is None


def test_a_tool_set_to_receive_names_gets_them() -> None:
    external = external_course()
    external.tool.share_name = external.tool.share_email = True
    external.tool.save()
    user = learner(first_name="Amina", last_name="Diallo", email="amina@example.org")
    client = Client()
    client.force_login(user)
    tool = ToolSide(_tool_configuration(external, client.get("/lti/jwks.json").json()))
    parts = urlsplit(tool.login(_open_course(client, external)))
    form = _form(client.get(f"{parts.path}?{parts.query}").content.decode())
    claims = tool.launch(form["id_token"], form["state"])
    assert claims["name"] == "Amina Diallo" and claims["email"] == "amina@example.org"


def test_a_token_changed_on_the_way_is_refused_by_the_tool() -> None:
    external = external_course()
    user = learner()
    client = Client()
    client.force_login(user)
    tool = ToolSide(_tool_configuration(external, client.get("/lti/jwks.json").json()))
    parts = urlsplit(tool.login(_open_course(client, external)))
    form = _form(client.get(f"{parts.path}?{parts.query}").content.decode())
    header, payload, signature = form["id_token"].split(".")
    forged = ".".join(
        [header, payload, signature[:-4] + ("AAAA" if signature[-4:] != "AAAA" else "BBBB")]
    )
    with pytest.raises(LtiException):
        tool.launch(forged, form["state"])


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"redirect_uri": "https://attacker.example/steal"}, 422),
        ({"client_id": "no-such-client"}, 422),
        ({"response_mode": "query"}, 422),
        ({"lti_message_hint": "forged"}, 422),
        ({"nonce": ""}, 422),
    ],
)
def test_a_request_that_is_not_as_we_sent_it_signs_nothing(
    change: dict[str, str], status: int
) -> None:
    external = external_course()
    user = learner()
    client = Client()
    client.force_login(user)
    tool = ToolSide(_tool_configuration(external, client.get("/lti/jwks.json").json()))
    parts = urlsplit(tool.login(_open_course(client, external)))
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | change
    answer = client.get(parts.path, query)
    assert answer.status_code == status
    assert b'name="id_token"' not in answer.content
    assert not LearningEvent.objects.filter(user=user, verb="launched").exists()


def test_another_learner_cannot_use_the_first_ones_launch() -> None:
    external = external_course()
    first, second = learner("first-learner"), learner("second-learner")
    client = Client()
    client.force_login(first)
    tool = ToolSide(_tool_configuration(external, client.get("/lti/jwks.json").json()))
    parts = urlsplit(tool.login(_open_course(client, external)))
    other = Client()
    other.force_login(second)
    answer = other.get(f"{parts.path}?{parts.query}")
    assert answer.status_code == 403 and b'name="id_token"' not in answer.content


def test_the_key_is_made_once_and_kept(settings: Any) -> None:
    from pathlib import Path

    client = Client()
    first = client.get("/lti/jwks.json").json()
    assert Path(settings.CTASSIST_LEARNING_LTI_KEY_FILE).stat().st_mode & 0o077 == 0
    assert client.get("/lti/jwks.json").json() == first
    assert first["keys"][0]["kty"] == "RSA" and "d" not in first["keys"][0]


def test_the_course_page_offers_to_open_an_external_course() -> None:
    external = external_course()
    client = Client()
    page = client.get(f"/learning/courses/{external.course.code}/")
    assert b'id="launch-link"' not in page.content  # not signed in: sign in first
    client.force_login(learner())
    page = client.get(f"/fr/learning/courses/{external.course.code}/")
    assert f'href="/fr/learning/courses/{external.course.code}/launch/"'.encode() in page.content
