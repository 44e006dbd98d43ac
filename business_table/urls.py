from django.urls import path

from mondinsieme.views import ObjectivePlaceholderView

app_name = "business_table"

urlpatterns = [
    path("", ObjectivePlaceholderView.as_view(app_label="business_table"), name="index"),
]
