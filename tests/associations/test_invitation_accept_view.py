"""Following the link in an invitation e-mail."""

from http import HTTPStatus

from django.urls import reverse

from associations.models import Membership
from tests.factories import InvitationFactory, UserFactory


def _url(invitation) -> str:
    return reverse("associations:invitation-accept", kwargs={"token": invitation.token})


def test_the_invited_person_sees_the_invitation_and_accepts_it(client, association):
    invitation = InvitationFactory(association=association, role=Membership.Role.LEADER)
    invited = UserFactory(email=invitation.email)
    client.force_login(invited)

    page = client.get(_url(invitation))
    response = client.post(_url(invitation), follow=True)

    assert page.status_code == HTTPStatus.OK
    assert association.name in page.content.decode()
    assert response.redirect_chain[-1][0] == reverse("associations:mine")
    assert f"Ti diamo il benvenuto in {association.name}!" in response.content.decode()
    membership = Membership.objects.get(user=invited, association=association)
    assert membership.can_act


def test_someone_else_is_told_the_invitation_is_for_another_address(client, association, user):
    invitation = InvitationFactory(association=association)
    client.force_login(user)

    response = client.post(_url(invitation))

    assert response.status_code == HTTPStatus.OK
    assert "L&#x27;invito è stato inviato a un altro indirizzo e-mail" in (
        response.content.decode()
    )
    assert not Membership.objects.filter(user=user).exists()


def test_an_expired_invitation_says_to_ask_for_a_new_one(client, association):
    invitation = InvitationFactory(association=association, expired=True)
    client.force_login(UserFactory(email=invitation.email))

    response = client.post(_url(invitation))

    assert response.status_code == HTTPStatus.OK
    assert "Questo invito non è più valido" in response.content.decode()
    assert not Membership.objects.filter(association=association).exists()


def test_an_unknown_token_is_not_found(client, user):
    client.force_login(user)

    assert client.get("/associazioni/invito/sconosciuto/").status_code == HTTPStatus.NOT_FOUND


def test_anonymous_visitors_log_in_first_and_come_back(client, association):
    invitation = InvitationFactory(association=association)

    response = client.get(_url(invitation))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]
