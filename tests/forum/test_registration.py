"""Citizens register for the Forum: seats, then a waiting list; a cancellation frees a seat."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from forum import services
from forum.models import Registration
from mondinsieme.models import OutgoingEmail

from .factories import ForumEditionFactory

pytestmark = pytest.mark.django_db


def _register(client, edition, email, **extra):
    return client.post(
        reverse("forum:registration-create", kwargs={"slug": edition.slug}),
        {"name": "Marco Rossi", "email": email, "consent": "on"},
        **extra,
    )


def _cancel_token(email: str) -> str:
    body = OutgoingEmail.objects.filter(to=email, template="forum/registration").first().body_text
    return re.search(r"/forum/iscrizione/([^/\s]+)/annulla/", body).group(1)


def test_seats_then_the_waiting_list(client):
    edition = ForumEditionFactory(capacity=2, registration_open=True)
    for index in range(4):
        assert _register(client, edition, f"p{index}@example.org").status_code == HTTPStatus.OK

    rows = list(Registration.objects.values_list("status", "waitlist_position"))
    assert rows == [("confirmed", None), ("confirmed", None), ("waitlisted", 1), ("waitlisted", 2)]
    assert "Sei in lista d'attesa" in OutgoingEmail.objects.get(to="p2@example.org").subject


def test_the_page_shows_the_seats_left(client):
    edition = ForumEditionFactory(capacity=3, registration_open=True)
    _register(client, edition, "a@example.org")
    assert "Restano 2 posti." in client.get(edition.get_absolute_url()).content.decode()


def test_registering_twice_keeps_one_place_and_the_same_answer(client):
    edition = ForumEditionFactory(capacity=5, registration_open=True)
    first = _register(client, edition, "a@example.org")
    second = _register(client, edition, "A@Example.org")
    assert first.status_code == second.status_code == HTTPStatus.OK
    assert Registration.objects.count() == 1


def test_a_cancellation_gives_the_seat_to_the_first_in_line(client):
    edition = ForumEditionFactory(capacity=1, registration_open=True)
    _register(client, edition, "first@example.org")
    _register(client, edition, "second@example.org")
    _register(client, edition, "third@example.org")
    url = reverse("forum:registration-cancel", kwargs={"token": _cancel_token("first@example.org")})

    assert client.get(url).status_code == HTTPStatus.OK
    assert client.post(url).status_code == HTTPStatus.FOUND

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "first@example.org": "cancelled",
        "second@example.org": "confirmed",
        "third@example.org": "waitlisted",
    }
    assert OutgoingEmail.objects.filter(to="second@example.org").count() == 2
    assert client.post(url).status_code == HTTPStatus.GONE


def test_it_refuses_registrations_when_closed(client):
    edition = ForumEditionFactory(capacity=5, registration_open=False)
    response = _register(client, edition, "a@example.org")
    assert response.status_code == HTTPStatus.FOUND
    assert Registration.objects.count() == 0


def test_bad_input_is_answered_with_the_form(client):
    edition = ForumEditionFactory(capacity=5, registration_open=True)
    response = client.post(
        reverse("forum:registration-create", kwargs={"slug": edition.slug}), {"email": "x"}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Registration.objects.count() == 0


def test_no_limit_means_everyone_gets_a_seat():
    edition = ForumEditionFactory(capacity=None, registration_open=True)
    for index in range(5):
        services.registration_create(edition=edition, name="X", email=f"n{index}@example.org")
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}
