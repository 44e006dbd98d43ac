"""Sessions end after 30 idle minutes or 12 hours from login; users see and end their sessions.

Time travel is done by moving the timestamps stored in the session back, as the middleware
reads them: no clock is patched.
"""

from __future__ import annotations

from http import HTTPStatus

import pytest
from allauth.usersessions.models import UserSession
from django.urls import reverse

from mondinsieme.security import LAST_SEEN_KEY, LOGIN_AT_KEY

MINUTE = 60
HOUR = 60 * MINUTE


def travel_back(client, key: str, seconds: int) -> None:
    session = client.session
    session[key] -= seconds
    session.save()


def test_login_stamps_the_session(leader_client):
    session = leader_client.session

    assert session[LOGIN_AT_KEY] == pytest.approx(session[LAST_SEEN_KEY])


def test_an_active_user_stays_logged_in(leader_client):
    travel_back(leader_client, LAST_SEEN_KEY, 29 * MINUTE)

    response = leader_client.get(reverse("associations:mine"))

    assert response.status_code == HTTPStatus.OK
    assert response.wsgi_request.user.is_authenticated


def test_activity_moves_the_idle_deadline_forward(leader_client):
    travel_back(leader_client, LAST_SEEN_KEY, 29 * MINUTE)
    leader_client.get(reverse("associations:mine"))
    travel_back(leader_client, LAST_SEEN_KEY, 20 * MINUTE)

    response = leader_client.get(reverse("associations:mine"))

    assert response.status_code == HTTPStatus.OK


def test_it_logs_out_after_thirty_idle_minutes_with_a_message(leader_client):
    travel_back(leader_client, LAST_SEEN_KEY, 31 * MINUTE)

    response = leader_client.get(reverse("associations:mine"), follow=True)

    assert not response.wsgi_request.user.is_authenticated
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "Nessuna attività da più di 30 minuti" in response.content.decode()


def test_it_logs_out_twelve_hours_after_login_even_when_active(leader_client):
    travel_back(leader_client, LOGIN_AT_KEY, 12 * HOUR + MINUTE)

    response = leader_client.get(reverse("associations:mine"), follow=True)

    assert not response.wsgi_request.user.is_authenticated
    assert "una sessione dura al massimo 12 ore" in response.content.decode()


def test_the_message_is_translated(leader_client):
    from django.utils import translation

    travel_back(leader_client, LAST_SEEN_KEY, 31 * MINUTE)

    with translation.override("en"):
        url = reverse("associations:mine")
    response = leader_client.get(url, follow=True)

    assert url.startswith("/en/")
    assert "No activity for more than 30 minutes" in response.content.decode()


def test_the_timeouts_come_from_settings(leader_client, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * MINUTE
    travel_back(leader_client, LAST_SEEN_KEY, 6 * MINUTE)

    response = leader_client.get(reverse("associations:mine"), follow=True)

    assert not response.wsgi_request.user.is_authenticated
    assert "più di 5 minuti" in response.content.decode()


def test_an_ended_session_cannot_be_reused(leader_client):
    travel_back(leader_client, LAST_SEEN_KEY, 31 * MINUTE)
    leader_client.get(reverse("associations:mine"))

    response = leader_client.get(reverse("associations:mine"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def test_a_session_from_before_these_rules_is_stamped_not_ended(leader_client):
    session = leader_client.session
    del session[LOGIN_AT_KEY], session[LAST_SEEN_KEY]
    session.save()

    response = leader_client.get(reverse("associations:mine"))

    assert response.status_code == HTTPStatus.OK
    assert LOGIN_AT_KEY in leader_client.session


# --- allauth usersessions ------------------------------------------------------------------


@pytest.fixture
def two_devices(client_factory, leader):
    laptop, phone = client_factory(), client_factory()
    for device, agent in ((laptop, "Laptop Firefox"), (phone, "Phone Safari")):
        device.defaults["HTTP_USER_AGENT"] = agent
        device.force_login(leader)
        # allauth records a session at login; the test client's force_login bypasses allauth,
        # so the session shows up at the first refresh of its last-seen time.
        travel_back(device, LAST_SEEN_KEY, 2 * MINUTE)
        device.get(reverse("associations:mine"))
    return laptop, phone


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def test_a_user_sees_their_active_sessions(two_devices, leader):
    laptop, _phone = two_devices

    response = laptop.get(reverse("usersessions_list"))

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Laptop Firefox" in page
    assert "Phone Safari" in page
    assert UserSession.objects.filter(user=leader).count() == 2


def test_a_user_ends_their_other_sessions(two_devices, leader):
    laptop, phone = two_devices

    response = laptop.post(reverse("usersessions_list"))

    assert response.status_code == HTTPStatus.FOUND
    assert laptop.get(reverse("associations:mine")).status_code == HTTPStatus.OK
    ended = phone.get(reverse("associations:mine"))
    assert ended.status_code == HTTPStatus.FOUND
    assert ended["Location"].startswith(reverse("account_login"))
    assert list(UserSession.objects.filter(user=leader).values_list("user_agent", flat=True)) == [
        "Laptop Firefox"
    ]


def test_the_sessions_page_is_linked_from_the_reserved_area(leader_client):
    response = leader_client.get(reverse("associations:mine"))

    assert reverse("usersessions_list") in response.content.decode()


def test_a_login_through_allauth_is_listed_at_once(client, leader):
    client.post(reverse("account_login"), {"login": leader.email, "password": "password-123!"})

    response = client.get(reverse("usersessions_list"), HTTP_USER_AGENT="Desk Chrome")

    assert response.status_code == HTTPStatus.OK
    assert UserSession.objects.filter(user=leader).count() == 1
    assert "Attuale" in response.content.decode()


def test_the_last_seen_time_is_refreshed_at_most_once_a_minute(two_devices, leader):
    laptop, _phone = two_devices
    session = UserSession.objects.get(user=leader, user_agent="Laptop Firefox")
    UserSession.objects.filter(pk=session.pk).update(
        last_seen_at=session.last_seen_at.replace(year=2020)
    )

    laptop.get(reverse("associations:mine"))
    session.refresh_from_db()
    assert session.last_seen_at.year == 2020

    travel_back(laptop, LAST_SEEN_KEY, 2 * MINUTE)
    laptop.get(reverse("associations:mine"))
    session.refresh_from_db()
    assert session.last_seen_at.year > 2020


def test_another_user_does_not_see_my_sessions(two_devices, user, client):
    client.force_login(user)

    response = client.get(reverse("usersessions_list"))

    assert "Laptop Firefox" not in response.content.decode()


# --- re-authentication -------------------------------------------------------------------


def test_adding_an_email_address_asks_for_the_password_again(leader_client):
    response = leader_client.post(
        reverse("account_email"), {"action_add": "", "email": "nuovo@example.org"}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_activating_totp_asks_for_the_password_again(leader_client):
    response = leader_client.get(reverse("mfa_activate_totp"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_changing_the_password_needs_the_current_one(leader_client, leader):
    response = leader_client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "wrong",
            "password1": "Nuova-password-2026!",
            "password2": "Nuova-password-2026!",
        },
    )

    assert response.status_code == HTTPStatus.OK
    leader.refresh_from_db()
    assert leader.check_password("password-123!")


def test_after_reauthentication_the_email_can_be_added(leader_client, leader):
    leader_client.post(reverse("account_reauthenticate"), {"password": "password-123!"})

    response = leader_client.post(
        reverse("account_email"), {"action_add": "", "email": "nuovo@example.org"}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("account_email")
    assert leader.emailaddress_set.filter(email="nuovo@example.org").exists()
