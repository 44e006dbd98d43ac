from django.urls import path

from . import views

app_name = "associations"

urlpatterns = [
    path("", views.association_list, name="list"),
    path("area-riservata/", views.MyAssociationsView.as_view(), name="mine"),
    path("registra/", views.AssociationRegisterView.as_view(), name="register"),
    path("invito/<slug:token>/", views.invitation_accept, name="invitation-accept"),
    path("adesioni/<int:pk>/decisione/", views.membership_decide, name="membership-decide"),
    path("adesioni/<int:pk>/ruolo/", views.membership_role, name="membership-role"),
    path("adesioni/<int:pk>/termina/", views.membership_end, name="membership-end"),
    path("<slug:slug>/", views.association_detail, name="detail"),
    path("<slug:slug>/scheda.pdf", views.association_profile_pdf, name="profile-pdf"),
    path("<slug:slug>/aderisci/", views.association_join, name="join"),
    path("<slug:slug>/modifica/", views.AssociationEditView.as_view(), name="edit"),
    path("<slug:slug>/soci/", views.association_members, name="members"),
    path("<slug:slug>/soci/invita/", views.association_invite, name="invite"),
]
