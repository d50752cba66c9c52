from django.urls import path

from ctassist.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.period, name="period"),
    path("report.<str:fmt>", views.download, name="download"),
    path("highlights/", views.highlight_add, name="highlight_add"),
    path("highlights/<int:highlight_id>/status/", views.highlight_status, name="highlight_status"),
    path("paragraphs/", views.paragraph_save, name="paragraph_save"),
    path("freeze/", views.freeze, name="freeze"),
]
