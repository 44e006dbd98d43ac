"""Weighted totals, pass marks and rankings, checked against examples computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from funding.scoring import CriterionSpec, proposal_result, rank, weighted_total
from funding.selectors import call_ranking
from tests.funding.factories import (
    CallFactory,
    CriterionFactory,
    ProposalFactory,
    ReviewFactory,
    ScoreFactory,
)

D = Decimal
# NDICI concept-note grid: relevance 30 points, design 20 points; relevance weighs double here.
RELEVANCE = CriterionSpec(id=1, name="Pertinenza", max_points=30, weight=D(2), pass_mark=D(18))
DESIGN = CriterionSpec(id=2, name="Disegno", max_points=20, weight=D(1), pass_mark=None)
GRID = [RELEVANCE, DESIGN]


def test_weighted_total_by_hand():
    # 25 × 2 + 15 × 1 = 65
    assert weighted_total(GRID, {1: D(25), 2: D(15)}) == D("65.00")


def test_result_averages_reviews_then_weights():
    # relevance (24 + 21) / 2 = 22.5; design (16 + 13) / 2 = 14.5; 22.5 × 2 + 14.5 = 59.5
    result = proposal_result("p", GRID, [{1: D(24), 2: D(16)}, {1: D(21), 2: D(13)}])
    assert result.averages == {1: D("22.50"), 2: D("14.50")}
    assert result.total == D("59.50")
    assert result.passed


def test_a_criterion_below_its_pass_mark_fails_the_proposal():
    # relevance 17 < 18 even though the total 17 × 2 + 20 = 54 is high
    result = proposal_result("p", GRID, [{1: D(17), 2: D(20)}])
    assert result.total == D("54.00")
    assert not result.passed
    assert result.failed_criteria == ["Pertinenza"]


def test_a_total_pass_mark_fails_a_low_total():
    result = proposal_result("p", GRID, [{1: D(18), 2: D(5)}], total_pass_mark=D(42))
    assert result.total == D("41.00")
    assert not result.passed


def test_ranking_puts_passing_first_and_shares_ties():
    a = proposal_result("a", GRID, [{1: D(20), 2: D(10)}])  # 50, pass
    b = proposal_result("b", GRID, [{1: D(25), 2: D(10)}])  # 60, pass
    c = proposal_result("c", GRID, [{1: D(10), 2: D(20)}])  # 40, fail (relevance)
    d = proposal_result("d", GRID, [{1: D(20), 2: D(10)}])  # 50, pass (tie with a)
    e = proposal_result("e", GRID, [])  # not reviewed: not ranked
    ranked = rank([a, b, c, d, e])
    assert [(r.key, r.rank) for r in ranked] == [("b", 1), ("a", 2), ("d", 2), ("c", 4)]


@pytest.mark.django_db
def test_call_ranking_from_the_database_matches_the_hand_computation(django_assert_num_queries):
    call = CallFactory()
    relevance = CriterionFactory(
        call=call, name="Pertinenza", max_points=30, weight=2, pass_mark=18
    )
    design = CriterionFactory(call=call, name="Disegno", max_points=20, weight=1)
    strong = ProposalFactory(call=call, evaluation=True, title="Forte")
    weak = ProposalFactory(call=call, evaluation=True, title="Debole")
    ProposalFactory(call=call, evaluation=True, title="Senza valutazioni")
    for proposal, points in [(strong, [(24, 16), (21, 13)]), (weak, [(12, 20)])]:
        for rel, des in points:
            review = ReviewFactory(proposal=proposal, submitted=True)
            ScoreFactory(review=review, criterion=relevance, points=rel)
            ScoreFactory(review=review, criterion=design, points=des)
    # A review still being written does not count.
    draft = ReviewFactory(proposal=weak, scoring=True)
    ScoreFactory(review=draft, criterion=relevance, points=30)
    with django_assert_num_queries(4):
        _criteria, ranked, unranked = call_ranking(call)
    assert [(r.key.title, r.rank, r.total, r.passed) for r in ranked] == [
        ("Forte", 1, D("59.50"), True),
        ("Debole", 2, D("44.00"), False),
    ]
    assert [p.title for p in unranked] == ["Senza valutazioni"]
