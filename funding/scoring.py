"""Weighted totals, pass marks and rankings: pure functions of criteria and submitted scores."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    name: str
    max_points: int
    weight: Decimal
    pass_mark: Decimal | None = None


@dataclass
class Result:
    """The outcome of one proposal: mean points per criterion, weighted total, pass or fail."""

    key: object
    reviews: int
    averages: dict[int, Decimal] = field(default_factory=dict)
    total: Decimal = Decimal(0)
    passed: bool = False
    failed_criteria: list[str] = field(default_factory=list)
    rank: int | None = None


def weighted_total(criteria: Sequence[CriterionSpec], points: Mapping[int, Decimal]) -> Decimal:
    """Σ points × weight over the criteria (a missing score counts as zero)."""
    total = sum((Decimal(points.get(c.id, 0)) * Decimal(c.weight) for c in criteria), Decimal(0))
    return total.quantize(TWO_PLACES)


def proposal_result(
    key: object,
    criteria: Sequence[CriterionSpec],
    reviews: Iterable[Mapping[int, Decimal]],
    *,
    total_pass_mark: Decimal | None = None,
) -> Result:
    """Average each criterion over the submitted reviews, weight it, check every pass mark."""
    reviews = list(reviews)
    result = Result(key=key, reviews=len(reviews))
    if not reviews:
        return result
    for criterion in criteria:
        values = [Decimal(review.get(criterion.id, 0)) for review in reviews]
        result.averages[criterion.id] = (sum(values, Decimal(0)) / len(values)).quantize(TWO_PLACES)
    result.total = weighted_total(criteria, result.averages)
    result.failed_criteria = [
        c.name
        for c in criteria
        if c.pass_mark is not None and result.averages[c.id] < Decimal(c.pass_mark)
    ]
    result.passed = not result.failed_criteria and (
        total_pass_mark is None or result.total >= Decimal(total_pass_mark)
    )
    return result


def rank(results: Iterable[Result]) -> list[Result]:
    """Reviewed proposals that pass first, by total; equal totals share a rank (1, 2, 2, 4)."""
    ordered = sorted(
        (r for r in results if r.reviews),
        key=lambda r: (not r.passed, -r.total),
    )
    previous = None
    for position, result in enumerate(ordered, start=1):
        marker = (result.passed, result.total)
        result.rank = previous[1] if previous and previous[0] == marker else position
        previous = (marker, result.rank)
    return ordered
