from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from config.api import api
from ctassist.core.views import healthz, language_set

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/setlang/", language_set, name="set_language"),
    # LTI 1.3 (external courses): tools are configured with these addresses, so no language prefix.
    path("lti/", include("ctassist.learning.standards.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("ctassist.core.urls")),
    path("states/", include("ctassist.geo.urls")),
    path("treaties/", include("ctassist.treaties.urls")),
    path("library/", include("ctassist.library.urls")),
    path("cases/", include("ctassist.cases.urls")),
    path("cooperation/e-evidence/", include("ctassist.eevidence.urls")),
    path("cooperation/", include("ctassist.mla.urls")),
    path("assistance/", include("ctassist.assistance.urls")),
    path("reports/", include("ctassist.reports.urls")),
    path("evaluations/", include("ctassist.evaluations.urls")),
    path("screening/", include("ctassist.screening.urls")),
    path("travel/", include("ctassist.travel.urls")),
    path("prisons/", include("ctassist.prisons.urls")),
    path("learning/", include("ctassist.learning.urls")),
    path("accounts/", include("ctassist.accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
handler500 = "ctassist.core.views.server_error"
