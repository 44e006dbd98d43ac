"""A queued e-mail really travels through Redis to a Celery worker and is sent once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from mondinsieme.celery import app as celery_app
from mondinsieme.emails import email_queue
from mondinsieme.models import OutgoingEmail

ROOT = Path(__file__).resolve().parents[2]


def _require_real_services():
    reasons = []
    if not settings.REDIS_URL:
        reasons.append("REDIS_URL is not set")
    if connection.vendor != "postgresql":
        reasons.append("the worker needs a shared database (PostgreSQL), not in-memory SQLite")
    if reasons:
        message = "; ".join(reasons)
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Celery integration test: {message}")
        pytest.skip(message)


@pytest.fixture
def worker(transactional_db):
    """A real `celery worker` process on a private queue, connected to the test database."""
    queue = f"test-{os.getpid()}-{time.time_ns()}"
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_QUEUE": queue,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "mondinsieme",
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            queue,
            "-l",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield process
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        if output:
            sys.stderr.write(output.decode(errors="replace")[-4000:])


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_worker_sends_the_email_once_and_marks_it_sent(request):
    _require_real_services()
    worker = request.getfixturevalue("worker")
    with transaction.atomic():
        email = email_queue(
            key="integration:welcome",
            to="leader@example.org",
            template="associations/membership_approved",
            context={"membership": None, "url": "https://example.org/"},
            language="it",
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.status != OutgoingEmail.Status.QUEUED:
            break
        assert worker.poll() is None, "the Celery worker exited early"
        time.sleep(0.25)
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attempts == 1
    assert email.sent_at is not None
