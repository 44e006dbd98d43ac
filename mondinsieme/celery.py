"""The Celery application: Redis broker, late acks, one task at a time per worker process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mondinsieme.settings")

app = Celery("mondinsieme")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(bind=True, name="mondinsieme.ping")
def ping(self) -> str:
    """Answer 'pong' with the id of the worker that ran the task (health checks, tests)."""
    return f"pong:{self.request.hostname}"
