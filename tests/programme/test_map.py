"""The map of relationships: markers, legend and table agree; filters narrow both; public only."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.programme.factories import seed_country

pytestmark = pytest.mark.django_db

MAP = reverse("programme:map")


def _markers(page: str) -> list[tuple[str, str]]:
    return re.findall(r'class="map-marker" data-kind="(\w+)" data-city="([\w-]+)"', page)


def _rows(page: str) -> list[tuple[str, str]]:
    """(kind, "sì"/"no...") of each row of the links table."""
    table = page.split('class="table table-sm portal-map-links"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr data-kind="(\w+)">.*?<td>(sì|no[^<]*)</td>\s*</tr>', table, re.S)


def test_it_draws_one_marker_per_link_with_coordinates_and_lists_every_link(client):
    seed_country(n=2)
    seed_country(n=1, code="MA", tag="ma")
    page = client.get(MAP).content.decode()
    markers, rows = _markers(page), _rows(page)
    drawn = [kind for kind, on_map in rows if on_map == "sì"]
    assert sorted(kind for kind, _city in markers) == sorted(drawn)
    arcs = re.findall(r'class="map-arc" data-kind="(\w+)"', page)
    assert sorted(arcs) == sorted(drawn)  # one line from the host city to each marker
    assert {kind for kind, _on_map in rows} == {"origin", "twin", "candidate", "forum", "project"}
    assert ("origin", "capitale-sn") in markers
    assert "Senzacoord sn" in page and "senzacoord-sn" not in page
    assert 'class="map-host"' in page


def test_it_has_a_title_a_description_and_a_legend(client):
    seed_country()
    page = client.get(MAP).content.decode()
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="world-map-title world-map-desc"', page)
    assert '<title id="world-map-title">Mappa dei legami di Reggio Emilia nel mondo</title>' in page
    assert "città di origine: 1" in page.split('<desc id="world-map-desc">')[1]
    legend = page.split('id="world-map-legend"')[1].split("</ul>")[0]
    for label in (
        "Reggio Emilia",
        "città di origine",
        "città gemellata",
        "gemellaggio in preparazione",
        "città al Forum",
        "luogo di un progetto finanziato",
        "paese con una comunità a Reggio Emilia",
    ):
        assert label in legend


def test_it_gives_each_kind_its_own_shape_and_colour():
    from programme.geography.links import KINDS

    looks = {(kind.shape, kind.hollow, kind.colour) for kind in KINDS}
    assert len({(shape, hollow) for shape, hollow, _colour in looks}) == len(KINDS)
    assert len({colour for _shape, _hollow, colour in looks}) == len(KINDS)


def test_it_narrows_the_map_and_the_table_by_kind(client):
    seed_country(n=2)
    page = client.get(MAP, {"kind": "origin"}).content.decode()
    assert {kind for kind, _city in _markers(page)} == {"origin"}
    assert {kind for kind, _on_map in _rows(page)} == {"origin"}
    page = client.get(MAP, {"kind": ["twin", "project"]}).content.decode()
    assert {kind for kind, _city in _markers(page)} == {"twin", "project"}
    assert {kind for kind, _on_map in _rows(page)} == {"twin", "project"}


def test_it_narrows_the_map_and_the_table_by_country(client):
    seed_country(n=1)
    seed_country(n=1, code="MA", tag="ma")
    page = client.get(MAP, {"country": "MA"}).content.decode()
    assert {city for _kind, city in _markers(page)} == {"capitale-ma"} | {
        city for _kind, city in _markers(page) if city.startswith("citta-")
    }
    assert "Capitale ma" in page and "Capitale sn" not in page
    assert 'href="/programma/paesi/ma/"' in page
    page = client.get(MAP, {"country": "MA", "kind": "origin"}).content.decode()
    assert _markers(page) == [("origin", "capitale-ma")]


@pytest.mark.parametrize("query", [{"kind": "segreto"}, {"country": "ZZ"}, {"country": "<b>"}])
def test_it_explains_a_filter_it_cannot_use_and_shows_everything(client, query):
    seed_country()
    response = client.get(MAP, query)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "dall&#x27;elenco" in page or "dall'elenco" in page
    assert ("origin", "capitale-sn") in _markers(page)


def test_it_shows_only_public_links(client):
    world = seed_country(n=1)
    page = client.get(MAP).content.decode()
    assert "Gemella sn 0" in page
    assert "Firmanda sn 0" in page  # past the council vote
    assert "Riservat" not in page
    assert all(text not in page for text in world["private_texts"])


def test_it_runs_the_same_number_of_queries_for_ten_times_the_data(client):
    seed_country(n=1)
    client.get(MAP)
    with CaptureQueriesContext(connection) as small:
        client.get(MAP)
    seed_country(n=10, tag="dieci")
    with CaptureQueriesContext(connection) as large:
        page = client.get(MAP).content.decode()
    assert len(_markers(page)) > 20
    assert len(large) == len(small)


def test_it_leaves_out_the_host_city_itself(client):
    world = seed_country()
    world["community"].origin_cities.add(world["host"])
    page = client.get(MAP).content.decode()
    assert 'data-city="reggio-emilia"' not in page
