"""Registering external learning systems (LTI 1.3 tools) and the external courses they carry:
writes, audited."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.core.audit import Actor
from ctassist.core.errors import BrokenRule, FieldProblem, NotFound
from ctassist.core.services import record_create
from ctassist.learning.models import Course
from ctassist.learning.standards.models import ExternalCourse, ExternalTool


def external_tool_register(
    *,
    actor: Actor,
    name: str,
    oidc_login_url: str,
    launch_url: str,
    redirect_uris: list[str],
    share_name: bool = False,
    share_email: bool = False,
) -> ExternalTool:
    """A new tool, with the client id and deployment id this platform gives it (the tool's
    administrator enters them on their side, with the platform's addresses: docs/learning.md)."""
    uris = [uri.strip() for uri in redirect_uris if uri.strip()] or [launch_url]
    for uri in uris:
        if not uri.startswith("https://") and not uri.startswith("http://127.0.0.1"):
            raise BrokenRule(
                _("A tool receives launches over https only."),
                problems=[FieldProblem("redirect_uris", uri[:200])],
            )
    return record_create(
        actor=actor,
        instance=ExternalTool(
            name=name,
            client_id=secrets.token_urlsafe(18),
            deployment_id=secrets.token_hex(8),
            oidc_login_url=oidc_login_url,
            launch_url=launch_url,
            redirect_uris=uris,
            share_name=share_name,
            share_email=share_email,
        ),
    )


def external_course_link(
    *,
    actor: Actor,
    course: Course,
    tool: ExternalTool,
    activity_iri: str,
    target_link_uri: str = "",
) -> ExternalCourse:
    """Say that `tool` carries `course` (a course whose delivery is "on another learning
    system") and under which xAPI activity id it reports completions."""
    if course.delivery != Course.Delivery.EXTERNAL:
        raise BrokenRule(
            _("Only a course on another learning system is carried by a tool."),
            problems=[FieldProblem("course", course.code)],
        )
    with transaction.atomic():
        return record_create(
            actor=actor,
            instance=ExternalCourse(
                course=course, tool=tool, activity_iri=activity_iri, target_link_uri=target_link_uri
            ),
        )


def tool_get(*, name: str) -> ExternalTool:
    tool = ExternalTool.objects.filter(name=name).first()
    if tool is None:
        raise NotFound(_("No external tool has this name."))
    return tool


def tools_listed() -> list[dict[str, Any]]:
    return [
        {
            "name": tool.name,
            "client_id": tool.client_id,
            "deployment_id": tool.deployment_id,
            "launch_url": tool.launch_url,
            "courses": ", ".join(link.course.code for link in tool.courses.all()),
            "active": tool.active,
        }
        for tool in ExternalTool.objects.prefetch_related("courses__course")
    ]
