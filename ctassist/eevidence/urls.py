from django.urls import path

from ctassist.eevidence import views

app_name = "eevidence"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.request_new, name="request_new"),
    path("<int:request_id>/", views.request_detail, name="request"),
    path("<int:request_id>/move/", views.request_move, name="request_move"),
    path("<int:request_id>/extend/", views.request_extend, name="request_extend"),
    path("<int:request_id>/follow-up/", views.request_follow_up, name="request_follow_up"),
    path("<int:request_id>/document.<str:fmt>", views.request_document, name="document"),
    path("providers/", views.provider_list, name="providers"),
    path("providers/new/", views.provider_edit, name="provider_new"),
    path("providers/<int:provider_id>/", views.provider_detail, name="provider"),
    path("providers/<int:provider_id>/edit/", views.provider_edit, name="provider_edit"),
]
