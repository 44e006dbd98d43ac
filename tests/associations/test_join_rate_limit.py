"""Join requests are limited to 20 an hour per user, with a page that says what happened."""

from http import HTTPStatus

from django.urls import reverse
from django.utils import translation

from associations.models import Membership
from tests.factories import AssociationFactory, UserFactory

LIMIT = 20


def _join(client, association, language="it"):
    with translation.override(language):
        return client.post(reverse("associations:join", kwargs={"slug": association.slug}))


def test_the_twenty_first_request_in_an_hour_is_refused_with_429(client, user):
    associations = AssociationFactory.create_batch(LIMIT + 1)
    client.force_login(user)

    statuses = [_join(client, association).status_code for association in associations[:LIMIT]]
    refused = _join(client, associations[LIMIT])

    assert statuses == [HTTPStatus.FOUND] * LIMIT
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "errors/429.html" in [template.name for template in refused.templates]
    page = refused.content.decode()
    assert '<html lang="it"' in page
    assert "Troppe richieste in poco tempo" in page
    assert Membership.objects.filter(user=user).count() == LIMIT
    assert not Membership.objects.filter(association=associations[LIMIT]).exists()


def test_the_limit_page_follows_the_language_of_the_site(client, user):
    association = AssociationFactory()
    client.force_login(user)
    for _ in range(LIMIT):
        _join(client, association, language="en")

    refused = _join(client, association, language="en")

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused.wsgi_request.path.startswith("/en/")
    assert '<html lang="en"' in refused.content.decode()


def test_the_limit_is_per_user(client, user):
    association = AssociationFactory()
    client.force_login(user)
    for _ in range(LIMIT + 1):
        _join(client, association)

    other = UserFactory()
    client.force_login(other)
    response = _join(client, association)

    assert response.status_code == HTTPStatus.FOUND
    assert Membership.objects.filter(user=other, association=association).exists()
