"""A leader of one association can do nothing, and learn nothing private, about another."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from associations.models import Association, Invitation, Membership
from tests.factories import AssociationFactory, MembershipFactory, UserFactory


@pytest.fixture
def other(db):
    """Association B, with a leader, a member and a pending request, all with private e-mails."""
    association = AssociationFactory(name="Associazione B", description="Descrizione di B")
    return {
        "association": association,
        "leader": MembershipFactory(
            association=association, leader=True, user=UserFactory(email="leader.b@private.example")
        ),
        "member": MembershipFactory(
            association=association, user=UserFactory(email="member.b@private.example")
        ),
        "request": MembershipFactory(
            association=association,
            requested=True,
            user=UserFactory(email="request.b@private.example"),
        ),
    }


PRIVATE = ["leader.b@private.example", "member.b@private.example", "request.b@private.example"]


def _assert_nothing_private(response):
    page = response.content.decode()
    for email in PRIVATE:
        assert email not in page


def _slug_url(name, other):
    return reverse(f"associations:{name}", kwargs={"slug": other["association"].slug})


def test_a_leader_of_a_gets_403_on_the_edit_page_of_b(leader_client, other):
    response = leader_client.get(_slug_url("edit", other))

    assert response.status_code == HTTPStatus.FORBIDDEN
    _assert_nothing_private(response)


def test_a_leader_of_a_cannot_save_the_profile_of_b(leader_client, other):
    response = leader_client.post(
        _slug_url("edit", other),
        {"name": "Rubata", "legal_form": "aps", "description": "Cambiata"},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    _assert_nothing_private(response)
    other["association"].refresh_from_db()
    assert other["association"].name == "Associazione B"
    assert other["association"].description == "Descrizione di B"


def test_a_leader_of_a_gets_403_on_the_members_page_of_b(leader_client, other):
    response = leader_client.get(_slug_url("members", other))

    assert response.status_code == HTTPStatus.FORBIDDEN
    _assert_nothing_private(response)


def test_a_leader_of_a_cannot_invite_people_into_b(leader_client, other):
    response = leader_client.post(
        _slug_url("invite", other), {"email": "intruder@example.org", "role": "leader"}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    _assert_nothing_private(response)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("action", "target", "data"),
    [
        ("membership-decide", "request", {"decision": "approve", "role": "leader"}),
        ("membership-decide", "request", {"decision": "reject"}),
        ("membership-role", "member", {"role": "leader"}),
        ("membership-role", "leader", {"role": "member"}),
        ("membership-end", "member", {}),
        ("membership-end", "leader", {}),
    ],
)
def test_membership_actions_on_b_are_not_found_for_a_leader_of_a(
    leader_client, other, action, target, data
):
    membership = other[target]
    before = (membership.status, membership.role)

    response = leader_client.post(reverse(f"associations:{action}", args=[membership.pk]), data)

    assert response.status_code == HTTPStatus.NOT_FOUND
    _assert_nothing_private(response)
    membership.refresh_from_db()
    assert (membership.status, membership.role) == before


def test_the_public_page_of_b_shows_no_member_emails(leader_client, other):
    response = leader_client.get(_slug_url("detail", other))

    assert response.status_code == HTTPStatus.OK
    _assert_nothing_private(response)


def test_the_pdf_of_b_shows_no_member_emails(leader_client, other, pdf_text):
    response = leader_client.get(_slug_url("profile-pdf", other))

    assert response.status_code == HTTPStatus.OK
    text = pdf_text(response.content)
    assert "Associazione B" in text
    for email in PRIVATE:
        assert email not in text


def test_my_associations_of_a_leader_of_a_says_nothing_about_b(leader_client, other):
    response = leader_client.get(reverse("associations:mine"))

    assert response.status_code == HTTPStatus.OK
    assert "Associazione B" not in response.content.decode()
    _assert_nothing_private(response)


def test_the_directory_shows_no_member_emails(client, other):
    _assert_nothing_private(client.get(reverse("associations:list")))


def test_the_leader_of_b_does_see_the_members_of_b(client, other):
    # The control for the tests above: the data is there for the right person.
    client.force_login(other["leader"].user)

    page = client.get(_slug_url("members", other)).content.decode()

    for email in PRIVATE:
        assert email in page


def test_a_member_of_b_who_is_not_a_leader_gets_403(client, other):
    client.force_login(other["member"].user)

    response = client.get(_slug_url("members", other))

    assert response.status_code == HTTPStatus.FORBIDDEN
    _assert_nothing_private(response)


def test_a_leader_of_a_cannot_even_see_b_while_it_is_pending(leader_client, other):
    Association.objects.filter(pk=other["association"].pk).update(status="pending")

    for name in ("detail", "edit", "members", "profile-pdf"):
        response = leader_client.get(_slug_url(name, other))
        assert response.status_code == HTTPStatus.NOT_FOUND, name

    assert Membership.objects.filter(association=other["association"]).count() == 3
