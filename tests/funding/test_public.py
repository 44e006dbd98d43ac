"""Public call list, call page and the JSON feed of open calls."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.funding.factories import CallFactory, CriterionFactory

pytestmark = pytest.mark.django_db
ROME = zoneinfo.ZoneInfo("Europe/Rome")


def test_the_list_shows_open_and_closed_calls_with_deadlines_in_rome_time(client):
    # 15:00 UTC on 1 July is 17:00 in Rome (summer time).
    CallFactory(
        title="Gemellaggi tra città",
        deadline=datetime(2031, 7, 1, 15, 0, tzinfo=zoneinfo.ZoneInfo("UTC")),
    )
    CallFactory(title="Bando chiuso", closed=True)
    CallFactory(title="Bando in bozza", draft=True)
    page = client.get(reverse("funding:call-list")).content.decode()
    assert "Gemellaggi tra città" in page and "Bando chiuso" in page
    assert "Bando in bozza" not in page
    assert "1 luglio 2031, 17:00" in page.lower()


def test_a_draft_call_page_is_not_found(client):
    call = CallFactory(draft=True)
    assert client.get(call.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_the_call_page_shows_its_criteria(client):
    call = CallFactory()
    CriterionFactory(call=call, name="Pertinenza", max_points=30, pass_mark=18)
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Pertinenza" in page and "30" in page


def test_the_feed_lists_only_open_calls_with_aware_deadlines(client):
    call = CallFactory(
        title="Integrazione locale",
        deadline=datetime(2031, 1, 15, 12, 0, tzinfo=ROME),
        eligible_countries=["SN", "MA"],
    )
    CallFactory(closed=True)
    response = client.get(reverse("funding:call-feed"))
    assert response.status_code == HTTPStatus.OK
    [item] = response.json()["calls"]
    assert item["title"] == "Integrazione locale"
    assert item["deadline"] == "2031-01-15T12:00:00+01:00"
    assert item["eligible_countries"] == ["MA", "SN"] or item["eligible_countries"] == ["SN", "MA"]
    assert item["url"].endswith(call.get_absolute_url())


def test_the_english_list_is_translated(client):
    CallFactory()
    page = client.get("/en" + reverse("funding:call-list")).content.decode()
    assert "Open calls" in page


def test_an_open_call_past_its_deadline_is_listed_as_closed_and_left_out_of_the_feed(client):
    from datetime import timedelta

    from django.utils import timezone

    CallFactory(title="Ancora aperto", deadline=timezone.now() + timedelta(days=3))
    expired = CallFactory(title="Scaduto ieri", deadline=timezone.now() - timedelta(days=1))
    page = client.get(reverse("funding:call-list")).content.decode()
    open_part, closed_part = page.split("Bandi chiusi</h2>")
    assert "Ancora aperto" in open_part and "Scaduto ieri" not in open_part
    assert "Scaduto ieri" in closed_part
    titles = [item["title"] for item in client.get(reverse("funding:call-feed")).json()["calls"]]
    assert titles == ["Ancora aperto"]
    detail = client.get(expired.get_absolute_url()).content.decode()
    assert "non accetta più proposte" in detail


def test_the_feed_in_rome_time_in_winter_and_summer(client):
    CallFactory(
        title="Estate", deadline=datetime(2031, 7, 1, 10, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    )
    CallFactory(
        title="Inverno", deadline=datetime(2031, 12, 1, 10, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    )
    calls = {
        item["title"]: item for item in client.get(reverse("funding:call-feed")).json()["calls"]
    }
    assert calls["Estate"]["deadline"] == "2031-07-01T12:00:00+02:00"
    assert calls["Inverno"]["deadline"] == "2031-12-01T11:00:00+01:00"
    assert calls["Estate"]["grant_min"] == "10000.00" and calls["Estate"]["funder"]
