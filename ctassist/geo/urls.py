from django.urls import path

from ctassist.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.state_list, name="state_list"),
    path("<str:code>/", views.state_detail, name="state_detail"),
    path("<str:code>/edit/", views.state_edit, name="state_edit"),
]
