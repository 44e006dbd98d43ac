"""Only staff see non-public items; staff pages refuse everyone else."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.networks.factories import (
    CommitmentFactory,
    FollowUpActionFactory,
    GoodPracticeFactory,
    NetworkEventFactory,
)


@pytest.fixture
def items(db):
    return {
        "public_event": NetworkEventFactory(title="Webinar aperto"),
        "private_event": NetworkEventFactory(private=True, title="Riunione riservata"),
        "public_practice": GoodPracticeFactory(title="Pratica pubblica"),
        "private_practice": GoodPracticeFactory(private=True, title="Pratica in bozza"),
    }


def test_the_public_page_shows_only_public_items(client, items):
    page = client.get(reverse("networks:index")).content.decode()
    assert "Webinar aperto" in page and "Pratica pubblica" in page
    assert "Riunione riservata" not in page and "Pratica in bozza" not in page
    events = client.get(reverse("networks:event-list")).content.decode()
    assert "Webinar aperto" in events and "Riunione riservata" not in events


def test_a_logged_in_leader_sees_no_more_than_the_public(leader_client, items):
    page = leader_client.get(reverse("networks:index")).content.decode()
    assert "Riunione riservata" not in page and "Pratica in bozza" not in page
    assert leader_client.get(items["private_event"].get_absolute_url()).status_code == 404
    assert leader_client.get(items["private_practice"].get_absolute_url()).status_code == 404


def test_non_public_items_are_404_for_the_public(client, items):
    assert client.get(items["private_event"].get_absolute_url()).status_code == 404
    assert client.get(items["private_practice"].get_absolute_url()).status_code == 404
    assert client.get(items["public_event"].get_absolute_url()).status_code == 200
    assert client.get(items["public_practice"].get_absolute_url()).status_code == 200
    assert client.get(reverse("networks:event-detail", args=[99999])).status_code == 404


def test_staff_see_everything_marked_as_not_public(staff_client, items):
    page = staff_client.get(reverse("networks:index")).content.decode()
    assert "Riunione riservata" in page and "Pratica in bozza" in page
    assert "non pubblico" in page
    assert staff_client.get(items["private_event"].get_absolute_url()).status_code == 200
    assert staff_client.get(items["private_practice"].get_absolute_url()).status_code == 200


def test_the_public_event_page_hides_staff_names_and_follow_ups(client, staff):
    event = NetworkEventFactory()
    event.staff_participants.add(staff)
    FollowUpActionFactory(event=event, text="Decisione interna")
    page = client.get(event.get_absolute_url()).content.decode()
    assert staff.full_name not in page and "Decisione interna" not in page


STAFF_PAGES = [
    ("networks:manage", []),
    ("networks:commitment-list", []),
    ("networks:commitment-create", []),
    ("networks:event-create", []),
    ("networks:assessment-create", []),
]


@pytest.mark.parametrize(("name", "args"), STAFF_PAGES)
def test_staff_pages_send_the_public_to_login_and_refuse_leaders(leader_client, name, args):
    from django.test import Client

    url = reverse(name, args=args)
    anonymous = Client().get(url)
    assert anonymous.status_code == HTTPStatus.FOUND and "/account/login/" in anonymous.url
    assert leader_client.get(url).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize(("name", "args"), STAFF_PAGES)
def test_staff_pages_open_for_staff(staff_client, name, args):
    assert staff_client.get(reverse(name, args=args)).status_code == HTTPStatus.OK


def test_a_leader_cannot_touch_a_commitment(leader_client):
    commitment = CommitmentFactory()
    assert leader_client.get(commitment.get_absolute_url()).status_code == 403
    response = leader_client.post(
        reverse("networks:commitment-transition", args=[commitment.pk]), {"to": "in_progress"}
    )
    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == "planned"


def test_staff_detail_pages_render(staff_client, staff):
    from networks import services
    from networks.models import NetworkMembership
    from tests.networks.factories import icc

    commitment = CommitmentFactory()
    membership = services.membership_start(
        network=icc(), organisation=NetworkMembership.Organisation.COMUNE, actor=staff
    )
    assert staff_client.get(commitment.get_absolute_url()).status_code == 200
    page = staff_client.get(reverse("networks:membership-detail", args=[membership.pk]))
    assert page.status_code == 200 and "Visita degli esperti" in page.content.decode()
    assert staff_client.get(reverse("networks:commitment-detail", args=[9999])).status_code == 404


def test_the_public_page_shows_practice_summaries_as_text_not_markdown(client, db):
    GoodPracticeFactory(description="Un **patto** di [quartiere](https://example.org) per tutti.")
    page = client.get(reverse("networks:index")).content.decode()
    assert "Un patto di quartiere per tutti." in page
    assert "**patto**" not in page and "](https://example.org)" not in page
