from django.urls import path

from ctassist.treaties import views

app_name = "treaties"
urlpatterns = [
    path("", views.instrument_list, name="instrument_list"),
    path("matrix/", views.matrix, name="matrix"),
    path("period/", views.period, name="period"),
    path("actions/new/", views.action_new, name="action_new"),
    path("states/<str:code>/", views.state_profile, name="state_profile"),
    path("<str:code>/", views.instrument_detail, name="instrument_detail"),
    path("<str:code>/map.svg", views.instrument_map, name="instrument_map"),
]
