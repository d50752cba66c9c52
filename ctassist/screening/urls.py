from django.urls import path

from ctassist.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.search, name="search"),
    path("screenings/<int:screening_id>/", views.screening_detail, name="screening"),
    path("review/", views.review_queue, name="review"),
    path("hits/<int:hit_id>/", views.hit_detail, name="hit"),
    path("lists/", views.lists, name="lists"),
    path("lists/<int:version_id>/", views.version_detail, name="version"),
    path("entries/<int:entry_id>/", views.entry_detail, name="entry"),
]
