"""The public directory: approved associations only, filters, pagination."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from associations.models import Association
from associations.views import PAGE_SIZE
from tests.factories import AssociationFactory, CommunityFactory, ThemeFactory

URL = reverse("associations:list")


def _names(response) -> list[str]:
    return [association.name for association in response.context["associations"]]


@pytest.fixture
def directory(db):
    senegal = CommunityFactory(name="Comunità senegalese", slug="senegalese", country="SN")
    moldova = CommunityFactory(name="Comunità moldava", slug="moldava", country="MD")
    women = ThemeFactory(name="Donne", slug="donne")
    youth = ThemeFactory(name="Giovani", slug="giovani")
    return {
        "senegal": AssociationFactory(
            name="Associazione Senegalese di Reggio Emilia",
            communities=[senegal],
            themes=[women],
            description="Fondata nel 1990, cultura e scuola.",
        ),
        "plai": AssociationFactory(
            name="Associazione Plai APS",
            acronym="PLAI",
            communities=[moldova],
            themes=[youth],
            legal_form=Association.LegalForm.ODV,
        ),
        "coro": AssociationFactory(name="Coro interculturale di Reggio Emilia APS", themes=[youth]),
        "pending": AssociationFactory(
            name="Associazione in attesa", pending=True, communities=[senegal]
        ),
        "suspended": AssociationFactory(name="Associazione sospesa", suspended=True),
        "rejected": AssociationFactory(
            name="Associazione respinta", status=Association.Status.REJECTED
        ),
    }


def test_it_lists_only_approved_associations_in_name_order(client, directory):
    response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    assert _names(response) == [
        "Associazione Plai APS",
        "Associazione Senegalese di Reggio Emilia",
        "Coro interculturale di Reggio Emilia APS",
    ]
    page = response.content.decode()
    assert "Associazione in attesa" not in page
    assert "Associazione sospesa" not in page
    assert "Associazione respinta" not in page
    assert "3 associazioni trovate" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "SN"}, ["Associazione Senegalese di Reggio Emilia"]),
        ({"country": "MD"}, ["Associazione Plai APS"]),
        ({"community": "moldava"}, ["Associazione Plai APS"]),
        ({"legal_form": "odv"}, ["Associazione Plai APS"]),
        (
            {"theme": "giovani"},
            ["Associazione Plai APS", "Coro interculturale di Reggio Emilia APS"],
        ),
        ({"q": "coro"}, ["Coro interculturale di Reggio Emilia APS"]),
        ({"q": "plai"}, ["Associazione Plai APS"]),
        ({"q": "senegalese 1990"}, ["Associazione Senegalese di Reggio Emilia"]),
        ({"q": "moldava"}, ["Associazione Plai APS"]),
        ({"q": "nessuna corrispondenza"}, []),
        ({"theme": "giovani", "legal_form": "aps"}, ["Coro interculturale di Reggio Emilia APS"]),
    ],
)
def test_it_filters(client, directory, query, expected):
    response = client.get(URL, query)

    assert response.status_code == HTTPStatus.OK
    assert _names(response) == expected


def test_a_filter_never_shows_hidden_associations(client, directory):
    # The pending association belongs to the Senegalese community too.
    response = client.get(URL, {"community": "senegalese"})

    assert _names(response) == ["Associazione Senegalese di Reggio Emilia"]


def test_an_association_in_two_matching_communities_is_listed_once(client, db):
    first = CommunityFactory(name="Burkinabè di Reggio", country="BF")
    second = CommunityFactory(name="Burkinabè di Scandiano", country="BF")
    AssociationFactory(name="Associazione Burkinabè", communities=[first, second])

    assert _names(client.get(URL, {"country": "BF"})) == ["Associazione Burkinabè"]
    assert _names(client.get(URL, {"q": "burkinabè"})) == ["Associazione Burkinabè"]


def test_an_empty_result_says_so(client, directory):
    response = client.get(URL, {"q": "zzz"})

    assert "Nessuna associazione corrisponde ai filtri scelti" in response.content.decode()


def test_it_paginates_and_keeps_the_filters_in_the_page_links(client, db):
    theme = ThemeFactory(slug="cultura")
    for number in range(PAGE_SIZE + 3):
        AssociationFactory(name=f"Associazione {number:02d}", themes=[theme])

    first = client.get(URL, {"theme": "cultura"})
    second = client.get(URL, {"theme": "cultura", "page": 2})

    assert len(_names(first)) == PAGE_SIZE
    assert _names(second) == [f"Associazione {n:02d}" for n in range(PAGE_SIZE, PAGE_SIZE + 3)]
    assert "?theme=cultura&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0", "1" * 50])
def test_a_strange_page_number_shows_a_page_anyway(client, db, page):
    for number in range(PAGE_SIZE + 1):
        AssociationFactory(name=f"Associazione {number:02d}")

    response = client.get(URL, {"page": page})

    assert response.status_code == HTTPStatus.OK
    assert _names(response)
