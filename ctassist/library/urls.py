from django.urls import path

from ctassist.library import views

app_name = "library"
urlpatterns = [
    path("", views.search, name="search"),
    path("saved/", views.saved_searches, name="saved_searches"),
    path("saved/new/", views.saved_search_create, name="saved_search_create"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("records/<str:external_id>/", views.record, name="record"),
    path("records/<str:external_id>/status/", views.transition, name="transition"),
    path("records/<str:external_id>/attachments/<int:pk>/", views.attachment, name="attachment"),
    path("records/<str:external_id>/compare/<str:other_id>/", views.compare, name="compare"),
]
