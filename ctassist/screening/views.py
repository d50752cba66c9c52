"""Screening pages: the search form with explained results, a screening, the review queue and
a hit's decision; the lists, their versions and changes, an entry. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ctassist.core.access import country_scope
from ctassist.core.errors import BrokenRule, PermissionDenied
from ctassist.geo.models import State
from ctassist.screening import selectors, services
from ctassist.screening.explain import explanation_out
from ctassist.screening.forms import CheckForm, DecisionForm
from ctassist.screening.models import Hit, ListChange


def _states_for(user: Any) -> list[State]:
    scope = country_scope(user)
    if scope is None:
        return list(State.objects.filter(kind=State.Kind.MEMBER).order_by("name_en"))
    return list(State.objects.filter(code__in=scope).order_by("name_en"))


def _explained(hits: list[Hit]) -> list[tuple[Hit, list[dict[str, Any]]]]:
    return [(hit, explanation_out(hit.explanation, labelled=True)) for hit in hits]


@login_required
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    if not selectors.can_screen(request.user):
        raise PermissionDenied(_("Screening is for practitioners."))
    form = CheckForm(request.POST or None, states=_states_for(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.screening_check(
                    actor=request.user,
                    given=services.CheckInput(
                        name=data["name"],
                        schema=data["schema"] or None,
                        birth_date=data["birth_date"] or None,
                        nationality=data["nationality"].iso2 if data["nationality"] else None,
                        threshold=data["threshold"],
                    ),
                    source="web",
                    country=data.get("country"),
                )
            except BrokenRule as error:
                for problem in error.problems:
                    form.add_error(
                        problem.field if problem.field in form.fields else None, problem.message
                    )
            else:
                if result.suppressed:
                    messages.info(
                        request,
                        _("%(n)s earlier false positive(s) not shown again.")
                        % {"n": result.suppressed},
                    )
                return redirect("screening:screening", screening_id=result.screening.pk)
        status = 422
    return render(
        request,
        "screening/search.html",
        {
            "form": form,
            "recent": selectors.screening_list_for(user=request.user, limit=20),
            "versions": selectors.current_versions(user=request.user),
            "reviewer": selectors.can_review(request.user),
        },
        status=status,
    )


@login_required
@require_GET
def screening_detail(request: HttpRequest, screening_id: int) -> HttpResponse:
    found = selectors.screening_get_for(user=request.user, screening_id=screening_id)
    hits = selectors.screening_hits(user=request.user, screening=found)
    return render(
        request,
        "screening/screening.html",
        {
            "screening": found,
            "hits": _explained(hits),
            "versions": found.versions.select_related("watchlist"),
            "reviewer": selectors.can_review(request.user),
        },
    )


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not selectors.can_review(request.user):
        raise PermissionDenied(_("Only reviewers see the review queue."))
    decision = request.GET.get("decision", "")
    if decision not in {d.value for d in Hit.Decision}:
        decision = ""
    return render(
        request,
        "screening/review.html",
        {
            "hits": _explained(selectors.review_queue_for(user=request.user, decision=decision)),
            "decision": decision,
            "decisions": Hit.Decision.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hit_detail(request: HttpRequest, hit_id: int) -> HttpResponse:
    hit = selectors.hit_get_for(user=request.user, hit_id=hit_id)
    reviewer = selectors.can_review(request.user)
    form = DecisionForm(
        request.POST or None, initial={"version": hit.version, "decision": hit.decision or None}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.hit_decide(
                actor=request.user,
                hit_id=hit.pk,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, _("Decision recorded."))
            return redirect("screening:review")
        status = 422
    return render(
        request,
        "screening/hit.html",
        {
            "hit": hit,
            "explanation": explanation_out(hit.explanation, labelled=True),
            "entry": hit.entry.entry,
            "form": form if reviewer else None,
        },
        status=status,
    )


@require_GET
def lists(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "screening/lists.html",
        {"versions": selectors.versions_for(user=request.user)},
    )


@require_GET
def version_detail(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.version_get(user=request.user, version_id=version_id)
    kind = request.GET.get("kind", "")
    if kind not in {k.value for k in ListChange.Kind}:
        kind = ""
    text = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "screening/version.html",
        {
            "version": version,
            "changes": selectors.version_changes(version=version, kind=kind or None)[:2000],
            "kind": kind,
            "kinds": ListChange.Kind.choices,
            "q": text,
            "entries": selectors.version_entries(version=version, text=text),
        },
    )


@require_GET
def entry_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    found = selectors.entry_get(user=request.user, entry_id=entry_id)
    entry = found.entry
    return render(
        request,
        "screening/entry.html",
        {
            "row": found,
            "entry": entry,
            "nationalities": State.objects.filter(iso2__in=entry.nationalities).order_by("iso2"),
            "history": selectors.entry_history(entry=found),
        },
    )
