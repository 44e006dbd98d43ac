"""Reads that pages share or that need tuning (constant query counts as data grow)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Membership

from .models import Call, Criterion, Proposal, ProposalAttachment, Review, Score
from .scoring import CriterionSpec, Result, proposal_result, rank

STUCK_AFTER_DAYS_DEFAULT = 30


def stuck_after_days() -> int:
    """How many days in one stage make a proposal "stuck" (setting FUNDING_STUCK_AFTER_DAYS)."""
    return int(getattr(settings, "FUNDING_STUCK_AFTER_DAYS", STUCK_AFTER_DAYS_DEFAULT))


def public_calls() -> QuerySet[Call]:
    """Open and closed calls for the public list, soonest deadline first."""
    return (
        Call.objects.public()
        .select_related("funder")
        .prefetch_related("themes")
        .order_by("-status", "deadline")
    )


def call_detail(slug: str) -> Call:
    return (
        Call.objects.public()
        .select_related("funder")
        .prefetch_related("themes", "criteria")
        .get(slug=slug)
    )


def open_calls() -> QuerySet[Call]:
    return Call.objects.open().select_related("funder").order_by("deadline")


def leader_association_ids(user) -> list[int]:
    return list(
        Membership.objects.filter(
            user=user, status=Membership.Status.ACTIVE, role__in=Membership.ACTING_ROLES
        ).values_list("association_id", flat=True)
    )


def _count_of(model, **filters):
    """How many ``model`` rows point at the proposal: a subquery, not a join, so the
    annotated proposals can still be summed and counted (joins would multiply them)."""
    rows = (
        model.objects.filter(proposal=OuterRef("pk"), **filters)
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _with_counts(queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return queryset.select_related("association", "call__funder").annotate(
        attachment_count=_count_of(ProposalAttachment),
        review_count=_count_of(Review),
        submitted_review_count=_count_of(Review, status=Review.Status.SUBMITTED),
    )


def proposals_of_leader(user) -> QuerySet[Proposal]:
    """The proposals of every association this user acts for."""
    return _with_counts(
        Proposal.objects.filter(association_id__in=leader_association_ids(user))
    ).order_by("-updated_at", "-pk")


def proposal_detail(pk: int) -> Proposal:
    return (
        Proposal.objects.select_related("association", "call__funder")
        .prefetch_related(
            "partner_associations",
            "partner_cities",
            "cities",
            "attachments",
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer").order_by("pk")),
        )
        .get(pk=pk)
    )


def board_proposals(
    *, call_id: int | None = None, country: str = "", association_id: int | None = None
) -> QuerySet[Proposal]:
    """Proposals for the staff board, filtered, with their counts."""
    queryset = Proposal.objects.all()
    if call_id:
        queryset = queryset.filter(call_id=call_id)
    if country:
        queryset = queryset.filter(countries__contains=country)
    if association_id:
        queryset = queryset.filter(association_id=association_id)
    return _with_counts(queryset).order_by("status_changed_at", "pk")


@dataclass
class Column:
    status: str
    label: str
    proposals: list
    requested: Decimal
    total: int = 0  # proposals in this stage; more than shown in a final column

    @property
    def hidden(self) -> int:
        return self.total - len(self.proposals)


#: Final stages show only their latest proposals: the board is for the work in progress, and
#: after years of calls the awarded, rejected and withdrawn ones would fill it (the admin lists
#: them all, and the counts and amounts in the column headings are of every one).
FINAL_COLUMN_SIZE = 10


def board_columns(proposals: QuerySet[Proposal]) -> list[Column]:
    """One column per stage, each proposal flagged when it has sat there too long.

    Live stages list every proposal, oldest in the stage first; final stages their
    ``FINAL_COLUMN_SIZE`` latest. A constant number of queries whatever the history."""
    now = timezone.now()
    limit = stuck_after_days()
    by_status: dict[str, list] = defaultdict(list)
    shown = [proposals.exclude(status__in=Proposal.FINAL)]
    shown += [
        proposals.filter(status=status).order_by("-status_changed_at", "-pk")[:FINAL_COLUMN_SIZE]
        for status in Proposal.FINAL
    ]
    for queryset in shown:
        for proposal in queryset:
            proposal.days_here = proposal.days_in_stage(now)
            proposal.is_stuck = not proposal.is_final and proposal.days_here > limit
            by_status[proposal.status].append(proposal)
    stats = {
        row["status"]: row
        for row in proposals.order_by()
        .values("status")
        .annotate(total=Count("pk"), requested=Sum("requested_amount"))
    }
    labels = dict(Proposal.Status.choices)
    return [
        Column(
            status=status,
            label=labels[status],
            proposals=by_status.get(status, []),
            requested=stats.get(status, {}).get("requested") or Decimal(0),
            total=stats.get(status, {}).get("total", 0),
        )
        for status in Proposal.BOARD_COLUMNS
    ]


def totals_per_funder(proposals: QuerySet[Proposal]) -> list[dict]:
    """Requested (all live proposals) and awarded amounts per funder, in one query."""
    return list(
        proposals.filter(call__isnull=False)
        .exclude(status=Proposal.Status.WITHDRAWN)
        .order_by()
        .values("call__funder__name")
        .annotate(
            requested=Sum("requested_amount"),
            awarded=Sum("awarded_amount", filter=Q(status=Proposal.Status.AWARDED)),
            proposals=Count("pk"),
        )
        .order_by("call__funder__name")
    )


def criterion_specs(criteria) -> list[CriterionSpec]:
    return [
        CriterionSpec(
            id=c.pk, name=c.name, max_points=c.max_points, weight=c.weight, pass_mark=c.pass_mark
        )
        for c in criteria
    ]


def call_ranking(call: Call) -> tuple[list[Criterion], list[Result], list[Proposal]]:
    """The ranking of a call's reviewed proposals, computed from the data in 3 queries."""
    criteria = list(call.criteria.all())
    submitted = Review.objects.filter(status=Review.Status.SUBMITTED).select_related("reviewer")
    proposals = list(
        call.proposals.exclude(status=Proposal.Status.WITHDRAWN)
        .select_related("association")
        .prefetch_related(
            Prefetch("reviews", queryset=submitted, to_attr="submitted_reviews"),
            Prefetch(
                "submitted_reviews__scores",
                queryset=Score.objects.all(),
            ),
        )
    )
    specs = criterion_specs(criteria)
    results = []
    for proposal in proposals:
        reviews = [
            {score.criterion_id: score.points for score in review.scores.all()}
            for review in proposal.submitted_reviews
        ]
        result = proposal_result(proposal, specs, reviews, total_pass_mark=call.total_pass_mark)
        result.recommendations = [
            (review.reviewer, review.get_recommendation_display(), review.comments)
            for review in proposal.submitted_reviews
        ]
        results.append(result)
    ranked = rank(results)
    unranked = [r.key for r in results if not r.reviews]
    return criteria, ranked, unranked


def home_figures() -> list[tuple]:
    """Open calls, proposals in the pipeline, awarded projects."""
    counts = Proposal.objects.aggregate(
        total=Count("pk"), awarded=Count("pk", filter=Q(status=Proposal.Status.AWARDED))
    )
    return [
        (_("bandi aperti"), Call.objects.open().count()),
        (_("proposte di progetto"), counts["total"]),
        (_("progetti finanziati"), counts["awarded"]),
    ]


def home_news() -> list:
    """Open calls closing soonest (one query)."""
    from mondinsieme.objectives import NewsItem

    calls = (
        Call.objects.open()
        .filter(deadline__gte=timezone.now())
        .only("title", "slug", "deadline")
        .order_by("deadline", "pk")[:2]
    )
    return [
        NewsItem(
            title=call.title,
            url=call.get_absolute_url(),
            date=call.deadline,
            kind=_("bando in scadenza"),
        )
        for call in calls
    ]
