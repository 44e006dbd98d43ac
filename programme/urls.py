from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("dati-aperti/", views.open_data, name="open-data"),
    path("dati-aperti/<slug:slug>.<str:fmt>", views.dataset, name="dataset"),
    path("cerca/", views.search, name="search"),
]
