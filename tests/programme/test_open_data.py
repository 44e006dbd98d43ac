import csv
import io
import json
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.datasets import DATASETS, FORMATS
from tests.programme.factories import seed_world

pytestmark = pytest.mark.django_db

SLUGS = [dataset.slug for dataset in DATASETS]
ROW_KEY = {
    "associazioni": "slug",
    "corsi": "slug",
    "bandi": "slug",
    "gemellaggi": "slug",
    "firme-manifesto": "manifesto",
}


def _csv(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _fields(slug: str) -> list[str]:
    return next(d for d in DATASETS if d.slug == slug).field_names


def test_the_catalogue_describes_every_dataset_and_links_both_formats(client):
    response = client.get(reverse("programme:open-data"))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "CC BY 4.0" in page
    for dataset in DATASETS:
        assert str(dataset.title) in page
        assert str(dataset.frequency) in page
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in page
        for fmt in FORMATS:
            assert reverse("programme:dataset", kwargs={"slug": dataset.slug, "fmt": fmt}) in page


@pytest.mark.parametrize("slug", SLUGS)
def test_csv_columns_equal_the_documented_fields(client, slug):
    seed_world(n=2)
    response = client.get(reverse("programme:dataset", kwargs={"slug": slug, "fmt": "csv"}))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == _fields(slug)
    assert len(_csv(response)) >= 2


@pytest.mark.parametrize("slug", SLUGS)
def test_json_records_have_exactly_the_documented_fields(client, slug):
    seed_world(n=2)
    response = client.get(reverse("programme:dataset", kwargs={"slug": slug, "fmt": "json"}))
    assert response.status_code == HTTPStatus.OK
    data = response.json()
    assert data["license"] == "CC BY 4.0"
    assert data["fields"] == _fields(slug)
    assert data["records"]
    for record in data["records"]:
        assert list(record) == _fields(slug)


@pytest.mark.parametrize("slug", SLUGS)
def test_files_hold_only_public_rows(client, slug):
    world = seed_world(n=2)
    data = client.get(reverse("programme:dataset", kwargs={"slug": slug, "fmt": "json"})).json()
    keys = {record[ROW_KEY[slug]] for record in data["records"]}
    kind = {
        "associazioni": "associations",
        "corsi": "courses",
        "bandi": "calls",
        "gemellaggi": "twinnings",
        "firme-manifesto": "manifestos",
    }[slug]
    assert keys == {row.slug for row in world["public"][kind]}
    assert not keys & {row.slug for row in world["private"][kind]}


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_files_hold_no_personal_data(client, slug, fmt, leader):
    from forum.models import Signature

    world = seed_world(n=2)
    body = client.get(reverse("programme:dataset", kwargs={"slug": slug, "fmt": fmt})).content
    text = body.decode("utf-8-sig")
    assert "@" not in text.replace("\\u0040", "@")  # no e-mail of anyone, not even institutional
    for signature in Signature.objects.all():
        assert signature.name not in text
        assert signature.email not in text
    assert leader.email not in text
    for twinning in world["public"]["twinnings"]:
        assert twinning.partner_contacts not in text
        assert twinning.internal_notes not in text


def test_signature_counts_are_confirmed_signatures_by_country(client):
    world = seed_world(n=1)
    manifesto = world["public"]["manifestos"][0]
    data = client.get(
        reverse("programme:dataset", kwargs={"slug": "firme-manifesto", "fmt": "json"})
    ).json()
    counts = {r["paese"]: r["firme_confermate"] for r in data["records"]}
    assert counts == {"MA": 1, "SN": 2}
    assert {r["manifesto"] for r in data["records"]} == {manifesto.slug}


@pytest.mark.parametrize("slug", SLUGS)
def test_files_run_a_constant_number_of_queries(client, slug):
    url = reverse("programme:dataset", kwargs={"slug": slug, "fmt": "json"})
    seed_world(n=1, word="Uno")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    seed_world(n=8, word="Molti")
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.json()["records"]) > 8
    assert len(large) == len(small)


@pytest.mark.parametrize(
    "slug, fmt", [("associazioni", "xlsx"), ("associazioni", "xml"), ("sconosciuto", "csv")]
)
def test_it_answers_404_for_an_unknown_dataset_or_format(client, slug, fmt):
    response = client.get(f"/programma/dati-aperti/{slug}.{fmt}")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_csv_neutralises_formulas(client):
    from tests.factories import AssociationFactory

    AssociationFactory(name="=HYPERLINK(1)")
    rows = _csv(
        client.get(reverse("programme:dataset", kwargs={"slug": "associazioni", "fmt": "csv"}))
    )
    assert rows[0]["nome"] == "'=HYPERLINK(1)"


def test_json_is_utf8_and_readable(client):
    from tests.factories import AssociationFactory

    AssociationFactory(name="Città del sole")
    response = client.get(
        reverse("programme:dataset", kwargs={"slug": "associazioni", "fmt": "json"})
    )
    assert "Città del sole" in response.content.decode()
    assert json.loads(response.content)["records"][0]["nome"] == "Città del sole"
    assert response["Access-Control-Allow-Origin"] == "*"
