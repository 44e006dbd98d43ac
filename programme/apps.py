from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """The programme as a whole: read-only views across the six objectives (open data, search)."""

    name = "programme"
    verbose_name = _("Programma")
