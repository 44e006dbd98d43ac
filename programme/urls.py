from django.urls import path

from . import views
from .dashboard import views as dashboard_views
from .geography import views as geography_views

app_name = "programme"

urlpatterns = [
    path("dati-aperti/", views.open_data, name="open-data"),
    path("dati-aperti/<slug:slug>.<str:fmt>", views.dataset, name="dataset"),
    path("cerca/", views.search, name="search"),
    path("cruscotto/", dashboard_views.dashboard, name="dashboard"),
    path("cruscotto/report.pdf", dashboard_views.dashboard_pdf, name="dashboard-pdf"),
    path("cruscotto/report.xlsx", dashboard_views.dashboard_xlsx, name="dashboard-xlsx"),
    path("paesi/", geography_views.country_list, name="country-list"),
    path("paesi/<str:code>/", geography_views.country_detail, name="country-detail"),
    path("gestione/paesi/<str:code>/", geography_views.country_staff, name="country-staff"),
    path("mappa/", geography_views.relationship_map, name="map"),
]
