from django.urls import path

from mondinsieme.views import ObjectivePlaceholderView

app_name = "networks"

urlpatterns = [
    path("", ObjectivePlaceholderView.as_view(app_label="networks"), name="index"),
]
