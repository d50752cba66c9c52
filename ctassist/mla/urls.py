from django.urls import path

from ctassist.mla import views

app_name = "mla"
urlpatterns = [
    path("", views.request_list, name="home"),
    path("new/", views.request_new, name="new"),
    path("tracking/", views.tracking_list, name="tracking"),
    path("tracking/new/", views.tracking_new, name="tracking_new"),
    path("tracking/<int:tracked_id>/", views.tracking_detail, name="tracking_detail"),
    path("tracking/<int:tracked_id>/event/", views.tracking_event, name="tracking_event"),
    path("tracking/<int:tracked_id>/settings/", views.tracking_settings, name="tracking_settings"),
    path(
        "tracking/<int:tracked_id>/facilitation/",
        views.tracking_facilitation,
        name="tracking_facilitation",
    ),
    path("networks/", views.network_list, name="networks"),
    path("networks/<slug:code>/", views.network_detail, name="network_detail"),
    path(
        "networks/<slug:code>/focal-points/",
        views.focal_point_hand_over,
        name="focal_point_hand_over",
    ),
    path("profiles/", views.profile_list, name="profiles"),
    path("profiles/<str:state_code>/", views.profile_detail, name="profile"),
    path(
        "networks/<slug:code>/secretariat/",
        views.network_secretariat,
        name="network_secretariat",
    ),
    path("notices/", views.notice_table, name="notices"),
    path("notices/<str:state_code>/", views.notice_state, name="notice_state"),
    path("<int:request_id>/track/", views.request_track, name="track"),
    path("<int:request_id>/review/", views.request_review, name="review"),
    path("<int:request_id>/final/", views.request_finalize, name="finalize"),
    path("<int:request_id>/follow-up/", views.request_follow_up, name="follow_up"),
    path("<int:request_id>/document.<str:fmt>", views.request_document, name="document"),
    path("<int:request_id>/<slug:slug>/", views.request_step, name="step"),
]
