"""Central-authority notices: a State's dated answer on one topic (electronic transmission,
urgent requests only, videoconference, other). A new notice ends the earlier one still open on
the same topic, the history kept. Editors record them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ctassist.core.access import can_edit_reference_data
from ctassist.core.audit import Actor
from ctassist.core.errors import FieldProblem, InvalidInput, PermissionDenied
from ctassist.core.services import record_create, record_update
from ctassist.mla.models import CentralAuthorityNotice
from ctassist.mla.services.tracking import _state


def notice_publish(
    *,
    actor: Actor,
    state_code: str,
    topic: str,
    answer: str,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    text: str = "",
    source: str = "",
) -> CentralAuthorityNotice:
    """Record a State's notice on one topic (editors). An earlier notice on the same topic still
    open ends the day before the new one starts (history kept)."""
    if not can_edit_reference_data(actor):
        raise PermissionDenied(_("Only editors record central-authority notices."))
    state = _state(state_code, "state")
    notice = CentralAuthorityNotice(
        state=state,
        topic=topic,
        answer=answer,
        text=text,
        source=source,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    with transaction.atomic():
        earlier = (
            CentralAuthorityNotice.objects.select_for_update()
            .filter(state=state, topic=topic, valid_from__lt=valid_from)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from))
        )
        for previous in earlier:
            record_update(
                actor=actor,
                instance=previous,
                expected_version=previous.version,
                changes={"valid_until": valid_from - dt.timedelta(days=1)},
                note="superseded",
            )
        return record_create(actor=actor, instance=notice)


NOTICE_FIELDS = {"answer", "text", "source", "valid_until"}


def notice_update(
    *,
    actor: Actor,
    notice: CentralAuthorityNotice,
    expected_version: int,
    changes: dict[str, Any],
) -> CentralAuthorityNotice:
    if not can_edit_reference_data(actor):
        raise PermissionDenied(_("Only editors record central-authority notices."))
    unknown = sorted(set(changes) - NOTICE_FIELDS)
    if unknown:
        raise InvalidInput(
            _("Unknown fields."), problems=[FieldProblem(name, "unknown") for name in unknown]
        )
    return record_update(
        actor=actor, instance=notice, expected_version=expected_version, changes=changes
    )
