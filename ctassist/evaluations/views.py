from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ctassist.core.errors import FieldProblem, InvalidInput, NotFound
from ctassist.core.exports import download_named, table_export
from ctassist.core.posted import posted_date, posted_version
from ctassist.core.stored_files import upload_size_check
from ctassist.evaluations import selectors, services
from ctassist.evaluations.models import STAGE_ORDER, Action, Recommendation, Stage


@login_required
@require_GET
def evaluation_list(request: HttpRequest) -> HttpResponse:
    by_status = selectors.recommendations_by_status(user=request.user)
    tables: dict[str, tuple[list[tuple[str, str]], list[dict[str, object]]]] = {
        "evaluations": (
            [
                ("title", _("evaluation")),
                ("unit", _("unit")),
                ("year", _("year")),
                ("stage", _("stage")),
            ],
            [
                {"title": e.title, "unit": e.unit, "year": e.year, "stage": e.get_stage_display()}
                for e in selectors.evaluations_for(user=request.user)
            ],
        ),
        **{
            f"rates_by_{by}": (
                [
                    ("key", by),
                    ("rate", _("rate %")),
                    ("done", _("implemented")),
                    ("total", _("apply")),
                ],
                [
                    {"key": k, "rate": r, "done": d, "total": t}
                    for k, r, d, t in selectors.implementation_rates(user=request.user, by=by)
                ],
            )
            for by in ("unit", "year")
        },
        **{
            name: (
                [("name", name), ("count", _("count"))],
                [{"name": a, "count": n} for a, n in rows],
            )
            for name, rows in by_status.items()
        },
    }
    fmt, table = request.GET.get("format"), request.GET.get("table", "")
    if fmt in ("csv", "xlsx") and table in tables:
        columns, rows = tables[table]
        return table_export(filename=table, columns=columns, rows=rows, fmt=fmt)
    return render(
        request,
        "evaluations/list.html",
        {
            "evaluations": selectors.evaluations_for(user=request.user),
            "by_unit": selectors.implementation_rates(user=request.user, by="unit"),
            "by_year": selectors.implementation_rates(user=request.user, by="year"),
            "responses": by_status["responses"],
            "actions": by_status["actions"],
            "recommendations_total": sum(n for _k, n in by_status["responses"]),
            "actions_total": sum(n for _k, n in by_status["actions"]),
        },
    )


@login_required
@require_GET
def follow_up(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    plan = selectors.follow_up_for(user=request.user, evaluation_id=evaluation_id)
    index = STAGE_ORDER.index(plan.evaluation.stage)
    return render(
        request,
        "evaluations/follow_up.html",
        {
            "plan": plan,
            "stages": Stage.choices,
            "next_stage": Stage.choices[index + 1] if index + 1 < len(STAGE_ORDER) else None,
            "responses": Recommendation.Response.choices[1:],
            "statuses": Action.Status.choices,
        },
    )


def _recommendation(request: HttpRequest, evaluation_id: int, number: int) -> Recommendation:
    plan = selectors.follow_up_for(user=request.user, evaluation_id=evaluation_id)
    found = next((r for r in plan.evaluation.recommendations.all() if r.number == number), None)
    if found is None:
        raise NotFound(_("No such recommendation."))
    return found


@login_required
@require_POST
def respond(request: HttpRequest, evaluation_id: int, number: int) -> HttpResponse:
    recommendation = _recommendation(request, evaluation_id, number)
    services.recommendation_respond(
        actor=request.user,
        recommendation=recommendation,
        expected_version=posted_version(request),
        response=request.POST.get("response", ""),
        justification=request.POST.get("justification", ""),
    )
    messages.success(request, _("Response recorded."))
    return redirect("evaluations:follow_up", evaluation_id=evaluation_id)


@login_required
@require_POST
def action_add(request: HttpRequest, evaluation_id: int, number: int) -> HttpResponse:
    recommendation = _recommendation(request, evaluation_id, number)
    deadline = posted_date(request, "deadline")
    services.action_add(
        actor=request.user,
        recommendation=recommendation,
        description=request.POST.get("description", ""),
        owner=request.POST.get("owner", ""),
        deadline=deadline,
    )
    messages.success(request, _("Action added."))
    return redirect("evaluations:follow_up", evaluation_id=evaluation_id)


@login_required
@require_POST
def action_update(request: HttpRequest, evaluation_id: int, action_id: int) -> HttpResponse:
    plan = selectors.follow_up_for(user=request.user, evaluation_id=evaluation_id)
    action = next(
        (
            a
            for r in plan.evaluation.recommendations.all()
            for a in r.actions.all()
            if a.pk == action_id
        ),
        None,
    )
    if action is None:
        raise NotFound(_("No such action."))
    services.action_update(
        actor=request.user,
        action=action,
        expected_version=posted_version(request),
        status=request.POST.get("status", ""),
        evidence=request.POST.get("evidence", ""),
    )
    messages.success(request, _("Action updated."))
    return redirect("evaluations:follow_up", evaluation_id=evaluation_id)


@login_required
@require_POST
def advance(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    plan = selectors.follow_up_for(user=request.user, evaluation_id=evaluation_id)
    on = posted_date(request, "on")
    services.evaluation_advance(
        actor=request.user,
        evaluation=plan.evaluation,
        expected_version=posted_version(request),
        to=request.POST.get("to", ""),
        on=on,
    )
    messages.success(request, _("Stage recorded."))
    return redirect("evaluations:follow_up", evaluation_id=evaluation_id)


@login_required
@require_POST
def document_add(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    plan = selectors.follow_up_for(user=request.user, evaluation_id=evaluation_id)
    upload = request.FILES.get("file")
    if upload is None:
        raise InvalidInput(_("Choose a file."), problems=[FieldProblem("file", "required")])
    upload_size_check("evaluation document", upload.size)  # 413 before the file is read
    services.evaluation_document_add(
        actor=request.user,
        evaluation=plan.evaluation,
        stage=request.POST.get("stage", ""),
        title=request.POST.get("title", ""),
        filename=upload.name or "document",
        content=upload.read(),
    )
    messages.success(request, _("Document stored."))
    return redirect(f"{reverse('evaluations:follow_up', args=[evaluation_id])}#documents")


@login_required
@require_GET
def document(request: HttpRequest, evaluation_id: int, document_id: int) -> HttpResponse:
    plan = selectors.follow_up_for(user=request.user, evaluation_id=evaluation_id)
    found = next((d for d in plan.evaluation.documents.all() if d.pk == document_id), None)
    if found is None:
        raise NotFound(_("No such document."))
    response = HttpResponse(
        services.evaluation_document_content(found), content_type="application/octet-stream"
    )
    download_named(response, found.filename)
    response["X-Content-SHA256"] = found.sha256
    return response
