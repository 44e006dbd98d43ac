"""The overall ICC score is the weighted mean of the area scores present (hand-computed cases)."""

from decimal import Decimal

import pytest

from networks import selectors, services
from networks.models import PolicyArea
from networks.scoring import WeightedScore, biggest_moves, overall_score


def test_it_averages_equal_weights():
    # (60 + 80 + 70) / 3 = 70
    scores = [WeightedScore(60, Decimal(1)), WeightedScore(80, Decimal(1)), WeightedScore(70, 1)]
    assert overall_score(scores) == Decimal("70.0")


def test_it_weighs_areas_by_their_weight():
    # (90×2 + 60×1 + 30×1) / 4 = 270 / 4 = 67.5
    scores = [WeightedScore(90, Decimal(2)), WeightedScore(60, Decimal(1)), WeightedScore(30, 1)]
    assert overall_score(scores) == Decimal("67.5")


def test_it_rounds_half_up_to_one_decimal():
    # (50 + 51 + 51) / 3 = 50.666… → 50.7
    assert overall_score([WeightedScore(s, Decimal(1)) for s in (50, 51, 51)]) == Decimal("50.7")
    # (10×0.5 + 20×1.5) / 2 = 35 / 2 = 17.5
    scores = [WeightedScore(10, Decimal("0.5")), WeightedScore(20, Decimal("1.5"))]
    assert overall_score(scores) == Decimal("17.5")


def test_an_optional_area_counts_when_scored():
    # (80 + 60) / 2 = 70 without it; (80 + 60 + 40) / 3 = 60 with it
    without = [WeightedScore(80, 1), WeightedScore(60, 1)]
    with_optional = [*without, WeightedScore(40, 1, optional=True)]
    assert overall_score(without) == Decimal("70.0")
    assert overall_score(with_optional) == Decimal("60.0")


def test_there_is_no_overall_score_without_scores():
    assert overall_score([]) is None


def test_biggest_moves_lists_the_largest_changes_first():
    before = {"a": 50, "b": 60, "c": 70, "d": 40}
    after = {"a": 55, "b": 48, "c": 70, "e": 90}
    # a +5, b −12, c unchanged (left out), d and e only in one year (left out)
    assert biggest_moves(before, after) == [("b", -12), ("a", 5)]


def test_the_stored_assessment_uses_the_weights_held_as_data(db, staff):
    commitment = PolicyArea.objects.get(slug="impegno")
    commitment.weight = Decimal(3)
    commitment.save()
    education = PolicyArea.objects.get(slug="istruzione")
    participation = PolicyArea.objects.get(slug="partecipazione")
    assert participation.optional
    services.assessment_create(
        year=2023,
        actor=staff,
        scores={commitment: {"score": 80}, education: {"score": 40}},
    )
    services.assessment_create(
        year=2024,
        actor=staff,
        scores={
            commitment: {"score": 80},
            education: {"score": 40},
            participation: {"score": 100},
        },
    )
    by_year = {a.year: a.overall for a in selectors.assessments()}
    # 2023: (80×3 + 40×1) / 4 = 70;  2024: (80×3 + 40 + 100) / 5 = 380 / 5 = 76
    assert by_year == {2023: Decimal("70.0"), 2024: Decimal("76.0")}


@pytest.mark.parametrize("value", [-1, 101, 250])
def test_it_refuses_scores_out_of_range(db, staff, value):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.assessment_create(
            year=2024, actor=staff, scores={PolicyArea.objects.first(): {"score": value}}
        )
