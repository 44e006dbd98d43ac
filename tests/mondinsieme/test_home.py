"""The home page: key numbers, the latest news of every objective, bounded queries, cache."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mondinsieme.cache import HIT_HEADER
from mondinsieme.objectives import objectives
from tests.business_table.factories import MeetingFactory
from tests.factories import AssociationFactory
from tests.forum.factories import ForumEditionFactory, ManifestoFactory, SignatureFactory
from tests.funding.factories import CallFactory
from tests.networks.factories import NetworkEventFactory
from tests.training.factories import CourseFactory
from tests.twinning.factories import TwinningFileFactory

pytestmark = pytest.mark.django_db


def _programme(n: int, *, start: int = 0) -> None:
    """n of everything the home page counts or announces."""
    for i in range(start, start + n):
        AssociationFactory()
        CourseFactory(title=f"Corso {i}")
        CallFactory(title=f"Bando {i}", deadline=timezone.now() + timedelta(days=10 + i))
        ManifestoFactory(open=True, title=f"Manifesto {i}")
        ForumEditionFactory(title=f"Forum {i}")
        NetworkEventFactory(title=f"Evento {i}")
        MeetingFactory(published=True, title=f"Riunione {i}")
        TwinningFileFactory(active=True, is_public=True)


def _cold_queries(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == HTTPStatus.OK
    return len(queries)


def test_it_shows_the_latest_news_of_every_objective(client):
    CourseFactory(title="Progettare con l'AICS")
    CallFactory(title="Bando città e diaspore", deadline=timezone.now() + timedelta(days=5))
    CallFactory(title="Bando già scaduto", deadline=timezone.now() - timedelta(days=1))
    CourseFactory(title="Corso ancora in bozza", draft=True)
    manifesto = ManifestoFactory(open=True, title="Manifesto delle diaspore")
    ForumEditionFactory(title="Forum delle città 2027")
    NetworkEventFactory(title="Assemblea di Città del Dialogo")
    NetworkEventFactory(title="Riunione riservata ICC", private=True)
    MeetingFactory(published=True, title="Tavolo di novembre")
    MeetingFactory(held=True, title="Tavolo senza sintesi pubblica")
    twinning = TwinningFileFactory(active=True, is_public=True)

    body = client.get(reverse("home")).content.decode()

    for shown in (
        "Progettare con l&#x27;AICS",
        "Bando città e diaspore",
        "Manifesto delle diaspore",
        manifesto.get_absolute_url(),
        "Forum delle città 2027",
        "Assemblea di Città del Dialogo",
        "Tavolo di novembre",
        twinning.partner_city.name,
        "Le ultime novità",
    ):
        assert shown in body
    for hidden in (
        "Bando già scaduto",
        "Corso ancora in bozza",
        "Riunione riservata ICC",
        "Tavolo senza sintesi pubblica",
    ):
        assert hidden not in body


def test_every_objective_declares_its_news():
    assert all(objective.news for objective in objectives())


def test_it_runs_the_same_queries_with_ten_times_the_data(client):
    _programme(2)
    client.get(reverse("home"))  # content types, translations, sites: outside the measurement
    few = _cold_queries(client)
    _programme(20, start=2)
    many = _cold_queries(client)
    assert few == many
    assert many <= 30  # 4 directory figures + per objective: figures and 1–2 news queries


def test_a_logged_in_visitor_gets_the_figures_without_recounting(leader_client):
    _programme(2)
    leader_client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        response = leader_client.get(reverse("home"))
    assert response.status_code == HTTPStatus.OK
    assert HIT_HEADER not in response  # the page is theirs, only the figures are shared
    assert len(queries) <= 6


def test_a_new_signature_and_a_new_course_show_up_at_once(client):
    manifesto = ManifestoFactory(open=True)
    url = reverse("home")
    client.get(url)
    assert client.get(url)[HIT_HEADER] == "hit"

    CourseFactory(title="Corso nuovissimo di progettazione")
    SignatureFactory(manifesto=manifesto, confirmed=True)

    response = client.get(url)
    assert response[HIT_HEADER] == "miss"
    assert "Corso nuovissimo di progettazione" in response.content.decode()
    figures = dict(response.context["objectives"][1]["figures"])
    assert figures["firme confermate"] == 1
