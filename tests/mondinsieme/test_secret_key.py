"""Without DJANGO_SECRET_KEY, commands still run but serving and the deploy check refuse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "mondinsieme.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_makemigrations_check_runs_on_a_fresh_checkout_without_a_key():
    result = _run(
        "from django.core.management import execute_from_command_line as run;"
        "run(['manage.py', 'makemigrations', '--check', '--dry-run'])"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "No changes detected" in result.stdout


def test_the_deploy_check_refuses_a_missing_key():
    result = _run(
        "from django.core.management import execute_from_command_line as run;"
        "run(['manage.py', 'check', '--deploy'])",
        DJANGO_ALLOWED_HOSTS="portale.example.org",
    )
    assert result.returncode != 0
    assert "mondinsieme.E001" in result.stderr


def test_the_wsgi_application_refuses_to_start_without_a_key():
    result = _run("import mondinsieme.wsgi", DJANGO_ALLOWED_HOSTS="portale.example.org")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_the_wsgi_application_starts_with_a_key():
    result = _run(
        "import mondinsieme.wsgi",
        DJANGO_ALLOWED_HOSTS="portale.example.org",
        DJANGO_SECRET_KEY="a-real-secret-key-for-this-test-0123456789-abcdefghijklmnop",
    )
    assert result.returncode == 0, result.stderr[-2000:]
