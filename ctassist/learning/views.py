"""Learning pages: the catalogue, a course (enrol; its secure room), a lesson (media and material
on request, through a view that checks), a quiz, my learning, the certificate (PDF; the public
verification page), webinars (register, as a user or a guest), registration, and the managers'
approvals and attendance import. Thin: parse, call a service or selector, render."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ctassist.core.errors import BrokenRule, InvalidInput, NotFound
from ctassist.core.exports import download_named
from ctassist.core.posted import posted_version
from ctassist.core.spreadsheets import rows_from_file
from ctassist.core.stored_files import upload_size_check
from ctassist.learning import forms, selectors, services
from ctassist.learning.attendance import attendance_import
from ctassist.learning.render import certificate_pdf_bytes


def _form_problems(form: Any, error: InvalidInput) -> None:
    fields = [p.field for p in error.problems if p.field in form.fields]
    for problem in error.problems:
        if problem.field in form.fields:
            form.add_error(problem.field, problem.message)
    if not fields:
        form.add_error(None, error.message)


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    courses = [(c, c.version_in()) for c in selectors.catalogue()]
    return render(request, "learning/catalogue.html", {"courses": courses})


@require_GET
def course(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.course_get(code=code)
    enrolment = selectors.enrolment_for(user=request.user, course=found)
    version = found.version_in(enrolment.language if enrolment else None)
    return render(
        request,
        "learning/course.html",
        {
            "course": found,
            "version": selectors.version_outline(version) if version else None,
            "versions": found.versions.all(),
            "enrolment": enrolment,
            "room": selectors.room_documents_for(user=request.user, course=found),
            "done": set(enrolment.progress.values_list("lesson_id", flat=True))
            if enrolment
            else set(),
        },
    )


@login_required
@require_POST
def enrol(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.course_get(code=code)
    services.enrolment_create(
        actor=request.user, course=found, language=request.POST.get("language", "")
    )
    return redirect("learning:course", code=found.code)


@login_required
@require_http_methods(["GET", "POST"])
def lesson(request: HttpRequest, lesson_id: int) -> HttpResponse:
    found, enrolment = selectors.lesson_for(user=request.user, lesson_id=lesson_id)
    if request.method == "POST":
        services.lesson_complete(actor=request.user, enrolment=enrolment, lesson=found)
        return redirect("learning:course", code=enrolment.course.code)
    services.lesson_open(actor=request.user, enrolment=enrolment, lesson=found)
    paragraphs = [p.strip() for p in found.body.split("\n\n") if p.strip()]
    return render(
        request,
        "learning/lesson.html",
        {
            "lesson": found,
            "enrolment": enrolment,
            "paragraphs": paragraphs,
            "done": enrolment.progress.filter(lesson=found).exists(),
            "lang": enrolment.language,
        },
    )


@login_required
@require_GET
def lesson_file(request: HttpRequest, lesson_id: int, part: str) -> FileResponse:
    found, _enrolment = selectors.lesson_for(user=request.user, lesson_id=lesson_id)
    if part not in ("media", "material") or not getattr(found, part):
        raise NotFound("No such file")
    field = getattr(found, part)
    return FileResponse(field.open("rb"), as_attachment=part == "material")


@login_required
@require_http_methods(["GET", "POST"])
def quiz(request: HttpRequest, quiz_id: int) -> HttpResponse:
    found, enrolment = selectors.quiz_for(user=request.user, quiz_id=quiz_id)
    questions = list(found.questions.prefetch_related("choices"))
    form = forms.QuizForm(request.POST or None, questions=questions)
    attempt = None
    if request.method == "POST" and form.is_valid():
        attempt = services.quiz_attempt_submit(
            actor=request.user, enrolment=enrolment, quiz=found, answers=form.answers()
        )
        enrolment.refresh_from_db()
    return render(
        request,
        "learning/quiz.html",
        {
            "quiz": found,
            "form": form,
            "attempt": attempt,
            "enrolment": enrolment,
            "lang": enrolment.language,
        },
    )


@login_required
@require_GET
def room_document(request: HttpRequest, document_id: int) -> FileResponse:
    document = selectors.room_document_for(user=request.user, document_id=document_id)
    response = FileResponse(document.file.open("rb"))
    download_named(response, Path(document.file.name or "document").name)
    return response


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    try:
        profile = selectors.profile_for(user=request.user, of_user_id=request.user.pk or 0)
    except NotFound:
        profile = None  # staff without a learner profile
    return render(
        request,
        "learning/mine.html",
        {"enrolments": selectors.enrolments_of(user=request.user), "profile": profile},
    )


@require_GET
def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.certificate_verify(code=code)
    return render(request, "learning/verify.html", {"certificate": found})


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.certificate_of(user=request.user, code=code)
    verify_url = request.build_absolute_uri(reverse("learning:verify", args=[found.code]))
    response = HttpResponse(
        certificate_pdf_bytes(found, verify_url=verify_url), content_type="application/pdf"
    )
    download_named(response, f"certificate-{found.code[:8]}.pdf")
    return response


@require_GET
def webinars(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    listed = list(selectors.webinars_listed()[:100])
    return render(
        request,
        "learning/webinars.html",
        {
            "upcoming": [w for w in reversed(listed) if w.start > now],
            "past": [w for w in listed if w.start <= now],
        },
    )


@require_http_methods(["GET", "POST"])
def webinar(request: HttpRequest, webinar_id: int) -> HttpResponse:
    found = selectors.webinar_get(webinar_id=webinar_id)
    guest_form = forms.GuestForm(request.POST if "guest" in request.POST else None)
    registered = False
    if request.method == "POST":
        if request.user.is_authenticated and "guest" not in request.POST:
            services.webinar_register(actor=request.user, webinar=found)
            registered = True
        elif guest_form.is_valid():
            try:
                services.webinar_guest_register(webinar=found, **guest_form.cleaned_data)
                registered = True
            except BrokenRule as error:
                _form_problems(guest_form, error)
    return render(
        request,
        "learning/webinar.html",
        {
            "webinar": found,
            "title": found.title_in(),
            "join_url": selectors.webinar_join_link_for(user=request.user, webinar=found),
            "guest_form": guest_form,
            "registered": registered,
            "upcoming": found.start > timezone.now(),
            "manager": services.is_learning_manager(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, webinar_id: int) -> HttpResponse:
    services.require_manager(request.user)
    found = selectors.webinar_get(webinar_id=webinar_id)
    form = forms.AttendanceUploadForm(request.POST or None, request.FILES or None)
    report = None
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        upload_size_check("attendance report", upload.size)
        suffix = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
        with tempfile.NamedTemporaryFile(suffix=suffix) as spooled:
            for chunk in upload.chunks():
                spooled.write(chunk)
            spooled.flush()
            try:
                report = attendance_import(
                    actor=request.user, webinar=found, rows=rows_from_file(Path(spooled.name))
                )
            except InvalidInput as error:
                form.add_error(None, error.message)
                problems = error.problems
    return render(
        request,
        "learning/attendance.html",
        {"webinar": found, "form": form, "report": report, "problems": problems},
    )


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = forms.RegistrationForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_submit(**form.cleaned_data)
        except InvalidInput as error:
            _form_problems(form, error)
        else:
            return render(request, "learning/registered.html")
    return render(request, "learning/register.html", {"form": form})


@login_required
@require_GET
def approvals(request: HttpRequest) -> HttpResponse:
    pending = selectors.registrations_pending(user=request.user)
    return render(
        request,
        "learning/approvals.html",
        {"pending": [(r, forms.DecisionForm(initial={"version": r.version})) for r in pending]},
    )


@login_required
@require_POST
def decide(request: HttpRequest, registration_id: int) -> HttpResponse:
    found = selectors.registration_get(user=request.user, registration_id=registration_id)
    services.registration_decide(
        actor=request.user,
        registration=found,
        expected_version=posted_version(request),
        approve=request.POST.get("decision") == "approve",
        reason=request.POST.get("reason", ""),
        base_url=request.build_absolute_uri("/"),
    )
    return redirect("learning:approvals")


class PasswordSet(PasswordResetConfirmView):
    """An approved learner sets a password through the emailed one-time link."""

    template_name = "learning/password_set.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Set your password")
        return context


@require_http_methods(["GET", "POST"])
def communities(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        community = selectors.community_get(community_id=int(request.POST.get("community", 0)))
        services.community_member_set(
            actor=request.user,
            community=community,
            user=request.user,
            member=request.POST.get("member") == "1",
        )
        return redirect("learning:communities")
    return render(
        request,
        "learning/communities.html",
        {"communities": selectors.communities_for(user=request.user)},
    )
