from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.call_list, name="call-list"),
    path("bandi-aperti.json", views.call_feed, name="call-feed"),
    path("bando/<slug:slug>/", views.call_detail, name="call-detail"),
    path("proposte/", views.proposal_list, name="proposal-list"),
    path("proposte/nuova/", views.proposal_create, name="proposal-create"),
    path("proposte/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("proposte/<int:pk>/modifica/", views.proposal_edit, name="proposal-edit"),
    path("proposte/<int:pk>/stato/", views.proposal_transition, name="proposal-transition"),
    path("proposte/<int:pk>/allegati/", views.attachment_upload, name="attachment-upload"),
    path("proposte/<int:pk>/revisori/", views.review_assign, name="review-assign"),
    path("allegati/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("valutazioni/", views.review_list, name="review-list"),
    path("valutazioni/<int:pk>/", views.review_detail, name="review-detail"),
    path("gestione/", views.board, name="board"),
    path("gestione/bando/<slug:slug>/graduatoria/", views.call_ranking, name="call-ranking"),
    path("gestione/bando/<slug:slug>/relazione.pdf", views.call_report_pdf, name="call-report"),
]
