from django.urls import path

from ctassist.cases import member_views, views

app_name = "cases"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.case_open, name="open"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("visits/", views.prison_visits, name="visits"),
    path("hearings/", views.hearings, name="hearings"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("units/<slug:code>/members/", member_views.unit_members, name="unit_members"),
    path(
        "units/<slug:code>/members/save/",
        member_views.unit_member_save,
        name="unit_member_save",
    ),
    path(
        "units/<slug:code>/members/remove/",
        member_views.unit_member_remove,
        name="unit_member_remove",
    ),
    path("reviews/<int:campaign_id>/", views.review_campaign, name="review"),
    path(
        "reviews/<int:campaign_id>/items/<int:item_id>/",
        views.review_record,
        name="review_record",
    ),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/edit/", views.case_edit, name="edit"),
    path("<int:case_id>/close/", views.case_close, name="close"),
    path("<int:case_id>/persons/", views.person_add, name="person_add"),
    path("<int:case_id>/persons/<int:person_id>/custody/", views.custody_record, name="custody"),
    path("<int:case_id>/charges/", views.charge_add, name="charge_add"),
    path("<int:case_id>/charges/<int:charge_id>/outcome/", views.charge_outcome, name="outcome"),
    path("<int:case_id>/hearings/", views.hearing_add, name="hearing_add"),
    path("<int:case_id>/tasks/", views.task_add, name="task_add"),
    path("<int:case_id>/tasks/<int:task_id>/done/", views.task_done, name="task_done"),
    path("<int:case_id>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        "<int:case_id>/evidence/<int:evidence_id>/transfer/",
        views.evidence_transfer,
        name="evidence_transfer",
    ),
    path(
        "<int:case_id>/evidence/<int:evidence_id>/download/",
        views.evidence_download,
        name="evidence_download",
    ),
]
