from django.urls import path

from . import views

app_name = "twinning"

urlpatterns = [
    path("", views.TwinningListView.as_view(), name="index"),
    path("documenti/<int:pk>/", views.document_download, name="document"),
    path("<slug:slug>/", views.TwinningDetailView.as_view(), name="detail"),
]
