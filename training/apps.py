from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mondinsieme.objectives import Objective


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Formazione")
    objective = Objective(
        number=1,
        title=_("Formazione"),
        summary=_(
            "Un percorso di formazione su relazioni internazionali e cooperazione per le "
            "associazioni e le comunità della diaspora."
        ),
        url_name="training:course-list",
        icon="it-presentation",
        figures="training.selectors.home_figures",
        news="training.selectors.home_news",
        demo_seed="training.demo.seed",
        beat_schedule={
            "training-session-reminders": {
                "task": "training.tasks.send_session_reminders",
                "schedule": 900.0,
            }
        },
    )

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules permissions)
