"""allauth's login limits: five wrong passwords for one address lock it, even for the owner."""

from http import HTTPStatus

from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

RIGHT_PASSWORD = "password-123!"


def _login(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_the_settings_limit_failed_logins_per_address():
    assert "5/300s/key" in settings.ACCOUNT_RATE_LIMITS["login_failed"]


def test_the_right_password_logs_in(client, db):
    member = UserFactory()

    response = _login(client, member.email, RIGHT_PASSWORD)

    assert response.status_code == HTTPStatus.FOUND
    assert client.session.get("_auth_user_id") == str(member.pk)


def test_after_five_failures_even_the_right_password_is_refused(client, db):
    member = UserFactory()
    for _ in range(5):
        response = _login(client, member.email, "sbagliata")
        assert response.status_code == HTTPStatus.OK
        assert "Troppi tentativi" not in response.content.decode()

    response = _login(client, member.email, RIGHT_PASSWORD)

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS)
    assert "Troppi tentativi di accesso" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address(client, db):
    locked, other = UserFactory(), UserFactory()
    for _ in range(5):
        _login(client, locked.email, "sbagliata")

    response = _login(client, other.email, RIGHT_PASSWORD)

    assert response.status_code == HTTPStatus.FOUND
    assert client.session.get("_auth_user_id") == str(other.pk)


def test_the_lock_is_case_insensitive(client, db):
    member = UserFactory()
    for _ in range(5):
        _login(client, member.email.upper(), "sbagliata")

    response = _login(client, member.email, RIGHT_PASSWORD)

    assert "_auth_user_id" not in client.session
    assert "Troppi tentativi di accesso" in response.content.decode()
