"""``make backup`` / ``make restore`` round-trip a seeded database with every row in place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "backup.py"


def _url(database: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgresql://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{database}"
    )


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


def _run(*args: str, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--database-url", url, *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


def test_a_seeded_database_survives_backup_and_restore_row_for_row(postgresql_only, tmp_path):
    call_command("seed_demo", force=True, verbosity=0)
    source = _url(connection.settings_dict["NAME"])
    copy_name = f"{connection.settings_dict['NAME']}_restore"
    admin = _url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
        conn.execute(f'CREATE DATABASE "{copy_name}"')
    try:
        dumped = _run("dump", "--dir", str(tmp_path), url=source)
        assert dumped.returncode == 0, dumped.stderr
        (backup,) = tmp_path.glob("*.dump")
        assert backup.name.startswith(connection.settings_dict["NAME"])

        refused = _run("restore", str(backup), url=_url(copy_name))
        assert refused.returncode != 0
        assert "--yes" in refused.stderr

        restored = _run("restore", str(backup), "--yes", url=_url(copy_name))
        assert restored.returncode == 0, restored.stderr

        original = _row_counts(source)
        assert original["associations_association"] > 0
        assert original["forum_signature"] > 0
        assert _row_counts(_url(copy_name)) == original
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{copy_name}" WITH (FORCE)')


def test_backups_refuse_sqlite_with_a_clear_message(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--database-url", "sqlite:///db.sqlite3", "dump"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )

    assert result.returncode != 0
    assert "Backups need PostgreSQL" in result.stderr
    assert "copy db.sqlite3" in result.stderr
