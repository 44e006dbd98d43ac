"""The training demo data: realistic, idempotent, and the pages work on it."""

from http import HTTPStatus
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from mondinsieme.models import User
from training import demo
from training.models import Certificate, Course, Enrolment, Session

pytestmark = pytest.mark.django_db


def _seed_core_and_training(monkeypatch) -> str:
    # Only this app's hook: the other objective apps test their own demo data.
    monkeypatch.setattr(
        "associations.management.commands.seed_demo.objectives",
        lambda: [apps.get_app_config("training").objective],
    )
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def test_the_demo_seeds_a_path_with_every_kind_of_course_and_is_idempotent(monkeypatch, client):
    report = _seed_core_and_training(monkeypatch)
    counts = (
        Course.objects.count(),
        Session.objects.count(),
        Enrolment.objects.count(),
        Certificate.objects.count(),
    )
    demo.seed(scale=1)

    assert "Formazione: 1 percorso, 4 corsi" in report
    assert counts == (
        Course.objects.count(),
        Session.objects.count(),
        Enrolment.objects.count(),
        Certificate.objects.count(),
    )
    assert set(Course.objects.values_list("status", flat=True)) == {
        "draft",
        "published",
        "closed",
    }
    assert Enrolment.objects.filter(status="waitlisted").count() == 2
    assert Certificate.objects.count() == 3

    for course in Course.objects.public():
        assert client.get(course.get_absolute_url()).status_code == HTTPStatus.OK
    client.force_login(User.objects.get(email="leader1@demo.example.org"))
    page = client.get(reverse("training:my-training"))
    assert "Finanziamenti europei e AICS" in page.text
