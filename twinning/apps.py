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
    )
