from django.urls import path

from mondinsieme.views import ObjectivePlaceholderView

app_name = "forum"

urlpatterns = [
    path("", ObjectivePlaceholderView.as_view(app_label="forum"), name="index"),
]
