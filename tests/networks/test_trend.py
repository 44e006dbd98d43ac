"""The trend page: accessible SVG charts, the same numbers in a table, the areas that moved most."""

import re
from http import HTTPStatus

from django.urls import reverse

from networks import charts
from networks.models import PolicyArea
from tests.networks.factories import AreaScoreFactory, AssessmentFactory


def _three_years():
    areas = {a.slug: a for a in PolicyArea.objects.all()}
    values = {"impegno": (50, 60, 90), "istruzione": (40, 42, 30), "lingua": (70, 70, 71)}
    for index, year in enumerate((2022, 2023, 2024)):
        assessment = AssessmentFactory(year=year)
        for slug, scores in values.items():
            AreaScoreFactory(assessment=assessment, area=areas[slug], score=scores[index])


def test_the_trend_page_draws_svg_charts_and_a_table(client, db):
    _three_years()
    response = client.get(reverse("networks:trend"))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    # One overall chart and one per scored area, each an image with a title and a description.
    assert page.count('role="img"') == 4
    assert page.count("<title id=") == 4 and page.count("<desc id=") == 4
    assert "style=" not in page.split("<main", 1)[1]
    assert "<caption>" in page and 'scope="row"' in page
    # (50 + 40 + 70) / 3 = 53.3; (60 + 42 + 70) / 3 = 57.3; (90 + 30 + 71) / 3 = 63.7
    for overall in ("53,3", "57,3", "63,7"):
        assert overall in page


def test_it_lists_the_areas_that_moved_most(client, db):
    _three_years()
    page = client.get(reverse("networks:trend")).content.decode()
    moves = page.split('id="moves-title"', 1)[1].split("</ul>", 1)[0]
    # From 2022 to 2024: Impegno +40, Istruzione −10, Lingua +1.
    assert re.findall(r"<strong>([^<]+)</strong>", moves) == ["Impegno", "Istruzione", "Lingua"]
    assert "+40 punti" in moves and "-10 punti" in moves
    assert "dal 2022 al 2024" in page


def test_the_page_says_so_when_there_is_nothing_yet(client, db):
    assert "Non ci sono ancora" in client.get(reverse("networks:trend")).content.decode()


def test_bars_stand_on_the_baseline_and_scale_to_100():
    chart = charts.bar_chart([("2023", 100), ("2024", 0), ("2025", None)])
    full, empty, missing = chart.bars
    assert full.y == 12 and full.y + full.height == chart.baseline
    assert empty.height == 0 and missing.value is None


def test_the_english_page_uses_the_icc_english_area_names(client, db):
    _three_years()
    page = client.get("/en/reti/indice-icc/").content.decode()
    assert "Education" in page and "Intercultural Cities Index: the trend" in page
    assert "Istruzione" not in page


def test_staff_read_the_evidence_per_area_the_public_does_not(staff_client):
    from django.test import Client

    _three_years()
    latest = AssessmentFactory(year=2025)
    AreaScoreFactory(
        assessment=latest,
        area=PolicyArea.objects.get(slug="lingua"),
        score=75,
        evidence="Corsi di italiano in 12 scuole",
    )
    public = Client().get(reverse("networks:trend")).content.decode()
    assert "Corsi di italiano in 12 scuole" not in public and "Elementi a sostegno" not in public
    staff_page = staff_client.get(reverse("networks:trend")).content.decode()
    evidence = staff_page.split('id="evidence-title"', 1)[1]
    assert "Autovalutazione 2025" in evidence and "Corsi di italiano in 12 scuole" in evidence


def test_peer_averages_show_beside_the_scores(client, db):
    assessment = AssessmentFactory(year=2024)
    AreaScoreFactory(
        assessment=assessment, area=PolicyArea.objects.get(slug="lingua"), score=72, peer_average=55
    )
    page = client.get(reverse("networks:trend")).content.decode()
    row = page.split('<th scope="row">Lingua', 1)[1].split("</tr>", 1)[0]
    assert "72" in row and "(55)" in row
