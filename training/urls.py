from django.urls import path

from mondinsieme.views import ObjectivePlaceholderView

app_name = "training"

urlpatterns = [
    path("", ObjectivePlaceholderView.as_view(app_label="training"), name="index"),
]
