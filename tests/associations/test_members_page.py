"""The leader's members page: decide on requests, change roles, remove, invite."""

from http import HTTPStatus

from django.core import mail
from django.urls import reverse

from associations.models import Invitation, Membership
from tests.factories import MembershipFactory


def _members_url(association) -> str:
    return reverse("associations:members", kwargs={"slug": association.slug})


def test_the_leader_sees_requests_and_members(leader_client, association):
    request = MembershipFactory(association=association, requested=True)
    member = MembershipFactory(association=association)

    response = leader_client.get(_members_url(association))

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert request.user.email in page
    assert member.user.email in page
    assert reverse("associations:membership-decide", args=[request.pk]) in page


def test_the_leader_accepts_a_request(
    leader_client, association, django_capture_on_commit_callbacks
):
    request = MembershipFactory(association=association, requested=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = leader_client.post(
            reverse("associations:membership-decide", args=[request.pk]),
            {"decision": "approve", "role": "member"},
            follow=True,
        )

    assert response.redirect_chain[-1][0] == _members_url(association)
    assert "ora fa parte dell&#x27;associazione" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE
    assert [message.to for message in mail.outbox] == [[request.user.email]]


def test_the_leader_rejects_a_request(leader_client, association):
    request = MembershipFactory(association=association, requested=True)

    response = leader_client.post(
        reverse("associations:membership-decide", args=[request.pk]),
        {"decision": "reject"},
        follow=True,
    )

    assert "rifiutata" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Membership.Status.REJECTED


def test_the_leader_changes_a_role(leader_client, association):
    member = MembershipFactory(association=association)

    response = leader_client.post(
        reverse("associations:membership-role", args=[member.pk]), {"role": "leader"}, follow=True
    )

    assert "Ruolo aggiornato." in response.content.decode()
    member.refresh_from_db()
    assert member.role == Membership.Role.LEADER


def test_the_last_leader_is_told_why_they_cannot_leave(leader_client, association, leader):
    leadership = Membership.objects.get(user=leader, association=association)

    response = leader_client.post(
        reverse("associations:membership-end", args=[leadership.pk]), follow=True
    )

    assert "L&#x27;associazione deve avere almeno un referente" in response.content.decode()
    leadership.refresh_from_db()
    assert leadership.status == Membership.Status.ACTIVE


def test_the_leader_removes_a_member(leader_client, association):
    member = MembershipFactory(association=association)

    response = leader_client.post(
        reverse("associations:membership-end", args=[member.pk]), follow=True
    )

    assert "non fa più parte dell&#x27;associazione" in response.content.decode()
    member.refresh_from_db()
    assert member.status == Membership.Status.ENDED


def test_the_leader_invites_someone(leader_client, association, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = leader_client.post(
            reverse("associations:invite", kwargs={"slug": association.slug}),
            {"email": "nuova@example.org", "role": "member"},
            follow=True,
        )

    assert "Invito inviato a nuova@example.org." in response.content.decode()
    invitation = Invitation.objects.get()
    assert invitation.email == "nuova@example.org"
    assert [message.to for message in mail.outbox] == [["nuova@example.org"]]


def test_a_duplicate_invitation_is_refused_with_a_message(leader_client, association, leader):
    url = reverse("associations:invite", kwargs={"slug": association.slug})
    leader_client.post(url, {"email": "nuova@example.org", "role": "member"})

    response = leader_client.post(url, {"email": "NUOVA@example.org", "role": "leader"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Hai già invitato questo indirizzo" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_the_members_page_needs_a_login(client, association):
    response = client.get(_members_url(association))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
