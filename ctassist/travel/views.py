"""Travel pages for PIU members: arriving flights (and receiving a message file), a flight, a
traveller (personal data only after the purpose is given), the review queue and a hit's
decision, the rule editor, the consultation log, statistics and re-personalisation requests.
Thin: parse, call a service or selector, render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ctassist.core.errors import BrokenRule, NotFound, PermissionDenied
from ctassist.core.stored_files import upload_size_check
from ctassist.geo.models import State
from ctassist.travel import selectors, services
from ctassist.travel.forms import (
    DecisionForm,
    PurposeForm,
    ReceiveForm,
    RequestDecisionForm,
    RequestForm,
    RuleForm,
)
from ctassist.travel.models import Hit, Traveller
from ctassist.travel.payloads import explanation_of


def _member(request: HttpRequest) -> None:
    if not selectors.is_member(request.user):
        raise PermissionDenied(_("Travel data are for members of a passenger information unit."))


def _with_states(travellers: Iterable[Traveller]) -> None:
    """Each traveller's nationality as a State (its name in the reader's language)."""
    people = list(travellers)
    states = {s.iso3: s for s in State.objects.filter(iso3__in={t.nationality for t in people})}
    for person in people:
        person.nationality_state = states.get(person.nationality)  # type: ignore[attr-defined]


def _rule_problems(form: Any, error: BrokenRule) -> None:
    for problem in error.problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)


@login_required
@require_http_methods(["GET", "POST"])
def flights(request: HttpRequest) -> HttpResponse:
    _member(request)
    form = ReceiveForm(
        request.POST or None, request.FILES or None, units=selectors.units_for(user=request.user)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            upload_size_check("travel message", upload.size)
            try:
                result = services.message_ingest(
                    actor=request.user,
                    raw=upload.read(),
                    name=upload.name,
                    unit=form.cleaned_data["unit"],
                )
            except BrokenRule as error:
                _rule_problems(form, error)
                form.add_error("file", error.message)
            else:
                if result.repeated:
                    messages.info(
                        request,
                        _("This message was already received: recognised, not stored again."),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Message received: %(flights)s flight(s), %(travellers)s "
                            "traveller(s), %(hits)s new hit(s)."
                        )
                        % {
                            "flights": result.flights,
                            "travellers": result.travellers,
                            "hits": result.hits,
                        },
                    )
                return redirect("travel:flights")
        status = 422
    since = timezone.localdate() - dt.timedelta(days=30)
    return render(
        request,
        "travel/flights.html",
        {
            "flights": selectors.flight_list_for(user=request.user, since=since),
            "form": form,
            "pending": selectors.pending_count_for(user=request.user),
        },
        status=status,
    )


@login_required
@require_GET
def flight_detail(request: HttpRequest, flight_id: int) -> HttpResponse:
    flight = selectors.flight_get_for(user=request.user, flight_id=flight_id)
    form = PurposeForm(request.GET or None)
    travellers = None
    if form.is_valid():
        travellers = selectors.flight_travellers(
            user=request.user, flight=flight, purpose=form.cleaned_data["purpose"]
        )
        _with_states(travellers)
    return render(
        request,
        "travel/flight.html",
        {
            "flight": flight,
            "counts": selectors.flight_counts(flight=flight),
            "flight_messages": selectors.flight_messages(flight=flight),
            "form": form,
            "travellers": travellers,
            "purpose": form.cleaned_data.get("purpose", "") if form.is_bound else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def traveller_detail(request: HttpRequest, traveller_id: int) -> HttpResponse:
    purpose_form = PurposeForm(request.GET or None)
    if not purpose_form.is_valid():
        if not selectors.traveller_queryset_for(user=request.user).filter(pk=traveller_id).exists():
            raise NotFound(_("No traveller %(id)s") % {"id": traveller_id})
        return render(
            request,
            "travel/purpose.html",
            {"form": purpose_form, "what": _("this traveller's data")},
        )
    purpose = purpose_form.cleaned_data["purpose"]
    traveller = selectors.traveller_get_for(
        user=request.user, traveller_id=traveller_id, purpose=purpose
    )
    request_form = RequestForm(request.POST or None)
    if request.method == "POST" and request_form.is_valid():
        services.repersonalisation_request(
            actor=request.user,
            traveller_id=traveller.pk,
            reason=request_form.cleaned_data["reason"],
        )
        messages.success(request, _("Request sent for approval by a second person."))
        return redirect("travel:requests")
    _with_states([traveller])
    hits = selectors.traveller_hits(traveller=traveller)
    return render(
        request,
        "travel/traveller.html",
        {
            "traveller": traveller,
            "purpose": purpose,
            "hits": [(hit, explanation_of(hit)) for hit in hits],
            "identity": selectors.traveller_identity_for(user=request.user, traveller=traveller),
            "request_form": request_form if traveller.depersonalised else None,
        },
    )


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    _member(request)
    decision = request.GET.get("decision", "")
    if decision not in {d.value for d in Hit.Decision}:
        decision = ""
    found = selectors.review_queue_for(user=request.user, decision=decision)
    return render(
        request,
        "travel/review.html",
        {
            "hits": [(hit, explanation_of(hit)) for hit in found],
            "decision": decision,
            "decisions": Hit.Decision.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hit_detail(request: HttpRequest, hit_id: int) -> HttpResponse:
    hit = selectors.hit_get_for(user=request.user, hit_id=hit_id)
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
            return redirect("travel:review")
        status = 422
    _with_states([hit.traveller])
    return render(
        request,
        "travel/hit.html",
        {"hit": hit, "explanation": explanation_of(hit), "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest) -> HttpResponse:
    _member(request)
    units = selectors.units_for(user=request.user)
    form = RuleForm(request.POST or None, initial={"active": True})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                rule = services.rule_save(
                    actor=request.user,
                    unit=units.first(),
                    name=form.cleaned_data["name"],
                    active=form.cleaned_data["active"],
                    criteria=form.criteria(),
                )
            except BrokenRule as error:
                _rule_problems(form, error)
            else:
                messages.success(request, _("Rule saved."))
                return redirect("travel:rule", rule_id=rule.pk)
        status = 422
    return render(
        request,
        "travel/rules.html",
        {"rules": selectors.rules_for(user=request.user), "form": form},
        status=status,
    )


def _rule_initial(rule: Any) -> dict[str, Any]:
    latest = rule.versions.order_by("-number").first()
    criteria = latest.criteria if latest else {}
    one_way = criteria.get("one_way")
    return {
        "name": rule.name,
        "active": rule.active,
        "version": rule.version,
        **{
            k: " ".join(criteria.get(k) or [])
            for k in ("departure_airports", "arrival_airports", "via_airports", "payment_kinds")
        },
        "booked_within_hours": criteria.get("booked_within_hours"),
        "one_way": "" if one_way is None else ("yes" if one_way else "no"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def rule_detail(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = selectors.rule_get_for(user=request.user, rule_id=rule_id)
    form = RuleForm(request.POST or None, initial=_rule_initial(rule))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rule_save(
                    actor=request.user,
                    rule_id=rule.pk,
                    name=form.cleaned_data["name"],
                    active=form.cleaned_data["active"],
                    criteria=form.criteria(),
                    expected_version=form.cleaned_data["version"] or 0,
                )
            except BrokenRule as error:
                _rule_problems(form, error)
            else:
                messages.success(request, _("Rule saved."))
                return redirect("travel:rule", rule_id=rule.pk)
        status = 422
    return render(
        request,
        "travel/rule.html",
        {
            "rule": rule,
            "form": form,
            "versions": rule.versions.select_related("created_by").order_by("-number"),
        },
        status=status,
    )


@login_required
@require_GET
def consultation_log(request: HttpRequest) -> HttpResponse:
    _member(request)
    decided = selectors.decisions_for(user=request.user)
    return render(
        request,
        "travel/log.html",
        {
            "consultations": selectors.consultations_for(user=request.user),
            "decisions": decided,
            "review_purpose": selectors.REVIEW_PURPOSE,
        },
    )


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    _member(request)
    return render(
        request, "travel/statistics.html", {"stats": selectors.statistics_for(user=request.user)}
    )


@login_required
@require_GET
def requests_list(request: HttpRequest) -> HttpResponse:
    _member(request)
    return render(
        request, "travel/requests.html", {"found": selectors.requests_for(user=request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    found = selectors.request_get_for(user=request.user, request_id=request_id)
    may_decide = found.requested_by_id != request.user.pk and selectors.can_approve(
        request.user, found.unit
    )
    form = RequestDecisionForm(request.POST or None, initial={"version": found.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.repersonalisation_decide(
                actor=request.user,
                request_id=found.pk,
                approve=form.cleaned_data["approve"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, _("Decision recorded."))
            return redirect("travel:requests")
        status = 422
    return render(
        request,
        "travel/request.html",
        {"found": found, "form": form if may_decide and found.status == "pending" else None},
        status=status,
    )
