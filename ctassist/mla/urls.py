from django.urls import path

from ctassist.mla import views

app_name = "mla"
urlpatterns = [
    path("", views.request_list, name="home"),
    path("new/", views.request_new, name="new"),
    path("<int:request_id>/review/", views.request_review, name="review"),
    path("<int:request_id>/final/", views.request_finalize, name="finalize"),
    path("<int:request_id>/follow-up/", views.request_follow_up, name="follow_up"),
    path("<int:request_id>/document.<str:fmt>", views.request_document, name="document"),
    path("<int:request_id>/<slug:slug>/", views.request_step, name="step"),
]
