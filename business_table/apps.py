from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mondinsieme.objectives import Objective


class BusinessTableConfig(AppConfig):
    name = "business_table"
    verbose_name = _("Tavolo economico")
    objective = Objective(
        number=6,
        title=_("Tavolo economico"),
        summary=_(
            "Il tavolo con le associazioni di categoria su investimenti ed export verso i "
            "territori di origine della diaspora."
        ),
        url_name="business_table:index",
        icon="it-chart-line",
        figures="business_table.selectors.home_figures",
        news="business_table.selectors.home_news",
        demo_seed="business_table.demo.seed",
        beat_schedule={
            "business-table-overdue-actions": {
                "task": "business_table.tasks.send_overdue_action_reminders",
                "schedule": 3600.0,
            },
            "business-table-expired-opportunities": {
                "task": "business_table.tasks.send_expired_opportunity_notices",
                "schedule": 3600.0,
            },
        },
    )
