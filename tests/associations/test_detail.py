"""An association's public page: visible when approved, private while pending."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from associations.models import Membership
from mondinsieme.workflow import log_action
from tests.factories import AssociationFactory, MembershipFactory


def _detail(association) -> str:
    return reverse("associations:detail", kwargs={"slug": association.slug})


def test_anyone_sees_an_approved_association(client, association):
    response = client.get(_detail(association))

    assert response.status_code == HTTPStatus.OK
    assert association.name in response.content.decode()


@pytest.mark.parametrize("trait", ["pending", "suspended"])
def test_a_hidden_association_is_not_found_for_anonymous_visitors(client, db, trait):
    hidden = AssociationFactory(**{trait: True})

    response = client.get(_detail(hidden))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert hidden.name not in response.content.decode()


def test_a_pending_association_is_not_found_for_other_users(client, user):
    pending = AssociationFactory(pending=True)
    client.force_login(user)

    assert client.get(_detail(pending)).status_code == HTTPStatus.NOT_FOUND


def test_a_pending_association_is_not_found_for_leaders_of_other_associations(client, leader):
    pending = AssociationFactory(pending=True)
    client.force_login(leader)

    assert client.get(_detail(pending)).status_code == HTTPStatus.NOT_FOUND


def test_its_leader_sees_the_pending_association_with_a_notice(client, db):
    pending = AssociationFactory(pending=True)
    client.force_login(MembershipFactory(association=pending, legal_rep=True).user)

    response = client.get(_detail(pending))

    assert response.status_code == HTTPStatus.OK
    assert "in attesa di approvazione" in response.content.decode()


def test_staff_see_a_pending_association(staff_client):
    pending = AssociationFactory(pending=True)

    assert staff_client.get(_detail(pending)).status_code == HTTPStatus.OK


def test_an_unknown_slug_is_not_found(client, db):
    assert client.get("/associazioni/non-esiste/").status_code == HTTPStatus.NOT_FOUND


def test_anonymous_visitors_are_invited_to_log_in_to_join(client, association):
    response = client.get(_detail(association))

    assert "Accedi per chiedere di entrare" in response.content.decode()


def test_a_logged_in_stranger_sees_the_join_form(client, association, user):
    client.force_login(user)

    response = client.get(_detail(association))

    assert reverse("associations:join", kwargs={"slug": association.slug}) in (
        response.content.decode()
    )


def test_a_member_sees_their_membership_instead_of_the_join_form(client, association):
    member = MembershipFactory(association=association, requested=True).user
    client.force_login(member)

    response = client.get(_detail(association))

    page = response.content.decode()
    assert "La tua adesione" in page
    assert reverse("associations:join", kwargs={"slug": association.slug}) not in page


def test_the_leader_sees_the_history_and_the_management_links(leader_client, association, leader):
    log_action(association, actor=leader, action="profile_updated", note="descrizione")

    page = leader_client.get(_detail(association)).content.decode()

    assert reverse("associations:edit", kwargs={"slug": association.slug}) in page
    assert reverse("associations:members", kwargs={"slug": association.slug}) in page
    assert "Storia della scheda" in page


def test_visitors_do_not_see_the_history_or_the_management_links(client, association, leader):
    log_action(association, actor=leader, action="profile_updated", note="descrizione")

    page = client.get(_detail(association)).content.decode()

    assert reverse("associations:edit", kwargs={"slug": association.slug}) not in page
    assert "Storia della scheda" not in page


def test_a_plain_member_does_not_see_the_management_links(client, association):
    client.force_login(MembershipFactory(association=association, role=Membership.Role.MEMBER).user)

    page = client.get(_detail(association)).content.decode()

    assert reverse("associations:members", kwargs={"slug": association.slug}) not in page
