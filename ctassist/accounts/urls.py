from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from ctassist.accounts import views
from ctassist.accounts.forms import SignInForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=SignInForm,
            extra_context={
                "session_idle_minutes": settings.CTASSIST_SESSION_IDLE_MINUTES,
                "session_max_hours": settings.CTASSIST_SESSION_MAX_HOURS,
            },
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("users/", views.user_list, name="user_list"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<str:prefix>/revoke/", views.token_revoke, name="token_revoke"),
]
