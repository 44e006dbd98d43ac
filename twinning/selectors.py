"""Reads of twinning files that are reused or tuned (constant query counts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .models import Activity, CandidateAssessment, Criterion, Score, TwinningDocument, TwinningFile


def public_twinnings() -> QuerySet[TwinningFile]:
    """Public agreements with their partner city and public activities, in three queries."""
    return (
        TwinningFile.objects.public()
        .select_related("partner_city")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.filter(is_public=True).order_by("-starts_on"),
                to_attr="public_activities",
            )
        )
        .order_by("partner_city__name")
    )


def public_twinning_detail(slug: str) -> TwinningFile:
    """An agreement in force (or expired) that is public; 404 otherwise."""
    return get_object_or_404(
        public_twinnings().prefetch_related(
            Prefetch(
                "documents",
                queryset=TwinningDocument.objects.filter(is_public=True).order_by("title"),
                to_attr="public_documents",
            ),
            "communities",
        ),
        slug=slug,
    )


def home_figures() -> list[tuple[str, int]]:
    """Live figures for the home page."""
    return [
        (
            _("gemellaggi e patti in vigore"),
            TwinningFile.objects.filter(status__in=TwinningFile.IN_FORCE_STATUSES).count(),
        ),
        (_("pratiche in corso"), TwinningFile.objects.in_progress().count()),
    ]


@dataclass
class RankedCandidate:
    assessment: CandidateAssessment
    scores: dict[int, Score]
    cells: list[Score | None]
    weighted: float | None
    scored: int


def candidate_ranking(file: TwinningFile) -> tuple[list[Criterion], list[RankedCandidate]]:
    """The file's candidates ranked by weighted score (0–5), best first; unscored last."""
    criteria = list(Criterion.objects.filter(is_active=True))
    assessments = (
        CandidateAssessment.objects.filter(file=file)
        .select_related("city")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )
    ranked = []
    for assessment in assessments:
        scores = {score.criterion_id: score for score in assessment.scores.all()}
        # A missing score counts as 0: a candidate is not ranked up by being assessed less.
        weights = sum(c.weight for c in criteria)
        total = sum(scores[c.pk].value * c.weight for c in criteria if c.pk in scores)
        ranked.append(
            RankedCandidate(
                assessment=assessment,
                scores=scores,
                cells=[scores.get(c.pk) for c in criteria],
                weighted=round(total / weights, 2) if weights and scores else None,
                scored=len([c for c in criteria if c.pk in scores]),
            )
        )
    ranked.sort(key=lambda r: (not r.scored, -(r.weighted or 0), r.assessment.city.name))
    return criteria, ranked


def home_news() -> list:
    """The agreements that came into force last (one query)."""
    from mondinsieme.objectives import NewsItem

    files = (
        TwinningFile.objects.public()
        .filter(status__in=TwinningFile.IN_FORCE_STATUSES)
        .select_related("partner_city")
        .order_by(F("starts_on").desc(nulls_last=True), "-pk")[:2]
    )
    return [
        NewsItem(
            title=str(file),
            url=file.get_absolute_url(),
            date=file.starts_on,
            kind=_("gemellaggio in vigore"),
        )
        for file in files
    ]
