"""Sign-up by e-mail: the address must be confirmed before the account can log in."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from mondinsieme.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Una-password-lunga-2026"


def _sign_up(client, language: str = "it", email: str = "awa@example.org"):
    with translation.override(language):
        url = reverse("account_signup")
    return client.post(
        url,
        {"full_name": "Awa Diop", "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def _confirmation_path(message) -> str:
    link = re.search(r"https?://[^/\s]+(/\S*confirm-email/\S+/)", message.body)
    assert link, message.body
    return link.group(1)


def test_signing_up_creates_an_unconfirmed_account_and_sends_the_link(client):
    response = _sign_up(client)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="awa@example.org")
    assert user.full_name == "Awa Diop"
    assert user.preferred_language == "it"
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session
    [message] = mail.outbox
    assert message.to == ["awa@example.org"]
    assert message.subject.startswith("[Diaspore]")
    assert "Conferma" in message.subject or "conferma" in message.body


def test_the_confirmation_e_mail_follows_the_language_of_the_site(client):
    _sign_up(client, language="en", email="ama@example.org")

    [message] = mail.outbox
    assert "Confirm" in message.subject
    assert User.objects.get(email="ama@example.org").preferred_language == "en"


def test_an_unconfirmed_account_cannot_log_in(client):
    _sign_up(client)
    client.cookies.clear()

    response = client.post(
        reverse("account_login"), {"login": "awa@example.org", "password": PASSWORD}
    )

    assert "_auth_user_id" not in client.session
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("account_email_verification_sent")


def test_opening_the_link_asks_to_confirm_and_the_post_confirms_and_logs_in(client):
    _sign_up(client)
    path = _confirmation_path(mail.outbox[0])

    page = client.get(path)
    assert page.status_code == HTTPStatus.OK
    assert not EmailAddress.objects.get(email="awa@example.org").verified

    response = client.post(path)

    assert response.status_code == HTTPStatus.FOUND
    assert EmailAddress.objects.get(email="awa@example.org").verified
    assert client.session["_auth_user_id"] == str(User.objects.get(email="awa@example.org").pk)


def test_a_forged_confirmation_key_confirms_nothing(client):
    _sign_up(client)
    path = _confirmation_path(mail.outbox[0])
    forged = re.sub(r"confirm-email/[^/]+/", "confirm-email/not-a-real-key/", path)

    response = client.post(forged)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert not EmailAddress.objects.get(email="awa@example.org").verified


def test_the_same_address_in_another_case_cannot_sign_up_twice(client):
    _sign_up(client)
    client.cookies.clear()

    _sign_up(client, email="AWA@Example.org")

    assert User.objects.filter(email__iexact="awa@example.org").count() == 1
