from django.urls import path

from mondinsieme.views import ObjectivePlaceholderView

app_name = "twinning"

urlpatterns = [
    path("", ObjectivePlaceholderView.as_view(app_label="twinning"), name="index"),
]
