from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mondinsieme.objectives import Objective


class TwinningConfig(AppConfig):
    name = "twinning"
    verbose_name = _("Gemellaggi")
    objective = Objective(
        number=3,
        title=_("Gemellaggi"),
        summary=_(
            "Il percorso per formalizzare un gemellaggio con una città legata a una comunità "
            "della diaspora."
        ),
        url_name="twinning:index",
        icon="it-link",
        figures="twinning.selectors.home_figures",
        news="twinning.selectors.home_news",
        demo_seed="twinning.demo.seed",
        beat_schedule={
            "twinning-reminders": {
                "task": "twinning.tasks.send_twinning_reminders",
                "schedule": 6 * 3600.0,
            }
        },
    )

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules)
