from django.urls import path

from ctassist.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("<int:evaluation_id>/", views.follow_up, name="follow_up"),
    path(
        "<int:evaluation_id>/recommendations/<int:number>/response/", views.respond, name="respond"
    ),
    path(
        "<int:evaluation_id>/recommendations/<int:number>/actions/",
        views.action_add,
        name="action_add",
    ),
    path("<int:evaluation_id>/actions/<int:action_id>/", views.action_update, name="action_update"),
    path("<int:evaluation_id>/stage/", views.advance, name="advance"),
    path("<int:evaluation_id>/documents/", views.document_add, name="document_add"),
    path("<int:evaluation_id>/documents/<int:document_id>/", views.document, name="document"),
]
