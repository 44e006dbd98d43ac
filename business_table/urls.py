from django.urls import path

from . import views

app_name = "business_table"

urlpatterns = [
    path("", views.index, name="index"),
    path("riunioni/", views.meeting_list, name="meeting-list"),
    path("riunioni/nuova/", views.meeting_edit, name="meeting-create"),
    path("riunioni/calendario.ics", views.meetings_ical, name="meeting-ical"),
    path("riunioni/calendario/<str:token>.ics", views.meetings_feed, name="meeting-feed"),
    path("riunioni/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("riunioni/<int:pk>/modifica/", views.meeting_edit, name="meeting-edit"),
    path("riunioni/<int:pk>/stato/", views.meeting_status, name="meeting-status"),
    path("riunioni/<int:pk>/verbale.pdf", views.meeting_pdf, name="meeting-pdf"),
    path("opportunita/", views.opportunity_list, name="opportunity-list"),
    path("opportunita/nuova/", views.opportunity_edit, name="opportunity-create"),
    path("opportunita/<int:pk>/", views.opportunity_detail, name="opportunity-detail"),
    path("opportunita/<int:pk>/modifica/", views.opportunity_edit, name="opportunity-edit"),
    path("opportunita/<int:pk>/stato/", views.opportunity_status, name="opportunity-status"),
    path(
        "riunioni/<int:pk>/azioni/nuova/",
        views.action_create,
        {"kind": "riunione"},
        name="meeting-action-create",
    ),
    path(
        "opportunita/<int:pk>/azioni/nuova/",
        views.action_create,
        {"kind": "opportunita"},
        name="opportunity-action-create",
    ),
    path("azioni/<int:pk>/stato/", views.action_status, name="action-status"),
    path("paesi/", views.country_list, name="country-list"),
    path("paesi/<str:code>/", views.country_detail, name="country-detail"),
]
