"""Lists run a constant number of SQL queries, however many rows they show."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from associations.models import Membership
from tests.factories import (
    AssociationFactory,
    CommunityFactory,
    MembershipFactory,
    ThemeFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # These count the view's own queries: the anonymous page cache would answer instead.
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


def _approved_associations(count: int) -> None:
    for _ in range(count):
        AssociationFactory(
            communities=[CommunityFactory(), CommunityFactory()],
            themes=[ThemeFactory(), ThemeFactory()],
        )


def test_the_directory_runs_the_same_queries_for_5_and_50_associations(client, db):
    _approved_associations(5)
    url = reverse("associations:list")
    client.get(url)  # warm caches (content types, translations) outside the measurement
    with_five = _count_queries(client, url)

    _approved_associations(45)
    with_fifty = _count_queries(client, url)

    assert with_five == with_fifty


def test_a_filtered_directory_page_too(client, db):
    theme = ThemeFactory(slug="salute")
    for number in range(5):
        AssociationFactory(name=f"A{number}", themes=[theme], communities=[CommunityFactory()])
    url = reverse("associations:list") + "?theme=salute&q=a&page=1"
    client.get(url)
    with_five = _count_queries(client, url)

    for number in range(5, 50):
        AssociationFactory(name=f"A{number}", themes=[theme], communities=[CommunityFactory()])
    with_fifty = _count_queries(client, url)

    assert with_five == with_fifty


def _memberships(user, count: int) -> None:
    for _ in range(count):
        membership = MembershipFactory(user=user, leader=True)
        MembershipFactory(association=membership.association, requested=True)


def test_my_associations_runs_the_same_queries_for_1_and_10_memberships(client, db):
    one, ten = UserFactory(), UserFactory()
    _memberships(one, 1)
    _memberships(ten, 10)
    url = reverse("associations:mine")

    client.force_login(one)
    client.get(url)
    with_one = _count_queries(client, url)
    client.force_login(ten)
    client.get(url)
    with_ten = _count_queries(client, url)

    assert with_one == with_ten
    assert Membership.objects.filter(user=ten).count() == 10
