"""Pages of the LTI 1.3 launch: open an external course (to the tool's login initiation), answer
the tool's authentication request with the signed launch, and the platform's public keys."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from ctassist.learning import selectors
from ctassist.learning.standards import lti


@login_required
@require_GET
def launch(request: HttpRequest, code: str) -> HttpResponse:
    course = selectors.course_get(code=code)
    return redirect(lti.launch_start_url(user=request.user, course=course))


@csrf_exempt  # the tool's browser redirect or form comes from the tool's site
@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    parameters = (request.POST if request.method == "POST" else request.GET).dict()
    if not request.user.is_authenticated and request.method == "GET":
        return redirect_to_login(request.get_full_path())
    form, course = lti.launch_authorize(
        user=request.user, parameters=parameters, language=get_language() or ""
    )
    response = render(request, "learning/lti_launch.html", {"form": form, "course": course})
    target = urlsplit(form.action)
    response._csp_update = {"form-action": [f"{target.scheme}://{target.netloc}"]}  # type: ignore[attr-defined]
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    return JsonResponse(lti.platform_jwks())
