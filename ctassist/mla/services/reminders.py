"""Deadline reminders: an e-mail to the owner of each open request whose deadline is near or
past, once per request per day (run by `ctassist mla reminders`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ctassist.core.audit import audit_write
from ctassist.core.models import AuditEntry
from ctassist.mla.models import ReminderNotice, TrackedRequest

REMINDER_DAYS = 7


def _reminder_text(tracked: TrackedRequest, *, overdue: bool) -> tuple[str, str]:
    subject = (
        _("Overdue request %(reference)s") if overdue else _("Deadline soon: %(reference)s")
    ) % {"reference": tracked.reference}
    body = _(
        "Request %(reference)s (%(from)s → %(to)s), status: %(status)s, deadline %(deadline)s."
        "\nOpen it in ctassist: %(path)s"
    ) % {
        "reference": tracked.reference,
        "from": tracked.requesting_state.code,
        "to": tracked.requested_state.code,
        "status": tracked.get_status_display(),
        "deadline": tracked.deadline.isoformat() if tracked.deadline else "",
        "path": settings.CTASSIST_BASE_URL + f"/cooperation/tracking/{tracked.pk}/",
    }
    return subject, body


def mla_reminders_send(*, today: dt.date, within_days: int = REMINDER_DAYS) -> int:
    """E-mail the owner of every open request whose deadline falls within `within_days` days or
    has passed — once per request per day (a second run the same day sends nothing). Returns
    the number of e-mails sent."""
    due = (
        TrackedRequest.objects.select_related("owner", "requesting_state", "requested_state")
        .exclude(status__in=TrackedRequest.CLOSED)
        .filter(deadline__isnull=False, deadline__lte=today + dt.timedelta(days=within_days))
        .exclude(reminders__day=today)
        .exclude(owner__email="")
        .filter(owner__is_active=True)
        .order_by("deadline", "pk")
    )
    sent = 0
    for tracked in due:
        overdue = tracked.deadline is not None and tracked.deadline < today
        with translation.override(getattr(tracked.owner, "language", None) or "en"):
            subject, body = _reminder_text(tracked, overdue=overdue)
        try:
            with transaction.atomic():
                notice = ReminderNotice.objects.create(
                    tracked=tracked, day=today, recipient=tracked.owner.email
                )
                audit_write(
                    actor=None,
                    action=AuditEntry.Action.CREATE,
                    instance=notice,
                    after={"tracked": tracked.pk, "day": today.isoformat()},
                    note="deadline reminder",
                )
                # Sent inside the transaction: if sending fails, no reminder is marked as sent.
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [tracked.owner.email])
        except IntegrityError:
            continue  # another run sent today's reminder meanwhile
        sent += 1
    return sent
