"""Whether a proposal can go to a call, and why not: a pure function of the data (no queries).

Each rule returns a reason the leaders can act on; an empty list means eligible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from associations.models import Association

from .models import Call, Proposal


@dataclass(frozen=True)
class Reason:
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def _euro(amount: Decimal) -> str:
    return "€ " + intcomma(int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def required_cofinancing(call: Call, budget: Decimal) -> Decimal:
    """The share of the budget the applicant must bring for this call."""
    return (budget * (Decimal(100) - call.funding_rate) / Decimal(100)).quantize(Decimal("0.01"))


def eligibility_reasons(
    *, proposal: Proposal, association: Association, call: Call, now: datetime
) -> list[Reason]:
    """Every reason why ``proposal`` (led by ``association``) cannot go to ``call`` at ``now``."""
    reasons: list[Reason] = []
    if call.applicant_types and association.legal_form not in call.applicant_types:
        reasons.append(
            Reason(
                "applicant_type",
                _("Il bando non ammette proponenti con forma giuridica «%(form)s».")
                % {"form": association.get_legal_form_display()},
            )
        )
    allowed = {country.code for country in call.eligible_countries}
    if allowed:
        chosen = list(proposal.countries)
        outside = [country for country in chosen if country.code not in allowed]
        if not chosen:
            reasons.append(
                Reason(
                    "country", _("Indica i paesi di intervento: il bando ne ammette solo alcuni.")
                )
            )
        elif outside:
            reasons.append(
                Reason(
                    "country",
                    _("Il bando non ammette interventi in: %(countries)s.")
                    % {"countries": ", ".join(str(country.name) for country in outside)},
                )
            )
    requested = proposal.requested_amount or Decimal(0)
    if requested < call.grant_min or requested > call.grant_max:
        reasons.append(
            Reason(
                "grant_range",
                _("Il contributo richiesto (%(requested)s) deve stare tra %(min)s e %(max)s.")
                % {
                    "requested": _euro(requested),
                    "min": _euro(call.grant_min),
                    "max": _euro(call.grant_max),
                },
            )
        )
    needed = required_cofinancing(call, proposal.budget or Decimal(0))
    if (proposal.cofinancing or Decimal(0)) < needed:
        reasons.append(
            Reason(
                "cofinancing",
                _(
                    "Il bando copre al massimo il %(rate)s%% del budget: servono almeno "
                    "%(needed)s di cofinanziamento, ne avete indicati %(have)s."
                )
                % {
                    "rate": f"{call.funding_rate.normalize():f}",
                    "needed": _euro(needed),
                    "have": _euro(proposal.cofinancing or Decimal(0)),
                },
            )
        )
    if call.requires_art26 and not association.aics_art26:
        reasons.append(
            Reason(
                "art26",
                _("Il bando richiede l'iscrizione all'elenco AICS (art. 26) dell'associazione."),
            )
        )
    duration = proposal.duration_months
    if duration is not None and not (
        call.duration_min_months <= duration <= call.duration_max_months
    ):
        reasons.append(
            Reason(
                "duration",
                _("La durata deve stare tra %(min)s e %(max)s mesi.")
                % {"min": call.duration_min_months, "max": call.duration_max_months},
            )
        )
    if now >= call.deadline:
        reasons.append(Reason("deadline", _("La scadenza del bando è passata.")))
    return reasons


def match_calls(
    *, proposal: Proposal, association: Association, calls, now: datetime
) -> list[tuple[Call, list[Reason]]]:
    """Each call with the reasons the proposal cannot go to it (empty list: eligible)."""
    return [
        (call, eligibility_reasons(proposal=proposal, association=association, call=call, now=now))
        for call in calls
    ]
