"""Trade contacts read the table's material but never staff notes; the public only summaries."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from icalendar import Calendar

from business_table.views import FEED_SALT
from mondinsieme.ical import feed_token
from tests.business_table.factories import (
    ActionFactory,
    MeetingFactory,
    OpportunityFactory,
    TradeContactFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_client(client):
    contact = TradeContactFactory()
    client.force_login(contact.user)
    return client


def test_the_public_page_shows_only_published_summaries(client):
    MeetingFactory(published=True, public_summary="SINTESI-PUBBLICATA", minutes="VERBALE-1")
    MeetingFactory(held=True, public_summary="SINTESI-BOZZA")
    response = client.get(reverse("business_table:index"))
    assert response.status_code == HTTPStatus.OK
    body = response.content.decode()
    assert "SINTESI-PUBBLICATA" in body
    assert "SINTESI-BOZZA" not in body
    assert "VERBALE-1" not in body
    assert "NOTA-INTERNA-RISERVATA" not in body


@pytest.mark.parametrize(
    "name", ["meeting-list", "opportunity-list", "country-list", "meeting-ical"]
)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(f"business_table:{name}"))
    assert response.status_code == HTTPStatus.FOUND
    assert "/account/login/" in response["Location"]


def test_anonymous_visitors_cannot_read_minutes(client):
    meeting = MeetingFactory(published=True)
    for name in ("meeting-detail", "meeting-pdf"):
        response = client.get(reverse(f"business_table:{name}", args=[meeting.pk]))
        assert response.status_code == HTTPStatus.FOUND


@pytest.mark.parametrize("name", ["meeting-list", "opportunity-list", "country-list"])
def test_a_leader_who_is_not_a_trade_contact_is_refused(leader_client, name):
    assert leader_client.get(reverse(f"business_table:{name}")).status_code == HTTPStatus.FORBIDDEN


def test_an_inactive_contact_is_refused(client):
    contact = TradeContactFactory(active=False)
    client.force_login(contact.user)
    response = client.get(reverse("business_table:meeting-list"))
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_a_trade_contact_reads_minutes_but_not_staff_notes(contact_client):
    meeting = MeetingFactory(held=True, minutes="VERBALE-PER-I-REFERENTI")
    response = contact_client.get(meeting.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    body = response.content.decode()
    assert "VERBALE-PER-I-REFERENTI" in body
    assert "NOTA-INTERNA-RISERVATA" not in body
    assert "Modifica la riunione" not in body


def test_a_trade_contact_reads_opportunities_but_not_staff_notes(contact_client):
    opportunity = OpportunityFactory(title="OPPORTUNITA-VISIBILE")
    listing = contact_client.get(reverse("business_table:opportunity-list")).content.decode()
    assert "OPPORTUNITA-VISIBILE" in listing
    detail = contact_client.get(opportunity.get_absolute_url()).content.decode()
    assert "OPPORTUNITA-VISIBILE" in detail
    assert "VALUTAZIONE-INTERNA" not in detail
    assert "Cambia lo stato" not in detail


def test_staff_see_the_staff_notes(staff_client):
    meeting = MeetingFactory()
    opportunity = OpportunityFactory()
    assert "NOTA-INTERNA-RISERVATA" in staff_client.get(meeting.get_absolute_url()).content.decode()
    assert (
        "VALUTAZIONE-INTERNA" in staff_client.get(opportunity.get_absolute_url()).content.decode()
    )


def test_the_minutes_pdf_never_carries_staff_notes(contact_client, pdf_text):
    meeting = MeetingFactory(held=True, minutes="Si discute di **export** verso il Marocco.")
    ActionFactory(meeting=meeting, title="Preparare la missione")
    response = contact_client.get(reverse("business_table:meeting-pdf", args=[meeting.pk]))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Verbale del tavolo economico" in text
    assert "export verso il Marocco" in text
    assert "Preparare la missione" in text
    assert "NOTA-INTERNA-RISERVATA" not in text


@pytest.mark.parametrize("name", ["meeting-create", "opportunity-create"])
def test_a_trade_contact_cannot_open_staff_forms(contact_client, name):
    assert contact_client.get(reverse(f"business_table:{name}")).status_code == HTTPStatus.FORBIDDEN


def test_a_trade_contact_cannot_post_a_status_change(contact_client):
    opportunity = OpportunityFactory()
    response = contact_client.post(
        reverse("business_table:opportunity-status", args=[opportunity.pk]), {"to": "assessing"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    opportunity.refresh_from_db()
    assert opportunity.status == "identified"


def test_a_trade_contact_cannot_move_someone_elses_action(contact_client):
    action = ActionFactory()
    response = contact_client.post(
        reverse("business_table:action-status", args=[action.pk]), {"to": "cancelled"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    action.refresh_from_db()
    assert action.status == "open"


def test_unknown_objects_are_404(contact_client):
    assert (
        contact_client.get(reverse("business_table:meeting-detail", args=[999])).status_code == 404
    )
    assert (
        contact_client.get(reverse("business_table:opportunity-detail", args=[999])).status_code
        == 404
    )
    assert (
        contact_client.get(reverse("business_table:country-detail", args=["XX"])).status_code == 404
    )


def test_a_trade_contact_subscribes_to_the_meetings_feed_without_logging_in(client):
    contact = TradeContactFactory()
    MeetingFactory(upcoming=True, title="Prossima riunione")
    client.force_login(contact.user)
    page = client.get(reverse("business_table:meeting-list")).content.decode()
    feed_url = re.search(r'id="feed-url"[^>]*value="([^"]+)"', page).group(1)
    client.logout()

    response = client.get(feed_url)

    assert response.status_code == HTTPStatus.OK
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Prossima riunione"]


def test_the_meetings_feed_stops_when_the_contact_leaves_the_table(client):
    contact = TradeContactFactory()
    token = feed_token(contact.user, salt=FEED_SALT)
    url = reverse("business_table:meeting-feed", args=[token])
    assert client.get(url).status_code == HTTPStatus.OK

    contact.active = False
    contact.save()

    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    forged = reverse("business_table:meeting-feed", args=[token[:-1] + "x"])
    assert client.get(forged).status_code == HTTPStatus.NOT_FOUND


def test_a_trade_contact_reads_the_country_view_and_the_calendar(contact_client):
    opportunity = OpportunityFactory(country="GH", title="CACAO-GHANA")
    ActionFactory(opportunity=opportunity, title="CHIAMARE-ACCRA")
    MeetingFactory(upcoming=True, title="PROSSIMO-TAVOLO")
    overview = contact_client.get(reverse("business_table:country-list"))
    assert overview.status_code == HTTPStatus.OK and "Ghana" in overview.content.decode()
    page = contact_client.get(reverse("business_table:country-detail", args=["GH"]))
    body = page.content.decode()
    assert "CACAO-GHANA" in body and "CHIAMARE-ACCRA" in body
    assert "VALUTAZIONE-INTERNA" not in body
    assert 'name="outcome"' not in body  # they read actions, they do not update them
    ical = contact_client.get(reverse("business_table:meeting-ical"))
    assert ical.status_code == HTTPStatus.OK and b"PROSSIMO-TAVOLO" in ical.content


def test_a_trade_contact_sees_no_staff_buttons_or_history(contact_client):
    meeting = MeetingFactory(held=True, public_summary="BOZZA-DI-SINTESI")
    OpportunityFactory(source_meeting=meeting)
    for url in (
        reverse("business_table:meeting-list"),
        reverse("business_table:opportunity-list"),
        meeting.get_absolute_url(),
    ):
        body = contact_client.get(url).content.decode()
        for staff_only in (
            "Registra una riunione",
            "Registra un'opportunità",
            "Assegna un'azione",
            "Solo per il personale",
            "BOZZA-DI-SINTESI",
            "NOTA-INTERNA-RISERVATA",
        ):
            assert staff_only not in body, (url, staff_only)


def test_the_public_sees_nothing_of_the_table_but_the_summaries(client):
    meeting = MeetingFactory(published=True, public_summary="SINTESI-PER-TUTTI")
    OpportunityFactory(title="OPPORTUNITA-RISERVATA", source_meeting=meeting)
    ActionFactory(title="AZIONE-RISERVATA")
    body = client.get(reverse("business_table:index")).content.decode()
    assert "SINTESI-PER-TUTTI" in body
    assert "OPPORTUNITA-RISERVATA" not in body and "AZIONE-RISERVATA" not in body
    for url in (
        reverse("business_table:opportunity-detail", args=[OpportunityFactory().pk]),
        reverse("business_table:country-detail", args=["MA"]),
        reverse("business_table:meeting-feed", args=["not-a-token"]),
    ):
        assert client.get(url).status_code in (HTTPStatus.FOUND, HTTPStatus.NOT_FOUND)
        assert "OPPORTUNITA-RISERVATA" not in client.get(url).content.decode()


def test_a_contact_of_a_trade_association_that_left_the_table_is_refused(client):
    contact = TradeContactFactory(trade_association__active=False)
    client.force_login(contact.user)
    for name in ("meeting-list", "opportunity-list", "country-list"):
        assert client.get(reverse(f"business_table:{name}")).status_code == HTTPStatus.FORBIDDEN
