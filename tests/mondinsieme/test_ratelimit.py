"""The portal's own rate limit: counts per user (or address) and per scope, answers 429."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from mondinsieme.ratelimit import client_ip, hit, ratelimit


@ratelimit("tests-form", "3/h")
def _form_view(request):
    return HttpResponse("ok")


def _post(user=None, ip="203.0.113.7", **extra):
    request = RequestFactory().post("/form/", REMOTE_ADDR=ip, **extra)
    request.user = user or AnonymousUser()
    return request


def test_it_allows_up_to_the_limit_and_then_refuses():
    assert [hit("scope", "u1", "3/m") for _ in range(5)] == [True, True, True, False, False]


def test_each_identity_and_scope_has_its_own_counter():
    for _ in range(3):
        hit("scope", "u1", "3/m")

    assert hit("scope", "u1", "3/m") is False
    assert hit("scope", "u2", "3/m") is True
    assert hit("other-scope", "u1", "3/m") is True


def test_the_view_answers_429_with_the_translated_page_after_the_limit(db):
    responses = [_form_view(_post()) for _ in range(4)]

    assert [r.status_code for r in responses] == [HTTPStatus.OK] * 3 + [
        HTTPStatus.TOO_MANY_REQUESTS
    ]
    assert "Troppe richieste in poco tempo" in responses[-1].content.decode()


def test_get_requests_are_not_counted(db):
    for _ in range(5):
        request = RequestFactory().get("/form/", REMOTE_ADDR="203.0.113.7")
        request.user = AnonymousUser()
        assert _form_view(request).status_code == HTTPStatus.OK

    assert _form_view(_post()).status_code == HTTPStatus.OK


def test_a_logged_in_user_is_counted_by_account_not_address(db, user):
    for index in range(3):
        assert _form_view(_post(user, ip=f"198.51.100.{index}")).status_code == HTTPStatus.OK

    assert _form_view(_post(user, ip="198.51.100.99")).status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert _form_view(_post(ip="198.51.100.99")).status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),
        # Without a trusted proxy a client-written header is ignored.
        (0, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "10.0.0.1"),
        # Behind one proxy: the hop it appended (the last), not what the client wrote first.
        (
            1,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"},
            "203.0.113.9",
        ),
        (2, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_the_hops_of_our_proxies(settings, proxies, meta, expected):
    settings.PORTAL_TRUSTED_PROXIES = proxies
    assert client_ip(RequestFactory().get("/", **meta)) == expected
