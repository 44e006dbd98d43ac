"""Staff pages sit behind a second factor: no TOTP, no admin."""

from http import HTTPStatus

from django.urls import reverse

from tests.factories import UserFactory


def test_anonymous_visitors_are_sent_to_the_allauth_login(client, db):
    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain
    final_url = response.redirect_chain[-1][0]
    assert final_url.startswith(reverse("account_login"))
    assert "next=" in final_url


def test_staff_without_totp_are_sent_to_activate_it(client, db):
    client.force_login(UserFactory(staff=True, is_superuser=True))

    response = client.get(reverse("admin:index"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_totp_cannot_reach_an_admin_changelist(client, db):
    client.force_login(UserFactory(staff=True, is_superuser=True))

    response = client.get(reverse("admin:associations_association_changelist"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_totp_reach_the_admin(staff_client):
    response = staff_client.get(reverse("admin:index"))

    assert response.status_code == HTTPStatus.OK
    assert "Amministrazione" in response.content.decode()


def test_staff_without_totp_can_still_open_the_activation_page(client, db):
    client.force_login(UserFactory(staff=True))

    response = client.get(reverse("mfa_activate_totp"))

    # allauth may first ask to re-enter the password; either way it is not our redirect loop.
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    assert response.get("Location") != reverse("mfa_activate_totp")


def test_ordinary_users_are_not_asked_for_totp(client, user):
    client.force_login(user)

    response = client.get(reverse("associations:mine"))

    assert response.status_code == HTTPStatus.OK


def test_non_staff_users_are_refused_by_the_admin(client, user):
    client.force_login(user)

    response = client.get(reverse("admin:index"), follow=True)

    assert response.status_code == HTTPStatus.FORBIDDEN
