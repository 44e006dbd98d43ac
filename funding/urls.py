from django.urls import path

from mondinsieme.views import ObjectivePlaceholderView

app_name = "funding"

urlpatterns = [
    path("", ObjectivePlaceholderView.as_view(app_label="funding"), name="index"),
]
