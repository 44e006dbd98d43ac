from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MondinsiemeConfig(AppConfig):
    name = "mondinsieme"
    verbose_name = _("Portale")

    def ready(self) -> None:
        # Connects the receiver that stamps the login time on the session.
        from . import checks, lookups, security  # noqa: F401

        lookups.register()
        from .cache import connect_signals

        connect_signals()
