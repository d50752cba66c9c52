from django.urls import path

from ctassist.assistance import views

app_name = "assistance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("activities/<int:activity_id>/", views.activity, name="activity"),
]
