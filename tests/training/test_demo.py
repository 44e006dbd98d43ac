"""The training demo data: realistic, idempotent, and the pages work on it."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from mondinsieme.models import User
from tests.demo_seeding import seed_only
from training import demo
from training.models import Certificate, Course, Enrolment, Session

pytestmark = pytest.mark.django_db


def _seed_core_and_training(monkeypatch) -> str:
    return seed_only(monkeypatch, "training")


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


def _seed(monkeypatch, scale: int) -> str:
    return seed_only(monkeypatch, "training", scale=scale)


def _counts() -> dict[str, int]:
    return {
        "courses": Course.objects.count(),
        "public": Course.objects.public().count(),
        "enrolments": Enrolment.objects.count(),
        "certificates": Certificate.objects.count(),
    }


def test_the_scale_grows_the_courses_linearly_and_a_rerun_adds_nothing(monkeypatch):
    _seed(monkeypatch, 1)
    one = _counts()
    report = _seed(monkeypatch, 2)
    two = _counts()
    assert f"{demo.SCALE_COURSES_PER_STEP} corsi" in report
    _seed(monkeypatch, 3)
    three = _counts()
    again = _seed(monkeypatch, 3)

    assert _counts() == three
    assert "(nuovi ora): 0 corsi, 0 incontri, 0 iscrizioni, 0 presenze, 0 attestati" in again
    # The course lists grow by the same amount per step, about as many as the base demo has.
    for key in ("courses", "public"):
        assert three[key] - two[key] == two[key] - one[key] > 0, key
        assert 2.5 * one[key] <= three[key] <= 6 * one[key], key
    # Enrolments (10-30 per generated course) and certificates grow about linearly too.
    for key in ("enrolments", "certificates"):
        first, second = two[key] - one[key], three[key] - two[key]
        assert first > 0 and second > 0, key
        assert 0.5 <= second / first <= 2, key


def test_the_generated_rows_keep_the_rules_of_the_model(monkeypatch):
    _seed(monkeypatch, 3)
    generated = Enrolment.objects.filter(course__slug__startswith=demo.SCALE_SLUG_PREFIX_COURSE)

    assert generated.exists()
    for course in Course.objects.filter(slug__startswith=demo.SCALE_SLUG_PREFIX_COURSE):
        enrolments = list(course.enrolments.all())
        assert course.sessions.exists()
        if course.status == "draft":
            assert not enrolments
            continue
        assert 10 <= len(enrolments) <= 30
        confirmed = [e for e in enrolments if e.status == "confirmed"]
        waiting = sorted(e.waitlist_position for e in enrolments if e.status == "waitlisted")
        if course.status == "published":
            assert len(confirmed) <= course.capacity
        assert waiting == list(range(1, len(waiting) + 1))
        # The association is the one the participant leads.
        for enrolment in enrolments:
            assert enrolment.participant.memberships.filter(
                association=enrolment.association_id, status="active"
            ).exists()
    assert set(generated.values_list("status", flat=True)) >= {
        "confirmed",
        "completed",
        "waitlisted",
    }
    assert not Certificate.objects.exclude(enrolment__status="completed").exists()
    assert (
        Certificate.objects.filter(
            enrolment__course__slug__startswith=demo.SCALE_SLUG_PREFIX_COURSE
        ).count()
        == generated.filter(status="completed").count()
    )
    for certificate in Certificate.objects.filter(enrolment__in=generated):
        assert certificate.attendance_percent >= certificate.enrolment.course.min_attendance_percent


def test_the_pages_answer_on_the_scaled_data(monkeypatch, client, staff):
    _seed(monkeypatch, 2)
    page = client.get(reverse("training:course-list"))
    assert page.status_code == HTTPStatus.OK
    assert "corso demo 0001" in page.text
    course = Course.objects.filter(
        slug__startswith=demo.SCALE_SLUG_PREFIX_COURSE, status="published"
    ).first()
    assert client.get(course.get_absolute_url()).status_code == HTTPStatus.OK

    enrolment = Enrolment.objects.filter(course__slug__startswith="corso-demo-").first()
    client.force_login(enrolment.participant)
    for url in (
        reverse("training:my-training"),
        reverse("training:association-training", args=[enrolment.association.slug]),
    ):
        assert client.get(url).status_code == HTTPStatus.OK, url

    client.force_login(staff)
    session = course.sessions.order_by("starts_at").first()
    for url in (
        reverse("admin:training_course_changelist"),
        reverse("admin:training_enrolment_changelist"),
        reverse("admin:training_certificate_changelist"),
        reverse("training:session-attendance", args=[session.pk]),
    ):
        assert client.get(url).status_code == HTTPStatus.OK, url
