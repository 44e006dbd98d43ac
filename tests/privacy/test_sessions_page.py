"""The active-sessions page: one table whose header and rows have the same columns."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_row_has_as_many_cells_as_the_header_has_columns(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": "password-123!"})

    response = client.get(reverse("usersessions_list"))

    assert response.status_code == HTTPStatus.OK
    table = re.search(r"<table.*?</table>", response.content.decode(), re.S).group(0)
    head = re.search(r"<thead>.*?</thead>", table, re.S).group(0)
    rows = re.findall(
        r"<tr>(.*?)</tr>", re.search(r"<tbody>.*?</tbody>", table, re.S).group(0), re.S
    )
    columns = len(re.findall(r"<th scope=\"col\"", head))
    assert rows and columns == 5
    for row in rows:
        assert len(re.findall(r"<td", row)) == columns
    assert "<caption>" in table
