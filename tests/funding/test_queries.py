"""Board and lists run a constant number of queries as proposals, reviews and files grow."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.funding.factories import (
    AttachmentFactory,
    CallFactory,
    CriterionFactory,
    ProposalFactory,
    ReviewFactory,
    ScoreFactory,
)

pytestmark = pytest.mark.django_db


def _grow(association, call, n: int) -> None:
    criterion = call.criteria.first()
    for index in range(n):
        proposal = ProposalFactory(
            association=association, call=call, status=["idea", "screening", "submitted"][index % 3]
        )
        AttachmentFactory(proposal=proposal)
        review = ReviewFactory(proposal=proposal, submitted=True)
        ScoreFactory(review=review, criterion=criterion, points=5)


def _count(client, url) -> int:
    cache.clear()  # count a full build, not the board kept until the proposals change
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_name",
    ["funding:board", "funding:proposal-list", "funding:call-list", "funding:call-ranking"],
)
def test_query_count_does_not_grow(client, staff, association, url_name):
    from tests.factories import MembershipFactory

    MembershipFactory(association=association, user=staff, leader=True)
    call = CallFactory()
    CriterionFactory(call=call)
    client.force_login(staff)
    url = reverse(url_name, args=[call.slug] if url_name == "funding:call-ranking" else [])
    _grow(association, call, 2)
    client.get(url)  # warm the content-type cache
    small = _count(client, url)
    _grow(association, call, 12)
    CallFactory.create_batch(5)
    large = _count(client, url)
    assert small == large, f"{url_name}: {small} queries with 2 proposals, {large} with 14"


def test_proposal_page_query_count_does_not_grow_with_reviews_and_files(client, staff):
    call = CallFactory()
    CriterionFactory(call=call)
    proposal = ProposalFactory(call=call, evaluation=True)
    client.force_login(staff)

    def grow(n):
        for _ in range(n):
            AttachmentFactory(proposal=proposal)
            ReviewFactory(proposal=proposal, submitted=True)
            CallFactory()  # another open call to match against

    grow(1)
    client.get(proposal.get_absolute_url())  # warm the content-type cache
    small = _count(client, proposal.get_absolute_url())
    grow(10)
    assert _count(client, proposal.get_absolute_url()) == small


def test_review_list_and_feed_query_counts_do_not_grow(client):
    from tests.factories import UserFactory

    reviewer = UserFactory()
    client.force_login(reviewer)

    def grow(n):
        for _ in range(n):
            call = CallFactory()
            CriterionFactory(call=call)
            proposal = ProposalFactory(call=call, evaluation=True)
            AttachmentFactory(proposal=proposal)
            ReviewFactory(proposal=proposal, reviewer=reviewer)

    for url in (reverse("funding:review-list"), reverse("funding:call-feed")):
        grow(1)
        client.get(url)
        small = _count(client, url)
        grow(8)
        assert _count(client, url) == small, url
