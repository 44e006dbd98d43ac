"""Settings come from the environment: SQLite/eager Celery by default, PostgreSQL/Redis when given.

Each case reads the settings in a fresh interpreter, with only the variables it names.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# As the Makefile's DEPLOY_ENV: what a production server is given.
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": f"deploy-check-{secrets.token_hex(32)}",
    "DJANGO_ALLOWED_HOSTS": "portale.example.org",
}

READ = """
import json
from django.conf import settings as s
import django
django.setup()
from mondinsieme.celery import app
print(json.dumps({
    "debug": s.DEBUG,
    "engine": s.DATABASES["default"]["ENGINE"],
    "cache": s.CACHES["default"]["BACKEND"],
    "eager": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "acks_late": app.conf.task_acks_late,
    "reject_on_worker_lost": app.conf.task_reject_on_worker_lost,
    "prefetch": app.conf.worker_prefetch_multiplier,
    "beat": app.conf.beat_scheduler,
    "hosts": s.ALLOWED_HOSTS,
}))
"""


def _clean_env(**env) -> dict[str, str]:
    kept = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_"))
    }
    return {**kept, "DJANGO_SETTINGS_MODULE": "mondinsieme.settings", **env}


def _run(args: list[str], **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=_clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(**env) -> dict:
    result = _run(["-c", READ], **env)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_services_it_runs_on_sqlite_local_memory_and_eager_celery():
    values = _settings(DJANGO_DEBUG="1")

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["eager"] is True


def test_with_the_urls_it_runs_on_postgresql_redis_and_a_real_broker():
    values = _settings(
        DATABASE_URL="postgres://portale@db.example.org:5432/portale",
        REDIS_URL="redis://redis.example.org:6379/0",
        **PRODUCTION,
    )

    assert values["engine"] == "django.db.backends.postgresql"
    assert "Redis" in values["cache"]
    assert values["eager"] is False
    assert values["broker"] == "redis://redis.example.org:6379/0"
    assert values["hosts"] == ["portale.example.org"]


def test_debug_is_off_unless_asked_for():
    assert _settings(**{**PRODUCTION, "DJANGO_DEBUG": ""})["debug"] is False
    assert _settings(DJANGO_SECRET_KEY=PRODUCTION["DJANGO_SECRET_KEY"])["debug"] is False


def test_celery_acknowledges_late_one_task_at_a_time_with_the_database_beat():
    values = _settings(**PRODUCTION, REDIS_URL="redis://redis.example.org:6379/0")

    assert values["acks_late"] is True
    assert values["reject_on_worker_lost"] is True
    assert values["prefetch"] == 1
    assert values["beat"] == "django_celery_beat.schedulers:DatabaseScheduler"


def test_the_deploy_check_passes_with_production_variables():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION,
        DATABASE_URL="postgres://portale@db.example.org:5432/portale",
        REDIS_URL="redis://redis.example.org:6379/0",
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert "System check identified no issues (0 silenced)." in result.stdout
