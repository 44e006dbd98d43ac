from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.index, name="index"),
    path("eventi/", views.event_list, name="event-list"),
    path("eventi/<int:pk>/", views.event_detail, name="event-detail"),
    path("buone-pratiche/<slug:slug>/", views.practice_detail, name="practice-detail"),
    path("indice-icc/", views.trend, name="trend"),
    path("gestione/", views.manage, name="manage"),
    path("gestione/adesioni/nuova/", views.membership_start, name="membership-start"),
    path("gestione/adesioni/<int:pk>/", views.membership_detail, name="membership-detail"),
    path("gestione/adesioni/<int:pk>/modifica/", views.membership_edit, name="membership-edit"),
    path(
        "gestione/adesioni/<int:pk>/stato/",
        views.membership_transition,
        name="membership-transition",
    ),
    path("gestione/passaggi/<int:pk>/", views.step_complete, name="step-complete"),
    path("gestione/passaggi/<int:pk>/documento/", views.step_document, name="step-document"),
    path("gestione/impegni/", views.commitment_list, name="commitment-list"),
    path("gestione/impegni/nuovo/", views.commitment_create, name="commitment-create"),
    path("gestione/impegni/<int:pk>/", views.commitment_detail, name="commitment-detail"),
    path("gestione/impegni/<int:pk>/modifica/", views.commitment_edit, name="commitment-edit"),
    path(
        "gestione/impegni/<int:pk>/stato/",
        views.commitment_transition,
        name="commitment-transition",
    ),
    path("gestione/impegni/<int:pk>/note/", views.commitment_note, name="commitment-note"),
    path("gestione/impegni/<int:pk>/prove/", views.commitment_evidence, name="commitment-evidence"),
    path("gestione/prove/<int:pk>/file/", views.evidence_file, name="evidence-file"),
    path("gestione/eventi/nuovo/", views.event_form, name="event-create"),
    path("gestione/eventi/<int:pk>/modifica/", views.event_form, name="event-edit"),
    path("gestione/eventi/<int:pk>/azioni/", views.followup_add, name="followup-add"),
    path("gestione/azioni/<int:pk>/impegno/", views.followup_convert, name="followup-convert"),
    path("gestione/indice-icc/nuova/", views.assessment_create, name="assessment-create"),
]
