from django.urls import path

from ctassist.prisons import views

app_name = "prisons"
urlpatterns = [
    path("", views.home, name="home"),
    path("statistics/", views.statistics, name="statistics"),
    path("instruments/", views.instruments, name="instruments"),
    path("prisoners/<int:prisoner_id>/", views.prisoner_detail, name="prisoner"),
    path("prisoners/<int:prisoner_id>/house/", views.house, name="house"),
    path("prisoners/<int:prisoner_id>/move/", views.leave, name="leave"),
    path("prisoners/<int:prisoner_id>/incident/", views.incident, name="incident"),
    path("prisoners/<int:prisoner_id>/enrol/", views.enrol, name="enrol"),
    path("prisoners/<int:prisoner_id>/assess/", views.assessment_new, name="assess"),
    path("enrolments/<int:enrolment_id>/", views.enrolment, name="enrolment"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:assessment_id>/edit/", views.assessment_resubmit, name="resubmit"),
    path("<slug:code>/", views.dashboard, name="dashboard"),
    path("<slug:code>/admit/", views.admit, name="admit"),
]
