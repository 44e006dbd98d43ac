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
        url_name="funding:index",
        icon="it-files",
    )
