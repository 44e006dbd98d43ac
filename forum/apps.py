from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from mondinsieme.objectives import Objective


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum e Manifesto")
    objective = Objective(
        number=2,
        title=_("Forum e Manifesto"),
        summary=_(
            "Il Forum delle città della diaspora a Reggio Emilia e il Manifesto dell'amicizia"
            " delle città e dei cittadini, da leggere e firmare online."
        ),
        url_name="forum:index",
        icon="it-comment",
        figures="forum.selectors.home_figures",
        news="forum.selectors.home_news",
        demo_seed="forum.demo.seed",
        beat_schedule={
            "forum-purge-unconfirmed-signatures": {
                "task": "forum.tasks.purge_unconfirmed_signatures",
                "schedule": 3600.0,
            }
        },
    )
