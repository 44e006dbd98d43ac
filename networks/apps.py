from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mondinsieme.objectives import Objective


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Reti di città")
    objective = Objective(
        number=5,
        title=_("Reti di città"),
        summary=_(
            "La partecipazione alla rete Intercultural Cities del Consiglio d'Europa e alla "
            "Rete italiana Città del Dialogo."
        ),
        url_name="networks:index",
        icon="it-share",
        figures="networks.selectors.home_figures",
        news="networks.selectors.home_news",
        demo_seed="networks.demo.seed",
        beat_schedule={
            "networks-overdue-commitments": {
                "task": "networks.tasks.send_overdue_commitment_reminders",
                "schedule": 3600.0,
            }
        },
    )

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules permissions)
