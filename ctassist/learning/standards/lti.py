"""LTI 1.3 launches of external courses, this platform being the LTI platform (the "tool
consumer"): the learner opens an external course here, the tool is asked to log them in (OIDC
third-party login initiation), the tool comes back to `authorize`, and the learner's browser posts
a signed id_token to the tool (IMS Security Framework 1.0 §5.1; LTI Core 1.3 §5).

The claims and their signature come from `lti1p3platform` (docs/adr/0024); what the library
leaves to the platform is here: the tool's redirect URI must be one it registered, the login
hint must be the learner signed in, the message hint must be ours, recent and for that learner,
and the course must be one the learner is enrolled in and that the tool carries.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from jwcrypto.jwk import JWK
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import MessageLaunchAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request

from ctassist.core.errors import BrokenRule, FieldProblem, NotFound, PermissionDenied
from ctassist.learning.selectors import enrolment_for
from ctassist.learning.services import enrolment_create, event_record
from ctassist.learning.standards.models import ExternalCourse, ExternalTool

HINT_SALT = "ctassist.learning.lti.message-hint"
HINT_MAX_AGE = 300  # seconds between the launch here and the tool's return to `authorize`
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
COURSE_OFFERING = "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"
XAPI_CLAIM = "https://ctassist.org/lti/claim/xapi"


# --- the platform's key -------------------------------------------------------------------------
@dataclass(frozen=True)
class PlatformKey:
    private_pem: str
    public_pem: str
    kid: str


def _key_path() -> Path:
    return Path(settings.CTASSIST_LEARNING_LTI_KEY_FILE)


@cache
def _key_at(path: str, mtime_ns: int) -> PlatformKey:
    key = JWK.from_pem(Path(path).read_bytes())
    return PlatformKey(
        private_pem=key.export_to_pem(private_key=True, password=None).decode("ascii"),
        public_pem=key.export_to_pem().decode("ascii"),
        kid=key.thumbprint(),
    )


def platform_key() -> PlatformKey:
    """The RSA key that signs launches: read from `CTASSIST_LEARNING_LTI_KEY_FILE`, made once
    when the file is absent. The file appears whole or not at all (written beside it and linked
    into place), and when two processes make it at once the first one's key wins for both."""
    path = _key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = JWK.generate(kty="RSA", size=2048).export_to_pem(private_key=True, password=None)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".lti-key-")
        try:
            os.fchmod(descriptor, 0o600)
            os.write(descriptor, pem)
            os.fsync(descriptor)
            os.close(descriptor)
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    return _key_at(str(path), path.stat().st_mtime_ns)


def platform_jwks() -> dict[str, Any]:
    """The public key set tools fetch to check a launch's signature."""
    key = platform_key()
    return {"keys": [Registration.get_jwk(key.public_pem)]}


def issuer() -> str:
    return str(settings.CTASSIST_BASE_URL)


def subject_of(user: Any) -> str:
    """The learner as every tool and every LRS knows them: the platform's opaque account id,
    never a name or address (those go only to a tool set to receive them)."""
    return str(user.pk)


# --- the library's platform configuration for one tool ------------------------------------------
class _ToolConfiguration(LTI1P3PlatformConfAbstract):  # type: ignore[misc]
    def init_platform_config(self, **kwargs: Any) -> None:
        tool: ExternalTool = kwargs["tool"]
        key = platform_key()
        self._registration = (
            Registration()
            .set_iss(issuer())
            .set_client_id(tool.client_id)
            .set_deployment_id(tool.deployment_id)
            .set_launch_url(tool.launch_url)
            .set_oidc_login_url(tool.oidc_login_url)
            .set_platform_public_key(key.public_pem)
            .set_platform_private_key(key.private_pem)
        )

    def get_registration_by_params(self, **kwargs: Any) -> Registration:
        assert self._registration is not None
        return self._registration


class _Preflight(Request):  # type: ignore[misc]
    def build_metadata(self, request: Any) -> Any:
        return {"method": "POST", "form_data": request, "get_data": {}, "headers": {}}


