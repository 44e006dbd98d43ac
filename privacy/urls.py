from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("i-miei-dati/", views.my_data, name="mine"),
    path("i-miei-dati/consensi/<int:pk>/revoca/", views.consent_withdraw, name="consent-withdraw"),
    path("i-miei-dati/copia/", views.export_request, name="export-request"),
    path("i-miei-dati/copia/<str:token>/", views.export_download, name="export-download"),
    path("i-miei-dati/elimina-account/", views.account_delete, name="account-delete"),
    path("account-eliminato/", views.account_deleted, name="account-deleted"),
    path("registro-dei-trattamenti/", views.processing_register, name="register"),
    path("<slug:purpose>/", views.notice_history, name="purpose"),
]
