"""Production settings for speed: the PostgreSQL connection pool is switched on by the env."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_DATABASE = (
    "import json; from mondinsieme import settings as s; "
    "d = s.DATABASES['default']; "
    "print(json.dumps({'pool': d.get('OPTIONS', {}).get('pool'), 'age': d['CONN_MAX_AGE']}))"
)


def _database(**env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_DB_POOL"} | env
    out = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_it_pools_postgresql_connections_when_asked_with_conn_max_age_zero():
    database = _database(DATABASE_URL="postgres://u@127.0.0.1:5432/x", DJANGO_DB_POOL="1")
    assert database["pool"]["max_size"] >= database["pool"]["min_size"] >= 1
    assert database["age"] == 0


def test_it_keeps_persistent_connections_without_a_pool_by_default():
    database = _database(DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert database["pool"] is None
    assert database["age"] == 60


def test_it_never_pools_sqlite():
    assert _database(DATABASE_URL="sqlite:///tmp/x.sqlite3", DJANGO_DB_POOL="1")["pool"] is None
