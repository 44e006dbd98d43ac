"""Pages run a constant number of SQL queries as events and commitments grow."""

from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AssociationFactory
from tests.networks.factories import (
    CommitmentFactory,
    FollowUpActionFactory,
    GoodPracticeFactory,
    NetworkEventFactory,
)


def _count(client, url: str) -> int:
    client.get(url)  # warm caches (content types, sessions) outside the measurement
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


def _grow(count: int, staff) -> None:
    for _ in range(count):
        event = NetworkEventFactory()
        event.staff_participants.add(staff)
        event.associations.add(AssociationFactory())
        FollowUpActionFactory(event=event)
        NetworkEventFactory(private=True)
        CommitmentFactory(owner=staff)
        CommitmentFactory(overdue=True)
        GoodPracticeFactory()


def test_every_list_page_runs_the_same_queries_for_2_and_30_rows(staff_client, staff):
    from django.test import Client

    client = Client()
    urls = [
        reverse("networks:index"),
        reverse("networks:event-list"),
        reverse("networks:commitment-list"),
        reverse("networks:commitment-list") + "?overdue=1",
        reverse("networks:manage"),
    ]
    _grow(2, staff)
    small = {url: (_count(staff_client, url)) for url in urls}
    small_public = _count(client, reverse("networks:index"))
    _grow(28, staff)
    large = {url: (_count(staff_client, url)) for url in urls}
    assert large == small
    assert _count(client, reverse("networks:index")) == small_public


def test_the_trend_page_does_not_grow_with_years(client, staff):
    from networks.models import PolicyArea
    from tests.networks.factories import AreaScoreFactory, AssessmentFactory

    areas = list(PolicyArea.objects.all())

    def add_year(year):
        assessment = AssessmentFactory(year=year)
        for area in areas:
            AreaScoreFactory(assessment=assessment, area=area, score=year % 100)

    add_year(2020)
    add_year(2021)
    two = _count(client, reverse("networks:trend"))
    for year in range(2022, 2030):
        add_year(year)
    assert _count(client, reverse("networks:trend")) == two


def test_an_event_page_does_not_grow_with_its_participants(staff_client, staff):
    event = NetworkEventFactory()
    FollowUpActionFactory(event=event)
    url = event.get_absolute_url()
    few = _count(staff_client, url)
    for _ in range(10):
        event.associations.add(AssociationFactory())
        FollowUpActionFactory(event=event, commitment=CommitmentFactory())
    assert _count(staff_client, url) == few
