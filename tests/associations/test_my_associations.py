"""The reserved area lists the user's associations and what waits for them."""

import html
from http import HTTPStatus

from django.urls import reverse

from associations.models import Membership
from tests.factories import AssociationFactory, MembershipFactory

URL = reverse("associations:mine")


def _text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def test_a_leader_sees_their_association_and_the_requests_to_handle(leader_client, association):
    MembershipFactory.create_batch(2, association=association, requested=True)
    MembershipFactory(association=association)

    response = leader_client.get(URL)

    assert response.status_code == HTTPStatus.OK
    page = _text(response)
    assert association.name in page
    assert "2 richieste da esaminare" in page
    assert reverse("associations:edit", kwargs={"slug": association.slug}) in page


def test_a_requester_sees_the_request_waiting(client, user):
    association = AssociationFactory(name="Associazione Plai APS")
    MembershipFactory(user=user, association=association, requested=True)
    client.force_login(user)

    page = _text(client.get(URL))

    assert "Associazione Plai APS" in page
    assert "In attesa di risposta" in page
    assert reverse("associations:edit", kwargs={"slug": association.slug}) not in page


def test_rejected_requests_are_not_listed(client, user):
    association = AssociationFactory(name="Associazione che ha detto no")
    MembershipFactory(user=user, association=association, status=Membership.Status.REJECTED)
    client.force_login(user)

    page = _text(client.get(URL))

    assert "Associazione che ha detto no" not in page
    assert "Non fai ancora parte di un'associazione" in page


def test_a_pending_association_of_the_user_shows_its_status(client, db):
    pending = AssociationFactory(pending=True, name="Associazione nuova")
    client.force_login(MembershipFactory(association=pending, legal_rep=True).user)

    page = _text(client.get(URL))

    assert "Associazione nuova" in page
    assert "in attesa" in page
