"""The ICC Index overall score and the trend figures: pure functions, no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class WeightedScore:
    score: int
    weight: Decimal
    optional: bool = False


def overall_score(scores: Iterable[WeightedScore]) -> Decimal | None:
    """The weighted mean of the area scores present, to one decimal; None when there are none.

    Optional areas (Participation, Interaction) count only when they have a score: an area
    without a score is simply not among ``scores``, so it weighs nothing.
    """
    total = Decimal(0)
    weights = Decimal(0)
    for item in scores:
        weight = Decimal(item.weight)
        total += Decimal(item.score) * weight
        weights += weight
    if not weights:
        return None
    return (total / weights).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def biggest_moves(
    before: dict[str, int], after: dict[str, int], *, limit: int = 3
) -> list[tuple[str, int]]:
    """The areas scored in both years whose score changed most, largest change first."""
    changes = [(key, after[key] - before[key]) for key in after if key in before]
    changes = [change for change in changes if change[1]]
    changes.sort(key=lambda change: (-abs(change[1]), change[0]))
    return changes[:limit]
