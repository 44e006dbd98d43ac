from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MondinsiemeConfig(AppConfig):
    name = "mondinsieme"
    verbose_name = _("Portale")
