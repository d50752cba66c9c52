"""The request writer: one group of questions per page; a step cannot be passed while an
element it asks for is missing; everything typed is saved first, so nothing is lost; the last
page checks the whole request and gives the document to sign."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctassist.core.errors import ConflictError, InvalidInput
from ctassist.mla import selectors, services
from ctassist.mla.checks import request_check
from ctassist.mla.forms import StepForm
from ctassist.mla.render import request_docx, request_pdf
from ctassist.mla.steps import STEPS, next_step, owns, step_named


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "mla/list.html", {"requests": selectors.mla_request_list_for(user=request.user)}
    )


@login_required
@require_POST
def request_new(request: HttpRequest) -> HttpResponse:
    created = services.mla_request_create(actor=request.user)
    return redirect("mla:step", request_id=created.pk, slug=STEPS[0].slug)


@login_required
@require_http_methods(["GET", "POST"])
def request_step(request: HttpRequest, request_id: int, slug: str) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    try:
        step = step_named(slug)
    except KeyError:
        return redirect("mla:step", request_id=item.pk, slug=STEPS[0].slug)
    form = StepForm(step, item.data, item.version, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            item = services.mla_request_save(
                actor=request.user,
                request=item,
                expected_version=form.cleaned_data["version"],
                data=form.updated_document(),
            )
        except ConflictError as conflict:
            form.add_error(None, conflict.message)
            return render(request, "mla/step.html", _context(item, step, form), status=409)
        except InvalidInput as refused:
            for issue in refused.problems:
                form.add_error(None, issue.message)
            return render(request, "mla/step.html", _context(item, step, form), status=422)
        missing = [
            gap
            for gap in request_check(item.data).problems
            if gap.severity == "error" and owns(step, gap.field)
        ]
        following = next_step(step.slug)
        if not missing:
            if following is None:
                return redirect("mla:review", request_id=item.pk)
            return redirect("mla:step", request_id=item.pk, slug=following)
        # Saved, but this step still lacks something: stay here and say what, showing what
        # was typed (with the new version, so the next save does not conflict).
        posted = request.POST.copy()
        posted["version"] = str(item.version)
        form = StepForm(step, item.data, item.version, posted)
        form.is_valid()
        for gap in missing:
            form.add_error(form.field_name(gap.field), gap.message)
        status = 422
    return render(request, "mla/step.html", _context(item, step, form), status=status)


def _context(item: object, step: object, form: StepForm) -> dict[str, object]:
    return {"item": item, "step": step, "steps": STEPS, "form": form}


@login_required
@require_GET
def request_review(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    result = request_check(item.data)
    step_of = {
        p.field: next((s.slug for s in STEPS if owns(s, p.field)), STEPS[0].slug)
        for p in result.problems
    }
    return render(
        request,
        "mla/review.html",
        {"item": item, "result": result, "steps": STEPS, "step_of": step_of},
    )


@login_required
@require_GET
def request_document(request: HttpRequest, request_id: int, fmt: str) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    if not request_check(item.data).complete:
        messages.error(request, _("The request is not complete."))
        return redirect("mla:review", request_id=item.pk)
    content = request_docx(item.data) if fmt == "docx" else request_pdf(item.data)
    kind = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if fmt == "docx"
        else "application/pdf"
    )
    response = HttpResponse(content, content_type=kind)
    name = (item.data.get("reference") or f"request-{item.pk}").replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_POST
def request_finalize(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    services.mla_request_finalize(
        actor=request.user, request=item, expected_version=int(request.POST.get("version", 0))
    )
    messages.success(request, _("The request is final and ready for signature."))
    return redirect("mla:review", request_id=item.pk)


@login_required
@require_POST
def request_follow_up(request: HttpRequest, request_id: int) -> HttpResponse:
    item = selectors.mla_request_get_for(user=request.user, request_id=request_id)
    follow_up = services.mla_request_follow_up(actor=request.user, request=item)
    return redirect("mla:step", request_id=follow_up.pk, slug=STEPS[0].slug)
