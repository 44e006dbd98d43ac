"""The outbox: a broker that is down loses no e-mail and breaks no request; the sweeper resends."""

from __future__ import annotations

import time
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from forum.models import Signature
from mondinsieme.celery import app as celery_app
from mondinsieme.models import OutgoingEmail
from mondinsieme.tasks import email_sweep
from tests.factories import MembershipFactory
from tests.forum.factories import ManifestoFactory
from tests.training.factories import CourseFactory
from training.models import Enrolment

pytestmark = pytest.mark.django_db

# Nothing listens on port 1 of loopback: publishing fails at once with "connection refused".
DEAD_BROKER = "redis://127.0.0.1:1/0"


def _queued(key: str, to: str, **fields) -> OutgoingEmail:
    """An outbox row as email_queue would store it (status and attempts may be given)."""
    return OutgoingEmail.objects.create(
        key=key, to=to, subject="s", body_text="b", template="t", language="it", **fields
    )


@pytest.fixture
def broker_down():
    """Celery publishes to a Redis broker that is not running, as in production with Redis down."""
    conf = celery_app.conf
    previous = (conf.task_always_eager, conf.broker_url)
    conf.task_always_eager = False
    conf.broker_url = DEAD_BROKER
    # Forget connections and producers made earlier in this process (in CI, to the real Redis).
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        conf.task_always_eager, conf.broker_url = previous
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


def _age(email: OutgoingEmail, minutes: int) -> None:
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_signature_is_saved_and_answered_while_the_broker_is_down(
    client, broker_down, django_capture_on_commit_callbacks
):
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug})
    data = {"name": "Awa Diop", "email": "awa@example.org", "residence_city": "Reggio Emilia"}

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "country": "SN", "consent": "on"})
    elapsed = time.monotonic() - started

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("forum:sign-done", kwargs={"slug": manifesto.slug})
    assert Signature.objects.filter(email="awa@example.org").count() == 1
    email = OutgoingEmail.objects.get(to="awa@example.org")
    assert email.status == OutgoingEmail.Status.QUEUED
    assert mail.outbox == []
    assert elapsed < 5, "a down broker must not hang the request"


def test_an_enrolment_is_saved_and_answered_while_the_broker_is_down(
    client, leader, association, broker_down, django_capture_on_commit_callbacks
):
    course = CourseFactory()
    member = MembershipFactory(association=association).user
    client.force_login(leader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("training:enrol", kwargs={"slug": course.slug}),
            {"association": association.pk, "participant": member.pk},
        )

    assert response.status_code == HTTPStatus.FOUND
    assert Enrolment.objects.filter(course=course, participant=member).count() == 1
    assert OutgoingEmail.objects.get(to=member.email).status == OutgoingEmail.Status.QUEUED


def test_the_sweeper_sends_what_the_broker_lost_once_it_is_back(
    client, broker_down, django_capture_on_commit_callbacks
):
    manifesto = ManifestoFactory(open=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug}),
            {
                "name": "Awa",
                "email": "awa@example.org",
                "residence_city": "Reggio Emilia",
                "country": "SN",
                "consent": "on",
            },
        )
    email = OutgoingEmail.objects.get(to="awa@example.org")
    _age(email, minutes=30)

    assert email_sweep() == "published=0 pending=1"  # still down: left for the next sweep

    celery_app.conf.task_always_eager = True  # the broker is back (eager stands in for a worker)
    assert email_sweep() == "published=1 pending=0"
    assert email_sweep() == "published=0 pending=0"
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert [m.to for m in mail.outbox] == [["awa@example.org"]]


def test_the_sweeper_leaves_recent_and_sent_emails_alone(settings):
    settings.EMAIL_OUTBOX_RETRY_AFTER = 10
    recent = _queued("recent", "a@example.org")
    sent = _queued("sent", "b@example.org", status=OutgoingEmail.Status.SENT)
    _age(sent, minutes=60)

    assert email_sweep() == "published=0 pending=0"
    assert mail.outbox == []
    recent.refresh_from_db()
    assert recent.status == OutgoingEmail.Status.QUEUED


def test_the_sweeper_retries_a_failed_email_until_the_attempts_run_out(settings):
    settings.EMAIL_MAX_ATTEMPTS = 3
    failed = _queued("failed", "a@example.org", status=OutgoingEmail.Status.FAILED, attempts=2)
    exhausted = _queued(
        "exhausted", "b@example.org", status=OutgoingEmail.Status.FAILED, attempts=3
    )
    _age(failed, minutes=60)
    _age(exhausted, minutes=60)

    assert email_sweep() == "published=1 pending=0"
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_the_management_command_sweeps_at_once_with_older_than_zero(capsys):
    _queued("now", "a@example.org")

    call_command("email_sweep", "--older-than", "0")

    assert "published=1 pending=0" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_sweeper_runs_on_the_beat_schedule():
    celery_app.finalize()

    entries = [entry["task"] for entry in celery_app.conf.beat_schedule.values()]
    assert "mondinsieme.email_sweep" in entries
