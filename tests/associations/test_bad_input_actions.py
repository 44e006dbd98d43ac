"""Bad input in the small forms (join, invite, role, decision) and in the directory filters."""

import html
from http import HTTPStatus

import pytest
from django.urls import reverse

from associations.models import Invitation, Membership
from mondinsieme.models import ActivityLog
from tests.factories import AssociationFactory, MembershipFactory

SCRIPT = "<script>alert(1)</script>"
LONG = "x" * 10_000


def _text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def _assert_clean(response):
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)
    assert SCRIPT not in response.content.decode()


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (SCRIPT, "Scrivi solo testo, senza i simboli < e >."),
        (LONG, "1000 caratteri"),
        ("ciao\x00", "I caratteri null non sono ammessi."),
    ],
)
def test_join_refuses_a_bad_message(client, association, user, message, expected):
    client.force_login(user)

    response = client.post(
        reverse("associations:join", kwargs={"slug": association.slug}),
        {"message": message},
        follow=True,
    )

    _assert_clean(response)
    assert expected in _text(response)
    assert not Membership.objects.filter(user=user).exists()


INVITES = [
    ({"email": "non una mail", "role": "member"}, "Inserisci un indirizzo email valido."),
    ({"email": LONG + "@example.org", "role": "member"}, "254 caratteri"),
    ({"email": SCRIPT, "role": "member"}, "Inserisci un indirizzo email valido."),
    ({"email": "ok@example.org", "role": "admin"}, "Scegli un'opzione valida."),
    ({"email": "ok@example.org", "role": LONG}, "Scegli un'opzione valida."),
    ({"email": "", "role": ""}, "Questo campo è obbligatorio."),
]


@pytest.mark.parametrize(("data", "expected"), INVITES)
def test_invite_refuses_bad_input_with_400_and_a_message(
    leader_client, association, data, expected
):
    response = leader_client.post(
        reverse("associations:invite", kwargs={"slug": association.slug}), data
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    _assert_clean(response)
    assert expected in _text(response)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", ["boss", LONG, SCRIPT, ""])
def test_role_refuses_an_unknown_role(leader_client, association, role):
    member = MembershipFactory(association=association)

    response = leader_client.post(
        reverse("associations:membership-role", args=[member.pk]), {"role": role}, follow=True
    )

    _assert_clean(response)
    assert "Scegli un ruolo dall'elenco." in _text(response)
    member.refresh_from_db()
    assert member.role == Membership.Role.MEMBER
    assert not ActivityLog.objects.for_object(member).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "maybe"},
        {"decision": LONG},
        {"decision": SCRIPT},
        {},
        {"decision": "approve", "role": "boss"},
    ],
)
def test_decision_refuses_unknown_choices(leader_client, association, data):
    request = MembershipFactory(association=association, requested=True)

    response = leader_client.post(
        reverse("associations:membership-decide", args=[request.pk]), data, follow=True
    )

    _assert_clean(response)
    assert "Scelta non valida: riprova dalla pagina dei soci." in _text(response)
    request.refresh_from_db()
    assert request.status == Membership.Status.REQUESTED


def test_deciding_twice_explains_why_the_second_is_refused(leader_client, association):
    request = MembershipFactory(association=association, requested=True)
    url = reverse("associations:membership-decide", args=[request.pk])
    leader_client.post(url, {"decision": "approve"})

    response = leader_client.post(url, {"decision": "reject"}, follow=True)

    _assert_clean(response)
    assert "Non è possibile passare da «attiva» a «respinta»." in _text(response)
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE


@pytest.mark.parametrize(
    "path",
    [
        "/associazioni/adesioni/abc/decisione/",
        "/associazioni/adesioni/99999999999999999999999/decisione/",
        "/associazioni/adesioni/9223372036854775808/ruolo/",
        "/associazioni/adesioni/-1/termina/",
    ],
)
def test_strange_membership_ids_are_not_found(leader_client, path):
    response = leader_client.post(path, {"decision": "approve", "role": "member"})

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_ending_the_same_membership_twice_shows_a_message(leader_client, association):
    member = MembershipFactory(association=association)
    url = reverse("associations:membership-end", args=[member.pk])
    leader_client.post(url)

    response = leader_client.post(url, follow=True)

    _assert_clean(response)
    assert "Non è possibile passare da «terminata» a «terminata»." in _text(response)


DIRECTORY = reverse("associations:list")


@pytest.fixture
def listed(db):
    return AssociationFactory(name="Associazione visibile")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"country={SCRIPT}&page=abc&community=nope", "Alcuni filtri non sono validi"),
        (f"country={SCRIPT}", "Scegli un'opzione valida."),
        ("community=nope", "Scegli un'opzione valida."),
        ("theme=" + "y" * 10_000, "Scegli un'opzione valida."),
        ("legal_form=spa", "Scegli un'opzione valida."),
        ("q=" + LONG, "100 caratteri"),
        ("q=%00", "I caratteri null non sono ammessi."),
        ("community=%00", "I caratteri null non sono ammessi."),
        ("theme=%00", "I caratteri null non sono ammessi."),
    ],
)
def test_directory_filters_refuse_bad_values_with_a_message(client, listed, query, expected):
    response = client.get(f"{DIRECTORY}?{query}")

    _assert_clean(response)
    assert response.status_code == HTTPStatus.OK
    assert expected in _text(response)


def test_the_directory_still_lists_when_a_filter_is_invalid(client, listed):
    response = client.get(f"{DIRECTORY}?country={SCRIPT}&page=abc&community=nope")

    assert "Associazione visibile" in _text(response)


@pytest.mark.parametrize("query", ["page=%00", "country=&community=&theme=", "page=1&page=2"])
def test_odd_but_harmless_queries_work(client, listed, query):
    response = client.get(f"{DIRECTORY}?{query}")

    assert response.status_code == HTTPStatus.OK
    assert "Associazione visibile" in _text(response)


def test_a_search_that_is_not_valid_utf8_finds_nothing_without_failing(client, listed):
    response = client.get(f"{DIRECTORY}?q=%F0%28%8C%28")

    assert response.status_code == HTTPStatus.OK
    assert "0 associazioni trovate" in _text(response)


@pytest.mark.parametrize(
    "path",
    [
        "/associazioni/%3Cscript%3E/",
        "/associazioni/" + "a" * 5000 + "/",
        "/associazioni/invito/%00/",
    ],
)
def test_strange_addresses_are_not_found(client, user, path):
    client.force_login(user)

    response = client.get(path)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert SCRIPT not in response.content.decode()
