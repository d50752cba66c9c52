from django.urls import path

from ctassist.learning import views
from ctassist.learning.standards import views as lti_views

app_name = "learning"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("register/", views.register, name="register"),
    path("password/<uidb64>/<token>/", views.PasswordSet.as_view(), name="password_set"),
    path("mine/", views.mine, name="mine"),
    path("approvals/", views.approvals, name="approvals"),
    path("approvals/<int:registration_id>/", views.decide, name="decide"),
    path("courses/<slug:code>/", views.course, name="course"),
    path("courses/<slug:code>/enrol/", views.enrol, name="enrol"),
    path("courses/<slug:code>/launch/", lti_views.launch, name="launch"),
    path("lessons/<int:lesson_id>/", views.lesson, name="lesson"),
    path("lessons/<int:lesson_id>/<str:part>/", views.lesson_file, name="lesson_file"),
    path("quizzes/<int:quiz_id>/", views.quiz, name="quiz"),
    path("room/<int:document_id>/", views.room_document, name="room_document"),
    path("certificates/<str:code>/", views.certificate_verify, name="verify"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("communities/", views.communities, name="communities"),
    path("webinars/", views.webinars, name="webinars"),
    path("webinars/<int:webinar_id>/", views.webinar, name="webinar"),
    path("webinars/<int:webinar_id>/attendance/", views.attendance, name="attendance"),
]