class _Launch(MessageLaunchAbstract):  # type: ignore[misc]
    def render_launch_form(self, launch_data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return launch_data


# --- the two steps --------------------------------------------------------------------------
def external_course_of(course: Any) -> ExternalCourse:
    external = ExternalCourse.objects.select_related("tool").filter(course=course).first()
    if external is None or not external.tool.active:
        raise NotFound(_("This course is not on an external learning system."))
    return external


def launch_start_url(*, user: Any, course: Any) -> str:
    """Where the learner's browser goes to open an external course: the tool's login
    initiation, with a message hint that names the course and the learner, signed here."""
    external = external_course_of(course)
    tool = external.tool
    hint = signing.dumps({"c": course.pk, "u": user.pk}, salt=HINT_SALT, compress=True)
    parameters = {
        "iss": issuer(),
        "login_hint": subject_of(user),
        "target_link_uri": external.target_link_uri or tool.launch_url,
        "lti_message_hint": hint,
        "client_id": tool.client_id,
        "lti_deployment_id": tool.deployment_id,
    }
    separator = "&" if "?" in tool.oidc_login_url else "?"
    return f"{tool.oidc_login_url}{separator}{urlencode(parameters)}"


@dataclass(frozen=True)
class LaunchForm:
    """What the learner's browser posts to the tool."""

    action: str
    id_token: str
    state: str


class LaunchRefused(BrokenRule):
    """A launch request that is not as this platform sent it: nothing is signed."""

    code = "lti_refused"


def _refused(field: str, value: str, message: str) -> LaunchRefused:
    return LaunchRefused(message, problems=[FieldProblem(field, value[:200])])


def launch_authorize(
    *, user: Any, parameters: dict[str, str], language: str
) -> tuple[LaunchForm, Any]:
    """Answer the tool's authentication request (OIDC, `response_mode=form_post`) with a signed
    launch for the learner signed in, and record the launch (a `launched` learning event).
    Returns the form and the course launched. Refuses, without signing anything, a request
    whose every part is not as this platform sent it."""

    def value(name: str) -> str:
        return str(parameters.get(name, ""))

    tool = ExternalTool.objects.filter(client_id=value("client_id"), active=True).first()
    if tool is None:
        raise _refused("client_id", value("client_id"), _("No tool has this client id."))
    if value("response_type") != "id_token" or "openid" not in value("scope").split():
        raise _refused("response_type", value("response_type"), _("Not an OpenID launch request."))
    if value("response_mode") != "form_post":
        raise _refused("response_mode", value("response_mode"), _("The launch is posted."))
    if value("redirect_uri") not in tool.redirect_uris:
        raise _refused(
            "redirect_uri", value("redirect_uri"), _("The tool did not register this address.")
        )
    if not value("nonce") or not value("state"):
        raise _refused("nonce", value("nonce"), _("The request lacks its nonce or state."))
    if user is None or not user.is_authenticated or value("login_hint") != subject_of(user):
        raise PermissionDenied(_("Sign in as the learner who opened the course."))
    try:
        hint = signing.loads(value("lti_message_hint"), salt=HINT_SALT, max_age=HINT_MAX_AGE)
    except signing.BadSignature as error:
        raise _refused(
            "lti_message_hint", "", _("The launch has expired: open the course again.")
        ) from error
    if hint.get("u") != user.pk:
        raise PermissionDenied(_("Sign in as the learner who opened the course."))
    external = (
        ExternalCourse.objects.select_related("course", "tool")
        .filter(course_id=hint.get("c"))
        .first()
    )
    if external is None or external.tool_id != tool.pk:
        raise _refused("client_id", tool.client_id, _("This tool does not carry the course."))
    course = external.course
    wanted = language if course.versions.filter(language=language).exists() else ""
    enrolment = enrolment_for(user=user, course=course)
    if enrolment is None:
        enrolment = enrolment_create(
            actor=user,
            course=course,
            language=wanted or getattr(course.version_in("en"), "language", "en"),
            through_launch=True,
        )
    language = wanted or enrolment.language
    return_url = issuer() + reverse("learning:course", args=[course.code])
    form = _signed_launch(
        tool=tool,
        external=external,
        user=user,
        parameters=parameters,
        language=language,
        return_url=return_url,
    )
    with transaction.atomic():
        event_record(verb="launched", user=user, course=course, language=language)
    return form, course


def _signed_launch(
    *,
    tool: ExternalTool,
    external: ExternalCourse,
    user: Any,
    parameters: dict[str, str],
    language: str,
    return_url: str,
) -> LaunchForm:
    course = external.course
    version = course.version_in(language)
    title = version.title if version is not None else course.code
    launch = _Launch(_Preflight(dict(parameters)), _ToolConfiguration(tool=tool))
    launch._registration = launch._platform_config.get_registration()
    launch.set_launch_url(external.target_link_uri or tool.launch_url)
    name = user.get_full_name() if tool.share_name else None
    email = user.email if tool.share_email and user.email else None
    launch.set_user_data(subject_of(user), [LEARNER], full_name=name, email_address=email)
    launch.set_resource_link_claim(f"course-{course.pk}", title=title)
    launch.set_launch_context_claim(
        context_id=course.code, context_types=[COURSE_OFFERING], context_title=title
    )
    launch.set_launch_presentation_claim(document_target="window", return_url=return_url)
    presentation = launch.lti_claim_launch_presentation or {}
    for claim in presentation.values():
        claim["locale"] = language
    launch.set_extra_claims(
        {
            XAPI_CLAIM: {
                "activity_id": external.activity_iri,
                "actor": {"account": {"homePage": issuer(), "name": subject_of(user)}},
            }
        }
    )
    answer = launch.lti_launch()
    return LaunchForm(
        action=str(answer["launch_url"]), id_token=str(answer["id_token"]), state=answer["state"]
    )
