"""The platform's LTI 1.3 addresses, outside the language prefixes: tools are configured with
them once (docs/learning.md)."""

from django.urls import path

from ctassist.learning.standards import views

app_name = "lti"
urlpatterns = [
    path("authorize/", views.authorize, name="authorize"),
    path("jwks.json", views.jwks, name="jwks"),
]
