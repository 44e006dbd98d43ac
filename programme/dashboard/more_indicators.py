"""Indicators of objectives 4–6: funding, networks and the business table (fixed query count)."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from business_table.models import Action, Opportunity
from funding.models import Proposal
from networks.models import Commitment
from networks.selectors import assessments

from . import charts
from .report import Block, Figure, Filters, Section, Table

OVERDUE_SHOWN = 5


def funding_section(filters: Filters, section: Section) -> Section:
    """Proposals by stage, amounts requested and awarded per funder (two queries)."""
    proposals = Proposal.objects.all()
    if filters.country:
        # Two-letter codes separated by commas: a code can only match a whole code.
        proposals = proposals.filter(countries__contains=filters.country)
    if filters.year:
        proposals = proposals.filter(
            Q(call__deadline__year=filters.year)
            | Q(call__isnull=True, created_at__year=filters.year)
        )
    by_status = dict(
        proposals.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    stage_rows = [[label, by_status.get(value, 0)] for value, label in Proposal.Status.choices]
    per_funder = list(
        proposals.filter(call__isnull=False)
        .exclude(status=Proposal.Status.WITHDRAWN)
        .order_by()
        .values("call__funder__name")
        .annotate(
            n=Count("pk"),
            requested=Sum("requested_amount"),
            awarded=Sum("awarded_amount", filter=Q(status=Proposal.Status.AWARDED)),
        )
        .order_by("call__funder__name")
    )
    funder_rows = [
        [row["call__funder__name"], row["n"], row["requested"], row["awarded"] or 0]
        for row in per_funder
    ]
    requested_label, awarded_label = _("Richiesto (€)"), _("Assegnato (€)")
    section.figures = [
        Figure(_("proposte"), sum(by_status.values())),
        Figure(_("proposte finanziate"), by_status.get(Proposal.Status.AWARDED, 0)),
        Figure(_("euro assegnati"), sum((row[3] for row in funder_rows), 0)),
    ]
    section.blocks = [
        Block(
            slug="proposte",
            title=_("Proposte per fase"),
            chart=charts.bar_chart(
                [row[0] for row in stage_rows],
                [charts.Series(_("Proposte"), [row[1] for row in stage_rows])],
            ),
            table=Table(_("Proposte di progetto per fase"), [_("Fase"), _("Proposte")], stage_rows),
        ),
        Block(
            slug="finanziatori",
            title=_("Importi richiesti e assegnati per finanziatore"),
            chart=charts.bar_chart(
                [row[0] for row in funder_rows],
                [
                    charts.Series(requested_label, [row[2] for row in funder_rows]),
                    charts.Series(awarded_label, [row[3] for row in funder_rows]),
                ],
            ),
            table=Table(
                _("Importi per finanziatore"),
                [_("Finanziatore"), _("Proposte"), requested_label, awarded_label],
                funder_rows,
            ),
            note=_(
                "Richiesto: proposte legate a un bando, tranne quelle ritirate. "
                "Assegnato: proposte finanziate."
            ),
        ),
    ]
    section.year_rule = _(
        "Anno di scadenza del bando; per le idee senza bando, anno di creazione della proposta."
    )
    section.country_rule = _("Paesi di intervento della proposta.")
    return section


def networks_section(filters: Filters, section: Section) -> Section:
    """Commitments done and overdue per network, ICC Index scores over the years (3 queries)."""
    today = timezone.localdate()
    commitments = Commitment.objects.all()
    if filters.year:
        commitments = commitments.filter(due_date__year=filters.year)
    open_q = Q(status__in=Commitment.OPEN_STATUSES)
    per_network = list(
        commitments.order_by()
        .values("network__name")
        .annotate(
            done=Count("pk", filter=Q(status=Commitment.Status.COMPLETED)),
            open=Count("pk", filter=open_q),
            overdue=Count("pk", filter=open_q & Q(due_date__lt=today)),
        )
        .order_by("network__name")
    )
    commitment_rows = [
        [row["network__name"], row["done"], row["open"], row["overdue"]] for row in per_network
    ]
    found = [a for a in assessments() if not filters.year or a.year <= filters.year]
    latest = found[-1] if found else None
    overall_label = _("Punteggio complessivo")
    section.figures = [
        Figure(_("impegni completati"), sum(row[1] for row in commitment_rows)),
        Figure(_("impegni scaduti"), sum(row[3] for row in commitment_rows)),
        Figure(
            _("su 100: l'ultimo punteggio ICC (%(year)s)") % {"year": latest.year}
            if latest
            else _("su 100: l'ultimo punteggio ICC"),
            latest.overall if latest else None,
        ),
    ]
    area_rows = (
        [[s.area.label, s.score, s.peer_average] for s in latest.scores.all()] if latest else []
    )
    section.blocks = [
        Block(
            slug="impegni",
            title=_("Impegni per rete"),
            chart=charts.bar_chart(
                [row[0] for row in commitment_rows],
                [
                    charts.Series(_("Completati"), [row[1] for row in commitment_rows]),
                    charts.Series(_("Scaduti"), [row[3] for row in commitment_rows]),
                ],
            ),
            table=Table(
                _("Impegni per rete"),
                [_("Rete"), _("Completati"), _("Aperti"), _("Scaduti (aperti oltre la data)")],
                commitment_rows,
            ),
        ),
        Block(
            slug="icc",
            title=_("Indice ICC: punteggio complessivo per anno"),
            chart=charts.line_chart(
                [str(a.year) for a in found],
                [charts.Series(overall_label, [a.overall for a in found])],
            ),
            table=Table(
                _("Punteggio complessivo ICC per anno (su 100)"),
                [_("Anno"), overall_label],
                [[a.year, a.overall] for a in found],
            ),
        ),
        Block(
            slug="icc-aree",
            title=_("Indice ICC: punteggi per area dell'ultima autovalutazione"),
            table=Table(
                _("Punteggi per area (su 100)"),
                [_("Area"), _("Punteggio"), _("Media delle città simili")],
                area_rows,
            ),
        ),
    ]
    section.year_rule = _(
        "Scadenza dell'impegno; per l'indice ICC, le autovalutazioni fino all'anno scelto."
    )
    section.country_rule = _("Non si applica: le reti riguardano la città nel suo insieme.")
    return section


def business_section(filters: Filters, section: Section) -> Section:
    """Opportunities by stage and the overdue actions (three queries)."""
    today = timezone.localdate()
    opportunities = Opportunity.objects.all()
    overdue = Action.objects.filter(status__in=Action.OPEN_STATUSES, due_on__lt=today)
    if filters.country:
        opportunities = opportunities.filter(country=filters.country)
        overdue = overdue.filter(opportunity__country=filters.country)
    if filters.year:
        opportunities = opportunities.filter(created_at__year=filters.year)
    by_status = {
        row["status"]: row
        for row in opportunities.order_by()
        .values("status")
        .annotate(n=Count("pk"), value=Sum("estimated_value"))
    }
    rows = [
        [label, by_status.get(value, {}).get("n", 0), by_status.get(value, {}).get("value")]
        for value, label in Opportunity.Status.choices
    ]
    overdue_count = overdue.count()
    oldest = [
        [action.title, action.due_on, (today - action.due_on).days]
        for action in overdue.order_by("due_on", "pk").only("title", "due_on")[:OVERDUE_SHOWN]
    ]
    section.figures = [
        Figure(_("opportunità"), sum(row[1] for row in rows)),
        Figure(
            _("opportunità aperte"),
            sum(by_status.get(s, {}).get("n", 0) for s in Opportunity.OPEN_STATUSES),
        ),
        Figure(_("azioni in ritardo"), overdue_count),
    ]
    section.blocks = [
        Block(
            slug="opportunita",
            title=_("Opportunità per fase"),
            chart=charts.bar_chart(
                [row[0] for row in rows],
                [charts.Series(_("Opportunità"), [row[1] for row in rows])],
            ),
            table=Table(
                _("Opportunità per fase"),
                [_("Fase"), _("Opportunità"), _("Valore stimato (€)")],
                rows,
            ),
        ),
        Block(
            slug="azioni-in-ritardo",
            title=_("Azioni in ritardo"),
            table=Table(
                _("Le %(n)s azioni aperte più in ritardo") % {"n": OVERDUE_SHOWN},
                [_("Azione"), _("Entro il"), _("Giorni di ritardo")],
                oldest,
            ),
            note=_(
                "Azioni da fare o in corso oltre la data prevista, a oggi: non dipendono dal "
                "filtro per anno. Con il filtro per paese contano quelle legate a "
                "un'opportunità in quel paese."
            ),
        ),
    ]
    section.year_rule = _("Anno in cui l'opportunità è stata registrata.")
    section.country_rule = _("Paese dell'opportunità.")
    return section
