"""Asking to join from the association's page."""

from http import HTTPStatus

from django.core import mail
from django.urls import reverse

from associations.models import Membership
from tests.factories import AssociationFactory


def _join_url(association) -> str:
    return reverse("associations:join", kwargs={"slug": association.slug})


def test_a_user_asks_to_join_and_the_leaders_are_emailed(
    client, association, leader, user, django_capture_on_commit_callbacks
):
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _join_url(association), {"message": "Vorrei aiutare con la scuola."}, follow=True
        )

    assert response.redirect_chain[-1][0] == association.get_absolute_url()
    assert "Richiesta inviata." in response.content.decode()
    membership = Membership.objects.get(user=user, association=association)
    assert membership.status == Membership.Status.REQUESTED
    assert membership.message == "Vorrei aiutare con la scuola."
    [message] = mail.outbox
    assert message.to == [leader.email]
    assert "Vorrei aiutare con la scuola." in message.body


def test_asking_twice_says_the_request_exists(client, association, leader, user):
    client.force_login(user)
    client.post(_join_url(association))

    response = client.post(_join_url(association), follow=True)

    assert "Hai già una richiesta o un&#x27;adesione" in response.content.decode()
    assert Membership.objects.filter(user=user, association=association).count() == 1


def test_joining_a_pending_association_is_not_found(client, user):
    pending = AssociationFactory(pending=True)
    client.force_login(user)

    response = client.post(_join_url(pending))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Membership.objects.exists()


def test_joining_needs_a_post(client, association, user):
    client.force_login(user)

    response = client.get(_join_url(association))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not Membership.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, association):
    response = client.post(_join_url(association))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert not Membership.objects.exists()
