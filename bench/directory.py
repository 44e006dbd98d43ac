"""Time the public directory and count its SQL queries at 1x and 10x demo scale.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/directory.py [--repeat 30]
Works on whatever DATABASE_URL points at (SQLite by default). It seeds demo data with
``seed_demo --scale N`` first, so run it on a database you can fill.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mondinsieme.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = ["/", "/associazioni/", "/associazioni/?q=associazione", "/associazioni/?page=2"]


def measure(client: Client, path: str, repeat: int) -> tuple[float, float, int]:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST="127.0.0.1")
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    client = Client()
    print(f"{'scale':>5} {'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for scale in (1, 10):
        with open(os.devnull, "w") as devnull:
            call_command("seed_demo", scale=scale, verbosity=0, stdout=devnull)
        for path in PAGES:
            p50, p95, queries = measure(client, path, args.repeat)
            print(f"{scale:>5} {path:<34} {p50:>8.1f} {p95:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
