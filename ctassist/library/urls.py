from django.urls import path

from ctassist.library import views

app_name = "library"
urlpatterns = [
    path("", views.search, name="search"),
    path("records/<str:external_id>/", views.record, name="record"),
    path("records/<str:external_id>/status/", views.transition, name="transition"),
    path("records/<str:external_id>/compare/<str:other_id>/", views.compare, name="compare"),
]
