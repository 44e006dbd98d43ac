from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("manifesto/<slug:slug>/", views.manifesto_detail, name="manifesto-detail"),
    path("manifesto/<slug:slug>/firma/", views.manifesto_sign, name="manifesto-sign"),
    path("manifesto/<slug:slug>/firma/inviata/", views.sign_done, name="sign-done"),
    path(
        "manifesto/<slug:slug>/firma-associazione/",
        views.association_sign,
        name="association-sign",
    ),
    path("manifesto/<slug:slug>/firma-citta/", views.city_sign, name="city-sign"),
    path("manifesto/<slug:slug>/firmatari/", views.signatory_list, name="signatory-list"),
    path("manifesto/<slug:slug>/versioni/", views.version_diff, name="version-diff"),
    path("manifesto/<slug:slug>/emendamenti/", views.amendment_list, name="amendment-list"),
    path(
        "manifesto/<slug:slug>/emendamenti/proponi/",
        views.amendment_create,
        name="amendment-create",
    ),
    path("manifesto/<slug:slug>/pdf/", views.manifesto_pdf, name="manifesto-pdf"),
    path("firma/<str:token>/", views.signature_confirm, name="signature-confirm"),
    path("firma/<str:token>/ritira/", views.signature_withdraw, name="signature-withdraw"),
    path("edizioni/<slug:slug>/", views.edition_detail, name="edition-detail"),
    path("edizioni/<slug:slug>/programma.ics", views.edition_ical, name="edition-ical"),
    path("edizioni/<slug:slug>/iscriviti/", views.registration_create, name="registration-create"),
    path("iscrizione/<str:token>/annulla/", views.registration_cancel, name="registration-cancel"),
    path("edizioni/<slug:slug>/badge.pdf", views.edition_badges, name="edition-badges"),
    path("delegazioni/<int:pk>/lettera.pdf", views.delegation_letter, name="delegation-letter"),
    path("edizioni/<slug:slug>/delegazione/", views.delegation_create, name="delegation-create"),
]
