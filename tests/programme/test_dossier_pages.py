"""Country dossiers: no personal or internal data in public, the full picture for staff only."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.programme.factories import seed_country

pytestmark = pytest.mark.django_db

DETAIL = reverse("programme:country-detail", kwargs={"code": "sn"})
STAFF = reverse("programme:country-staff", kwargs={"code": "sn"})


def test_it_never_shows_personal_or_internal_data_to_the_public(client):
    world = seed_country(n=2)
    page = client.get(DETAIL).content.decode()
    assert "Associazione sn 0" in page  # the public names are there
    assert "Progetto finanziato sn 1" in page
    assert "Gemella sn 0" in page
    assert "Firmanda sn 0" in page  # past the council vote: a public act
    leaks = [text for text in world["private_texts"] if text in page]
    assert leaks == []
    assert "Riservat" not in page
    assert "@" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_it_shows_people_amounts_and_internal_notes_to_staff(staff_client):
    world = seed_country(n=1)
    response = staff_client.get(STAFF)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    for text in (
        "Capo Riservato sn 0",
        "capo-sn-0-confirmed@example.org",
        "Bozza Riservata sn 0",
        "Candidata Riservata sn 0",
        "Nota Riservata sn 0",
        "Giulia Riservata",
        "Opportunità Riservata sn 0",
        "Passo Riservato sn 0",
        "Marco Riservato sn 0",
        "Azione Riservata sn 0",
        "Associazione Riservata sn 0",
        world["associations"][0].email,
        "40.000,00",
    ):
        assert text in page, text


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    seed_country()
    response = client.get(STAFF)
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response["Location"]


def test_it_refuses_the_staff_dossier_to_a_leader(leader_client):
    seed_country()
    assert leader_client.get(STAFF).status_code == HTTPStatus.FORBIDDEN


def test_it_redirects_an_uppercase_code_to_the_lowercase_address(client, staff_client):
    seed_country()
    response = client.get("/programma/paesi/SN/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == DETAIL
    response = staff_client.get("/programma/gestione/paesi/Sn/")
    assert response["Location"] == STAFF


@pytest.mark.parametrize("code", ["zz", "fr", "sen", "s", "%3Cb%3E", "xk"])
def test_it_answers_404_for_a_code_that_is_not_a_country_of_origin(client, staff_client, code):
    seed_country()
    assert client.get(f"/programma/paesi/{code}/").status_code == HTTPStatus.NOT_FOUND
    assert staff_client.get(f"/programma/gestione/paesi/{code}/").status_code == (
        HTTPStatus.NOT_FOUND
    )


def test_it_draws_the_country_and_its_links_on_a_small_map(client):
    seed_country()
    page = client.get(DETAIL).content.decode()
    assert 'role="img"' in page
    assert 'data-city="capitale-sn"' in page
    assert "Senzacoord sn" in page  # listed in the table, without a marker
    assert 'data-city="senzacoord-sn"' not in page
    assert "no: mancano le coordinate" in page


def test_it_speaks_english_under_en(client):
    seed_country()
    response = client.get("/en/programma/paesi/sn/")
    assert response.status_code == HTTPStatus.OK
    assert 'lang="en"' in response.content.decode()


def test_the_list_links_each_country_to_its_dossier(client):
    seed_country()
    page = client.get(reverse("programme:country-list")).content.decode()
    assert DETAIL in page
    assert "952" in page
