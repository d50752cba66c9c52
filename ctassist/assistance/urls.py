from django.urls import path

from ctassist.assistance import views

app_name = "assistance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("activities/<int:activity_id>/", views.activity, name="activity"),
    path("results/", views.results, name="results"),
    path("results/values/<int:value_id>/approve/", views.value_approve, name="value_approve"),
    path("import/", views.import_sheet, name="import"),
    path("import/templates/<slug:what>.xlsx", views.import_template, name="import_template"),
]
