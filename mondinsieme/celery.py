"""The Celery application: Redis broker, late acks, one task at a time per worker process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mondinsieme.settings")

app = Celery("mondinsieme")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _gather_beat_schedule(sender, **kwargs) -> None:
    # Each objective app declares its periodic tasks on its AppConfig; beat stores them in the
    # database (django-celery-beat) where staff can pause or re-time them from the admin.
    from mondinsieme.objectives import beat_schedule

    sender.conf.beat_schedule = {**beat_schedule(), **(sender.conf.beat_schedule or {})}


@app.task(bind=True, name="mondinsieme.ping")
def ping(self) -> str:
    """Answer 'pong' with the id of the worker that ran the task (health checks, tests)."""
    return f"pong:{self.request.hostname}"
