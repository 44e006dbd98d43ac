"""The country view and the lists run the same number of queries as opportunities grow."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.business_table.factories import ActionFactory, MeetingFactory, OpportunityFactory
from tests.factories import AssociationFactory, CommunityFactory

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


def _grow(count: int, meeting) -> None:
    for index in range(count):
        country = ["MA", "GH", "SN"][index % 3]
        community = CommunityFactory(country=country)
        opportunity = OpportunityFactory(country=country, source_meeting=meeting)
        opportunity.connector_associations.set(
            [AssociationFactory(communities=[community]), AssociationFactory()]
        )
        opportunity.connector_communities.set([community])
        ActionFactory(opportunity=opportunity, meeting=meeting)
        ActionFactory(opportunity=opportunity, overdue=True)


@pytest.mark.parametrize(
    "url",
    [
        reverse("business_table:opportunity-list"),
        reverse("business_table:opportunity-list") + "?country=MA&status=identified",
        reverse("business_table:country-list"),
        reverse("business_table:country-detail", args=["MA"]),
        reverse("business_table:meeting-list"),
        reverse("business_table:index"),
    ],
)
def test_the_page_runs_constant_queries(staff_client, url):
    meeting = MeetingFactory(published=True)
    _grow(3, meeting)
    staff_client.get(url)  # warm caches (content types, sessions) outside the measurement
    small = _count(staff_client, url)
    _grow(30, meeting)
    large = _count(staff_client, url)
    assert small == large, f"{url}: {small} queries with 3 rows, {large} with 33"


def test_the_meeting_page_runs_constant_queries(staff_client):
    meeting = MeetingFactory()
    _grow(2, meeting)
    staff_client.get(meeting.get_absolute_url())
    small = _count(staff_client, meeting.get_absolute_url())
    _grow(20, meeting)
    assert _count(staff_client, meeting.get_absolute_url()) == small


def test_the_opportunity_page_runs_constant_queries(staff_client):
    meeting = MeetingFactory()
    opportunity = OpportunityFactory(source_meeting=meeting)

    def grow(count: int) -> None:
        for _ in range(count):
            community = CommunityFactory(country="MA")
            opportunity.connector_associations.add(AssociationFactory(communities=[community]))
            opportunity.connector_communities.add(community)
            ActionFactory(opportunity=opportunity, meeting=meeting)

    grow(2)
    url = opportunity.get_absolute_url()
    staff_client.get(url)
    small = _count(staff_client, url)
    grow(20)
    assert _count(staff_client, url) == small
