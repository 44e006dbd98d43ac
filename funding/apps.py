from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mondinsieme.objectives import Objective


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Bandi e progetti")
    objective = Objective(
        number=4,
        title=_("Bandi e progetti"),
        summary=_(
            "Bandi europei, AICS e internazionali e i progetti proposti dalle associazioni "
            "con i paesi e le città della diaspora."
        ),
        url_name="funding:call-list",
        icon="it-files",
        figures="funding.selectors.home_figures",
        news="funding.selectors.home_news",
        demo_seed="funding.demo.seed",
        beat_schedule={
            "funding-deadline-reminders": {
                "task": "funding.tasks.send_deadline_reminders",
                "schedule": 3600.0,
            },
            "funding-overdue-reviews": {
                "task": "funding.tasks.send_overdue_review_reminders",
                "schedule": 6 * 3600.0,
            },
        },
    )

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules permissions)
