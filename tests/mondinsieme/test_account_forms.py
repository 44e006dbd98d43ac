"""Account forms answer bad input with a clear message in the visitor's language, never a 500."""

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
LONG_ADDRESS = "x" * 300 + "@example.org"


def _errors(response) -> list[str]:
    """The messages shown next to the fields, as the visitor reads them."""
    page = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", message).strip()
        for message in re.findall(
            r'class="[^"]*invalid-feedback[^"]*"[^>]*>(.*?)</div>', page, re.S
        )
    ]


def _post(client, name: str, data: dict, language: str = "it"):
    with translation.override(language):
        url = reverse(name)
    return client.post(url, data)


def _signup(**overrides):
    return {
        "full_name": "Awa Diop",
        "email": "awa@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"full_name": "<script>alert(1)</script>"}, "senza i simboli"),
        ({"full_name": "A" * 151}, "più di 150 caratteri"),
        ({"full_name": "Awa\x00Diop"}, "caratteri non validi"),
        ({"email": "awa@"}, "indirizzo email valido"),
        ({"email": LONG_ADDRESS}, "più di 254 caratteri"),
        ({"email": ""}, "obbligatorio"),
        ({"password2": PASSWORD + "!"}, "stessa password"),
        ({"password1": "corta", "password2": "corta"}, "troppo corta"),
        ({"password1": "12345678901", "password2": "12345678901"}, "interamente numerica"),
    ],
)
def test_signup_refuses_bad_input_in_italian_and_creates_nobody(client, overrides, message):
    response = _post(client, "account_signup", _signup(**overrides))

    assert response.status_code == HTTPStatus.OK
    assert any(message in error for error in _errors(response)), _errors(response)
    assert "<script>alert" not in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"full_name": "<b>Awa</b>"}, "without the symbols"),
        ({"email": LONG_ADDRESS}, "at most 254 characters"),
        ({"password1": "corta", "password2": "corta"}, "too short"),
    ],
)
def test_signup_refuses_bad_input_in_english(client, overrides, message):
    response = _post(client, "account_signup", _signup(**overrides), language="en")

    assert response.status_code == HTTPStatus.OK
    assert any(message in error for error in _errors(response)), _errors(response)
    assert not User.objects.exists()


def test_an_overlong_address_is_not_cut_and_written_to(client):
    """allauth would cut the address to 254 characters and send the confirmation there."""
    _post(client, "account_signup", _signup(email=LONG_ADDRESS))

    assert not EmailAddress.objects.exists()
    assert mail.outbox == []


def test_signup_survives_lists_and_huge_values(client):
    response = client.post(
        reverse("account_signup"),
        {"full_name": ["Awa", "Diop"], "email": "x" * 100_000, "password1": "p" * 100_000},
    )

    assert response.status_code == HTTPStatus.OK
    assert _errors(response)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"login": "<script>alert(1)</script>", "password": "x"},
        {"login": "x" * 100_000, "password": "p" * 100_000},
        {"login": "awa@example.org\x00", "password": PASSWORD},
        {"login": "", "password": ""},
    ],
)
def test_login_refuses_bad_input_with_a_message(client, data):
    response = _post(client, "account_login", data)

    assert response.status_code == HTTPStatus.OK
    assert _errors(response) or "non sono corretti" in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("non-un-indirizzo", "indirizzo email valido"),
        ("<script>@example.org", "indirizzo email valido"),
        (LONG_ADDRESS, "più di 254 caratteri"),
        ("", "obbligatorio"),
    ],
)
def test_password_reset_refuses_bad_addresses(client, email, message):
    response = _post(client, "account_reset_password", {"email": email})

    assert response.status_code == HTTPStatus.OK
    assert any(message in error for error in _errors(response)), _errors(response)
    assert mail.outbox == []


def test_adding_an_overlong_address_is_refused(leader_client, leader):
    leader_client.post(reverse("account_reauthenticate"), {"password": "password-123!"})
    response = leader_client.post(
        reverse("account_email"), {"action_add": "", "email": LONG_ADDRESS}
    )

    assert response.status_code == HTTPStatus.OK
    assert any("più di 254 caratteri" in error for error in _errors(response))
    assert not EmailAddress.objects.filter(user=leader, email__startswith="xxx").exists()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("it", "Troppe richieste in poco tempo"), ("en", "Too many requests in a short time")],
)
def test_brute_force_from_one_address_ends_in_the_portals_429_page(client, language, heading):
    """After 30 login attempts a minute from one network, allauth answers 429 with our page."""
    statuses = [
        _post(
            client, "account_login", {"login": f"u{i}@example.org", "password": "x"}, language
        ).status_code
        for i in range(30)
    ]

    refused = _post(client, "account_login", {"login": "u0@example.org", "password": "x"}, language)

    assert HTTPStatus.TOO_MANY_REQUESTS not in statuses
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    page = refused.content.decode()
    assert f'<html lang="{language}"' in page
    assert heading in page
    assert "Portale" in page or "Portal" in page
