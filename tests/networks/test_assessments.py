"""Yearly ICC self-assessments: one per year, scores 0–100 in the form and in the database."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from networks import services
from networks.models import AreaScore, Assessment, PolicyArea
from tests.factories import UserFactory
from tests.networks.factories import AreaScoreFactory, AssessmentFactory


def _form_data(year=2025, score=60, **overrides):
    data = {"year": year, "notes": ""}
    for area in PolicyArea.objects.all():
        if not area.optional:
            data[f"score_{area.slug}"] = score
    data.update(overrides)
    return data


def test_staff_enter_an_assessment_that_shows_in_the_trend(staff_client):
    response = staff_client.post(reverse("networks:assessment-create"), _form_data(year=2025))
    assert response.status_code == HTTPStatus.FOUND
    assessment = Assessment.objects.get(year=2025)
    assert assessment.scores.count() == PolicyArea.objects.filter(optional=False).count()
    page = staff_client.get(reverse("networks:trend")).content.decode()
    assert "2025" in page and "60,0" in page


def test_optional_areas_may_stay_empty_but_required_ones_may_not(staff_client):
    data = _form_data()
    del data["score_istruzione"]
    response = staff_client.post(reverse("networks:assessment-create"), data)
    assert response.status_code == HTTPStatus.OK
    assert not Assessment.objects.exists()
    assert "score_istruzione" in response.context["form"].errors


@pytest.mark.parametrize("value", ["101", "-3", "molto"])
def test_the_form_refuses_a_score_out_of_range(staff_client, value):
    response = staff_client.post(
        reverse("networks:assessment-create"), _form_data(**{"score_lingua": value})
    )
    assert response.status_code == HTTPStatus.OK
    assert "score_lingua" in response.context["form"].errors
    assert not Assessment.objects.exists()


def test_the_form_refuses_a_peer_average_out_of_range(staff_client):
    response = staff_client.post(
        reverse("networks:assessment-create"), _form_data(**{"peer_lingua": "140"})
    )
    assert "peer_lingua" in response.context["form"].errors


def test_it_refuses_a_second_assessment_for_the_same_year(staff_client, staff):
    AssessmentFactory(year=2025)
    response = staff_client.post(reverse("networks:assessment-create"), _form_data(year=2025))
    assert response.status_code == HTTPStatus.OK
    assert "Esiste già" in response.content.decode()
    with pytest.raises(ValidationError):
        services.assessment_create(
            year=2025, actor=staff, scores={PolicyArea.objects.first(): {"score": 1}}
        )


def test_the_database_refuses_scores_out_of_range(db):
    score = AreaScoreFactory(score=100)
    score.score = 101
    with pytest.raises(IntegrityError), transaction.atomic():
        score.save()
    score.refresh_from_db()
    score.peer_average = 120
    with pytest.raises(IntegrityError), transaction.atomic():
        score.save()


def test_the_database_keeps_one_score_per_area_per_year(db):
    score = AreaScoreFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AreaScore.objects.create(assessment=score.assessment, area=score.area, score=3)


def test_it_refuses_an_assessment_without_scores(staff):
    with pytest.raises(ValidationError):
        services.assessment_create(year=2024, actor=staff, scores={})


def test_it_refuses_a_non_staff_user(db):
    with pytest.raises(PermissionDenied):
        services.assessment_create(
            year=2024, actor=UserFactory(), scores={PolicyArea.objects.first(): {"score": 1}}
        )


def test_a_leader_cannot_open_the_assessment_form(leader_client):
    assert leader_client.get(reverse("networks:assessment-create")).status_code == 403


def test_a_peer_average_or_evidence_without_a_score_is_not_lost_silently(staff_client):
    # Partecipazione is optional: it may stay empty, but not half filled in.
    response = staff_client.post(
        reverse("networks:assessment-create"),
        _form_data(
            **{"peer_partecipazione": "55", "evidence_interazione": "Un patto di quartiere"}
        ),
    )
    assert response.status_code == HTTPStatus.OK
    errors = response.context["form"].errors
    assert {"score_partecipazione", "score_interazione"} <= set(errors)
    assert "ma non il punteggio" in response.content.decode()
    assert not Assessment.objects.exists()
    response = staff_client.post(
        reverse("networks:assessment-create"),
        _form_data(
            **{"score_partecipazione": "40", "peer_partecipazione": "55", "peer_lingua": "61"}
        ),
    )
    assert response.status_code == HTTPStatus.FOUND
    scores = {s.area.slug: s for s in Assessment.objects.get().scores.select_related("area")}
    assert (scores["partecipazione"].score, scores["partecipazione"].peer_average) == (40, 55)
    assert scores["lingua"].peer_average == 61 and "interazione" not in scores
