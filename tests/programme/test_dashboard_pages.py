"""The dashboard page and its downloads: who may see them, filters, errors, PDF and XLSX."""

from __future__ import annotations

import io
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.programme.dashboard_data import seed_dashboard

pytestmark = pytest.mark.django_db

URL_NAMES = ["programme:dashboard", "programme:dashboard-pdf", "programme:dashboard-xlsx"]


@pytest.mark.parametrize("name", URL_NAMES)
def test_it_sends_anonymous_visitors_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", URL_NAMES)
def test_it_refuses_association_leaders(leader_client, name):
    assert leader_client.get(reverse(name)).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("name", URL_NAMES)
def test_it_serves_staff_without_letting_caches_keep_a_copy(staff_client, name):
    response = staff_client.get(reverse(name))
    assert response.status_code == HTTPStatus.OK
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_it_refuses_post(staff_client):
    response = staff_client.post(reverse("programme:dashboard"))
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_it_shows_every_objective_with_charts_and_tables(staff_client):
    seed_dashboard(n=1)
    response = staff_client.get(reverse("programme:dashboard"))
    html = response.content.decode()
    for number in range(1, 7):
        assert f'id="obiettivo-{number}"' in html
    assert html.count('role="img"') == html.count('<svg class="programme-chart"') >= 8
    assert html.count("<table") >= 12
    assert 'scope="row"' in html and "<caption>" in html
    assert "style=" not in html.split("<main", 1)[1]


def _figure(html: str, label: str) -> str:
    """The number shown on the figure card with ``label``."""
    before = html.split(f'<span class="portal-figure-label">{label}</span>', 1)[0]
    return before.rsplit('<span class="portal-figure-value">', 1)[1].split("</span>", 1)[0]


def test_it_changes_the_figures_with_the_year_and_the_country(staff_client):
    seed_dashboard(n=1)
    url = reverse("programme:dashboard")
    every = staff_client.get(url).content.decode()
    in_2025 = staff_client.get(url, {"year": 2025}).content.decode()
    senegal = staff_client.get(url, {"country": "SN"}).content.decode()
    # Seeded: 3 confirmed signatures in 2025, 1 in 2024; SN residents signed 2 (one per year).
    assert _figure(every, "firme del manifesto confermate") == "4"
    assert _figure(in_2025, "firme del manifesto confermate") == "3"
    assert _figure(senegal, "firme del manifesto confermate") == "2"
    assert "Indicatori del 2025, tutti i paesi." in in_2025
    assert "Indicatori di tutti gli anni per Senegal." in senegal


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "duemila"}, "Scrivi l&#x27;anno in cifre, per esempio 2025."),
        ({"year": "1850"}, "Scrivi un anno dal 2000 in poi."),
        ({"year": "99999"}, "Scrivi un anno fino al 2100."),
        ({"country": "XX"}, "Scegli un paese dall&#x27;elenco."),
        ({"country": "<script>"}, "Scegli un paese dall&#x27;elenco."),
    ],
)
def test_it_explains_invalid_filters_instead_of_failing(staff_client, params, message):
    response = staff_client.get(reverse("programme:dashboard"), params)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert message in html
    assert "Correggi i filtri per vedere gli indicatori." in html
    assert 'id="obiettivo-1"' not in html


@pytest.mark.parametrize("name", ["programme:dashboard-pdf", "programme:dashboard-xlsx"])
def test_it_sends_a_download_with_invalid_filters_back_to_the_form(staff_client, name):
    response = staff_client.get(reverse(name), {"year": "abc"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{reverse('programme:dashboard')}?year=abc"


def test_it_speaks_english_under_en(staff_client):
    seed_dashboard(n=1)
    response = staff_client.get("/en/programma/cruscotto/", {"year": 2025})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "March 2025" in html  # the signatures month by month, in English
    assert response.wsgi_request.LANGUAGE_CODE == "en"


def _queries(client, params) -> int:
    cache.clear()  # a full build of the report, not the copy kept until the data changes
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("programme:dashboard"), params)
    assert response.status_code == HTTPStatus.OK
    return len(captured.captured_queries)


@pytest.mark.parametrize("params", [{}, {"year": 2025, "country": "SN"}])
def test_it_runs_the_same_number_of_queries_at_ten_times_the_data(staff_client, params):
    seed_dashboard(n=1)
    staff_client.get(reverse("programme:dashboard"))  # warm the session and translations
    small = _queries(staff_client, params)
    seed_dashboard(n=9)  # now ten times as many rows of every kind
    large = _queries(staff_client, params)
    assert small == large
    assert small <= 30


def test_the_pdf_has_the_headings_and_the_figures(staff_client, pdf_text):
    seed_dashboard(n=1)
    response = staff_client.get(reverse("programme:dashboard-pdf"), {"year": 2025, "country": "SN"})
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="cruscotto-programma-2025-sn-' in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content).split())
    assert "Cruscotto del programma" in text
    assert "Anno: 2025. Paese di origine: Senegal." in text
    for number, title in enumerate(
        [
            "Formazione",
            "Forum e Manifesto",
            "Gemellaggi",
            "Bandi e progetti",
            "Reti di città",
            "Tavolo economico",
        ],
        start=1,
    ):
        assert f"Obiettivo {number}: {title}" in text
    # 2025, Senegal: 1 association trained, 2 participants (one enrolled twice), 1 certificate.
    assert "1 associazioni formate" in text
    assert "2 partecipanti " in text
    assert "1 firme del manifesto confermate" in text
    assert "40.000,00" in text  # requested from the EU for the Senegalese project


def test_the_workbook_has_one_sheet_per_objective_with_the_numbers(staff_client):
    from openpyxl import load_workbook

    data = seed_dashboard(n=1)
    response = staff_client.get(reverse("programme:dashboard-xlsx"), {"year": 2025})
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Filtri",
        "1. Formazione",
        "2. Forum e Manifesto",
        "3. Gemellaggi",
        "4. Bandi e progetti",
        "5. Reti di città",
        "6. Tavolo economico",
    ]
    assert [c.value for c in workbook["Filtri"]["B"]][2:] == [2025, "tutti i paesi"]
    rows = [[c for c in row if c is not None] for row in workbook["4. Bandi e progetti"].values]
    header = rows.index(["Finanziatore", "Proposte", "Richiesto (€)", "Assegnato (€)"])
    eu = [
        p
        for p in data["proposals"]
        if p.call and p.call.deadline.year == 2025 and p.status != "withdrawn"
    ]
    assert rows[header + 1] == [
        "Unione europea CERV",
        len(eu),
        float(sum(p.requested_amount for p in eu)),
        float(sum(p.awarded_amount or 0 for p in eu if p.status == "awarded")),
    ]
    signatures = [list(row) for row in workbook["2. Forum e Manifesto"].values]
    monthly = [row for row in signatures if isinstance(row[0], str) and row[0].endswith(" 2025")]
    assert [row[1] for row in monthly] == [0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0]


def test_the_report_is_built_once_and_rebuilt_as_soon_as_data_changes(staff_client):
    seed_dashboard(n=1)
    url = reverse("programme:dashboard")
    first = _queries(staff_client, {})
    with CaptureQueriesContext(connection) as again:
        staff_client.get(url)
    assert len(again.captured_queries) < first - 10

    before = staff_client.get(url).content.decode()
    seed_dashboard(n=1)  # new rows in every objective: the next page counts them
    with CaptureQueriesContext(connection) as after_change:
        after = staff_client.get(url).content.decode()
    assert len(after_change.captured_queries) >= first - 2
    assert after != before
