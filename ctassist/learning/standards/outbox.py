"""The xAPI outbox: every learning event becomes a statement sent to the office's Learning Record
Store, in order, in batches, retried until the LRS has it. Nothing is lost: an event leaves the
queue only when the LRS has answered that it stored it (or that it already holds its id); a
statement the LRS refuses for good stays in the queue, marked, for someone to look at
(`ctassist learning xapi status`).

Run by `ctassist learning xapi send` (from cron, as `mla reminders` is). Statement ids are the
events' ids, so sending the same event twice never makes two statements in the LRS.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from ctassist.core.locks import named_lock
from ctassist.learning.models import LearningEvent
from ctassist.learning.standards.lrs import Lrs, LrsAnswer, statements_post
from ctassist.learning.standards.statements import event_statement
from ctassist.learning.standards.xapi import statement_problems

FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=6)
REFUSED = "refused: "


def lrs_configured() -> Lrs | None:
    endpoint = settings.CTASSIST_LEARNING_XAPI_ENDPOINT
    if not endpoint:
        return None
    return Lrs(
        endpoint=endpoint,
        username=settings.CTASSIST_LEARNING_XAPI_USERNAME,
        password=settings.CTASSIST_LEARNING_XAPI_PASSWORD,
        timeout=settings.CTASSIST_LEARNING_XAPI_TIMEOUT,
    )


@dataclass
class OutboxReport:
    sent: int = 0
    retry_later: int = 0
    refused: int = 0
    waiting: int = 0  # still queued after this run (not yet due, or beyond this run's batches)
    error: str = ""  # the LRS's last answer when a batch failed

    def as_dict(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "retry_later": self.retry_later,
            "refused": self.refused,
            "waiting": self.waiting,
            "error": self.error,
        }


def queued() -> QuerySet[LearningEvent]:
    """Events the LRS does not have yet, refused ones included."""
    return LearningEvent.objects.filter(xapi_sent_at__isnull=True)


def _refused_q() -> Q:
    return Q(xapi_last_error__startswith=REFUSED)


def queue_status() -> dict[str, Any]:
    pending = queued()
    oldest = pending.order_by("occurred").values_list("occurred", flat=True).first()
    return {
        "queued": pending.exclude(_refused_q()).count(),
        "refused": pending.filter(_refused_q()).count(),
        "sent": LearningEvent.objects.filter(xapi_sent_at__isnull=False).count(),
        "oldest_queued": oldest.isoformat() if oldest else None,
        "endpoint": settings.CTASSIST_LEARNING_XAPI_ENDPOINT or None,
    }


def _backoff(attempts: int) -> dt.timedelta:
    wait: dt.timedelta = FIRST_RETRY * (2 ** max(0, attempts - 1))
    return min(wait, LONGEST_RETRY)


def xapi_outbox_send(
    *, lrs: Lrs | None = None, now: dt.datetime | None = None, batch: int | None = None
) -> OutboxReport:
    """Send every due event, oldest first, `batch` statements per request. One run at a time
    (a named lock); a batch the LRS refuses is sent again statement by statement, so one bad
    statement does not hold back the others."""
    lrs = lrs or lrs_configured()
    if lrs is None:
        raise RuntimeError(
            "no Learning Record Store is configured (CTASSIST_LEARNING_XAPI_ENDPOINT)"
        )
    now = now or timezone.now()
    size = batch or settings.CTASSIST_LEARNING_XAPI_BATCH
    report = OutboxReport()
    with named_lock("learning-xapi-outbox"):
        due = (
            queued()
            .exclude(_refused_q())
            .filter(Q(xapi_next_attempt__isnull=True) | Q(xapi_next_attempt__lte=now))
            .select_related("course", "lesson", "quiz", "webinar", "certificate", "user", "guest")
            .prefetch_related("course__versions")
            .order_by("occurred", "id")
        )
        while True:
            # Every event a batch handles leaves `due` (sent, refused, or due later).
            events = list(due[:size])
            if not events:
                break
            _send_batch(events, lrs=lrs, now=now, report=report)
            if report.retry_later:
                break  # the LRS is down or refuses us: the rest waits for the next run
        report.waiting = queued().exclude(_refused_q()).count()
    return report


def _send_batch(
    events: list[LearningEvent], *, lrs: Lrs, now: dt.datetime, report: OutboxReport
) -> None:
    sendable: list[tuple[LearningEvent, dict[str, Any]]] = []
    for event in events:
        statement = event_statement(event)
        problems = statement_problems(statement)
        if problems:
            first = problems[0]
            _mark_refused(event, f"{first.field}: {first.message}", report)
        else:
            sendable.append((event, statement))
    if not sendable:
        return
    answer = statements_post([statement for _, statement in sendable], lrs=lrs)
    if answer.stored:
        _mark_sent([event for event, _ in sendable], now, report)
    elif answer.refused_for_good and len(sendable) > 1:
        for event, statement in sendable:
            single = statements_post([statement], lrs=lrs)
            _settle(event, single, now, report)
    else:
        for event, _statement in sendable:
            _settle(event, answer, now, report)


def _settle(
    event: LearningEvent, answer: LrsAnswer, now: dt.datetime, report: OutboxReport
) -> None:
    if answer.stored or answer.status == 409:
        # 409: the LRS holds a statement with this id. Ids are the events' own UUIDs, so it is
        # this event's statement, stored by an earlier run whose answer was lost.
        _mark_sent([event], now, report)
    elif answer.refused_for_good:
        _mark_refused(event, f"HTTP {answer.status} {answer.detail}", report)
    else:
        event.xapi_attempts += 1
        event.xapi_next_attempt = now + _backoff(event.xapi_attempts)
        event.xapi_last_error = (
            f"HTTP {answer.status} {answer.detail}"[:500] if answer.status else answer.detail[:500]
        )
        event.save(update_fields=["xapi_attempts", "xapi_next_attempt", "xapi_last_error"])
        report.retry_later += 1
        report.error = event.xapi_last_error


def _mark_sent(events: list[LearningEvent], now: dt.datetime, report: OutboxReport) -> None:
    LearningEvent.objects.filter(id__in=[event.id for event in events]).update(
        xapi_sent_at=now, xapi_next_attempt=None, xapi_last_error=""
    )
    report.sent += len(events)


def _mark_refused(event: LearningEvent, reason: str, report: OutboxReport) -> None:
    event.xapi_attempts += 1
    event.xapi_next_attempt = None
    event.xapi_last_error = (REFUSED + reason)[:500]
    event.save(update_fields=["xapi_attempts", "xapi_next_attempt", "xapi_last_error"])
    report.refused += 1


def refused_retry() -> int:
    """Put refused statements back in the queue (after the LRS or the data was mended)."""
    return queued().filter(_refused_q()).update(xapi_last_error="", xapi_next_attempt=None)
