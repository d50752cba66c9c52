from django.urls import path

from ctassist.travel import views

app_name = "travel"
urlpatterns = [
    path("", views.flights, name="flights"),
    path("flights/<int:flight_id>/", views.flight_detail, name="flight"),
    path("travellers/<int:traveller_id>/", views.traveller_detail, name="traveller"),
    path("review/", views.review_queue, name="review"),
    path("hits/<int:hit_id>/", views.hit_detail, name="hit"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:rule_id>/", views.rule_detail, name="rule"),
    path("log/", views.consultation_log, name="log"),
    path("statistics/", views.statistics, name="statistics"),
    path("requests/", views.requests_list, name="requests"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
]
