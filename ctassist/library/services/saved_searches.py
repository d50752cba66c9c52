"""Saved searches and their alerts: a signed-in user's words and filters, and the e-mails
listing the records published since the last alert (`ctassist library alerts`, from cron)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ctassist.accounts.models import User
from ctassist.core.audit import Actor
from ctassist.core.errors import (
    BrokenRule,
    FieldProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from ctassist.core.services import record_create, record_delete
from ctassist.library.models import SavedSearch

SAVED_SEARCH_LIMIT = 50


def saved_search_create(
    *, actor: Actor, name: str, query: str, filters: dict[str, str | None], alerts: bool = True
) -> SavedSearch:
    """Save a query and its filters for a signed-in user; alerts start from now (records
    already published are not "new")."""
    from ctassist.library.search import FACETS

    if not isinstance(actor, User) or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to save a search."))
    unknown = sorted(set(filters) - set(FACETS))
    if unknown:
        raise InvalidInput(
            _("Unknown filter."),
            problems=[FieldProblem(key, "unknown filter") for key in unknown],
        )
    kept = {k: v for k, v in filters.items() if v}
    if not query.strip() and not kept:
        raise BrokenRule(
            _("A saved search needs words or at least one filter."),
            problems=[FieldProblem("q", "required when no filter is chosen")],
        )
    if SavedSearch.objects.filter(user=actor).count() >= SAVED_SEARCH_LIMIT:
        raise BrokenRule(
            _("You have reached the limit of saved searches; delete one first."),
            problems=[FieldProblem("name", f"at most {SAVED_SEARCH_LIMIT}")],
        )
    label = name.strip() or query.strip() or ", ".join(f"{k}: {v}" for k, v in kept.items())
    saved = SavedSearch(
        user=actor,
        name=label[:200],
        query=query.strip()[:500],
        filters=kept,
        alerts=alerts,
        last_alert_at=timezone.now(),
    )
    return record_create(actor=actor, instance=saved, note="saved search")


def saved_search_delete(*, actor: Actor, saved_search_id: int) -> None:
    """Delete one of the user's own saved searches (another user's is "not found")."""
    if not isinstance(actor, User):
        raise NotFound(_("No such saved search."))
    found = SavedSearch.objects.filter(pk=saved_search_id, user=actor).first()
    if found is None:
        raise NotFound(_("No such saved search."))
    record_delete(actor=actor, instance=found, note="saved search")


@dataclass
class AlertReport:
    searches: int = 0
    emails: int = 0
    records: int = 0


def library_alerts_send(*, now: dt.datetime | None = None) -> AlertReport:
    """E-mail each user the records published since their saved search's last alert that
    match it (one message per saved search with news; none when nothing is new), then move
    the search's alert mark to `now`. Run it from cron (`ctassist library alerts`)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation

    from ctassist.library.search import library_search

    moment = now or timezone.now()
    report = AlertReport()
    searches = SavedSearch.objects.filter(alerts=True, last_alert_at__lt=moment).select_related(
        "user"
    )
    for saved in searches:
        report.searches += 1
        result = library_search(
            query=saved.query,
            filters=saved.filters,
            sort="-date",
            page_size=50,
            with_facets=False,
            published_between=(saved.last_alert_at, moment),
        )
        if result.hits and saved.user.email:
            with translation.override(getattr(saved.user, "language", None) or "en"):
                lines = [
                    f"- {hit.record.title}\n  {settings.CTASSIST_BASE_URL}"
                    f"{reverse('library:record', args=[hit.record.external_id])}"
                    for hit in result.hits
                ]
                subject = ngettext(
                    "%(count)d new record for your saved search “%(name)s”",
                    "%(count)d new records for your saved search “%(name)s”",
                    result.total,
                ) % {
                    "count": result.total,
                    "name": saved.name,
                }
                body = "\n".join(
                    [
                        _("New records matching your saved search “%(name)s”:")
                        % {"name": saved.name},
                        "",
                        *lines,
                        "",
                        _("Manage your saved searches: %(url)s")
                        % {"url": settings.CTASSIST_BASE_URL + reverse("library:saved_searches")},
                    ]
                )
            send_mail(subject, body, None, [saved.user.email])
            report.emails += 1
            report.records += result.total
        SavedSearch.objects.filter(pk=saved.pk).update(last_alert_at=moment)
    return report
