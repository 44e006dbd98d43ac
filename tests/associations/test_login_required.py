"""Reserved pages send anonymous visitors to the login page and back."""

from http import HTTPStatus
from urllib.parse import quote

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("method", "name", "kwargs"),
    [
        ("get", "associations:mine", {}),
        ("get", "associations:register", {}),
        ("post", "associations:register", {}),
        ("get", "associations:edit", "slug"),
        ("post", "associations:edit", "slug"),
        ("get", "associations:members", "slug"),
        ("post", "associations:invite", "slug"),
        ("post", "associations:join", "slug"),
        ("post", "associations:membership-decide", "pk"),
        ("post", "associations:membership-role", "pk"),
        ("post", "associations:membership-end", "pk"),
    ],
)
def test_anonymous_visitors_are_redirected_to_login(
    client, association, leader, method, name, kwargs
):
    if kwargs == "slug":
        kwargs = {"slug": association.slug}
    elif kwargs == "pk":
        kwargs = {"pk": association.memberships.get().pk}
    url = reverse(name, kwargs=kwargs)

    response = getattr(client, method)(url)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{reverse('account_login')}?next={quote(url)}"
