from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.course_list, name="course-list"),
    path("la-mia-formazione/", views.my_training, name="my-training"),
    path("calendario/<str:token>.ics", views.my_calendar, name="my-calendar"),
    path("attestati/<str:code>/", views.certificate_verify, name="certificate-verify"),
    path("attestati/<str:code>/pdf/", views.certificate_pdf, name="certificate-pdf"),
    path("attestati/<str:code>/revoca/", views.certificate_revoke, name="certificate-revoke"),
    path("iscrizioni/<int:pk>/annulla/", views.enrolment_cancel, name="enrolment-cancel"),
    path("iscrizioni/<int:pk>/valutazione/", views.feedback, name="feedback"),
    path("associazioni/<slug:slug>/", views.association_training, name="association-training"),
    path("incontri/<int:pk>/presenze/", views.session_attendance, name="session-attendance"),
    path(
        "incontri/<int:pk>/presenze/<int:enrolment_pk>/",
        views.attendance_toggle,
        name="attendance-toggle",
    ),
    path("incontri/<int:pk>/presenze/importa/", views.attendance_import, name="attendance-import"),
    path("<slug:slug>/", views.course_detail, name="course-detail"),
    path("<slug:slug>/iscrivi/", views.enrol, name="enrol"),
    path("<slug:slug>/calendario.ics", views.course_calendar, name="course-calendar"),
    path("<slug:slug>/concludi/", views.course_close, name="course-close"),
    path("<slug:slug>/attestati.zip", views.course_certificates_zip, name="certificates-zip"),
    path(
        "<slug:slug>/attestati-<str:token>.zip",
        views.course_certificates_zip_download,
        name="certificates-zip-download",
    ),
]
