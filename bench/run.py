"""Drive the key pages of the portal served as in production and print figures.

Usage: .venv/bin/python bench/run.py [--scales 1 10] [--seconds 10] [--clients 20]
       [--reserved-clients 10] [--workers 2] [--threads 4] [--driver auto|wrk|python]

Creates a throwaway PostgreSQL database (``bench_portale`` on 127.0.0.1:5432, dropped at the
end), migrates, seeds ``seed_demo --scale N``, collects static files, starts gunicorn
(DEBUG off) and a Celery worker on its own queue with Redis db 9, then for each page runs
C concurrent clients for T seconds. Public pages use ``--clients``, reserved pages (leader's
area, staff board, dashboard, admin index) ``--reserved-clients``, as the targets of issue 11
do.
``/healthz`` (one ``SELECT 1``) is the floor: every page is also given as a ratio to it.
SQL queries per request are counted in-process with the Django test client on the same
database. The load driver is wrk when it is installed (``apt-get install wrk``), otherwise
``http.client`` in threads; either shares the CPUs with the server.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common


def pages(leader_cookie: str, staff_cookie: str) -> list[tuple[str, str, str | None]]:
    """(label, path, cookie) of the key pages, resolved on the seeded data."""
    from django.test import Client

    from forum.models import Manifesto
    from training.models import Course

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    course = next(
        (
            c.slug
            for c in Course.objects.order_by("pk")
            if client.get(f"/formazione/{c.slug}/").status_code == 200
        ),
        None,
    )
    manifesto = next(
        (
            m.slug
            for m in Manifesto.objects.order_by("pk")
            if client.get(f"/forum/manifesto/{m.slug}/").status_code == 200
        ),
        None,
    )
    result = [
        ("floor /healthz", "/healthz", None),
        ("home", "/", None),
        ("directory ?q=", "/associazioni/?q=associazione", None),
        ("courses", "/formazione/", None),
    ]
    if course:
        result.append(("course detail", f"/formazione/{course}/", None))
    if manifesto:
        result.append(("manifesto", f"/forum/manifesto/{manifesto}/", None))
        result.append(("signatories", f"/forum/manifesto/{manifesto}/firmatari/", None))
    result += [
        ("open calls", "/bandi/", None),
        ("leader area*", "/associazioni/area-riservata/", leader_cookie),
        ("funding board*", "/bandi/gestione/", staff_cookie),
        ("dashboard*", "/programma/cruscotto/", staff_cookie),
        ("admin index*", "/gestione/", staff_cookie),
    ]
    return result


def login_cookies() -> tuple[str, str, object, object]:
    """Session cookies for a leader and for the staff member (who has TOTP, so the staff
    middleware lets them through); sessions are real rows in the bench database."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    leader = users.get(email="leader1@demo.example.org")
    staff = users.get(email="staff@demo.example.org")
    cookies = []
    for user in (leader, staff):
        client = Client()
        client.force_login(user)
        cookies.append(
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    return cookies[0], cookies[1], leader, staff


def count_queries(path: str, user) -> tuple[int, int]:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    # The queries of a full render: with the page cache on, a hit would make none.
    with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
        client.get(path)  # warm whatever is cached per process
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
    return len(queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--reserved-clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--db", default="bench_portale")
    parser.add_argument("--only", help="regex on page labels")
    parser.add_argument(
        "--driver",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load tool: wrk (apt-get install wrk) or Python threads; auto = wrk if installed",
    )
    args = parser.parse_args()
    driver = args.driver
    if driver == "auto":
        driver = "wrk" if shutil.which("wrk") else "python"

    env = _common.bench_env(args.db)
    _common.apply_env(env)
    stack = _common.Stack(args.db, env)
    print(f"machine: {_common.machine()}")
    print(
        f"gunicorn: {args.workers} workers x {args.threads} threads; "
        f"{args.seconds:g} s per page; clients: public {args.clients}, "
        f"reserved (*) {args.reserved_clients}; load driver: {driver}"
    )
    try:
        stack.prepare()
        for number, scale in enumerate(sorted(args.scales)):
            started = time.monotonic()
            stack.seed(scale)
            # The seed bulk-inserts (no signals): drop the pages cached at the previous scale.
            from mondinsieme.cache import AREAS, generation_bump

            for area in AREAS:
                generation_bump(area)
            print(
                f"\nscale {scale}x (seeded in {time.monotonic() - started:.0f} s); "
                f"load average before: {_common.loadavg()}"
            )
            if number == 0:
                stack.start_worker()
                stack.start_gunicorn(args.workers, args.threads)
            leader_cookie, staff_cookie, leader, staff = login_cookies()
            header = (
                f"{'page':<16} {'C':>3} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
                f"{'p99 ms':>8} {'errors':>6} {'SQL/req':>7} {'x floor':>7} {'1-client p50':>12}"
            )
            print(header)
            print("-" * len(header))
            floor = None
            for label, path, cookie in pages(leader_cookie, staff_cookie):
                if args.only and not re.search(args.only, label) and floor is not None:
                    continue
                user = leader if cookie == leader_cookie else staff if cookie else None
                queries, status = count_queries(path, user)
                clients = args.reserved_clients if cookie else args.clients
                headers = {"Host": "127.0.0.1"} | ({"Cookie": cookie} if cookie else {})
                drive = _common.drive_wrk if driver == "wrk" else _common.drive
                result = drive(
                    stack.port, path, clients=clients, seconds=args.seconds, headers=headers
                )
                serial = _common.drive(
                    stack.port, path, clients=1, seconds=2, headers=headers, max_requests=40
                )
                if floor is None:
                    floor = result.rps
                ratio = result.rps / floor if floor else float("nan")
                note = "" if status == 200 else f"  (test client: HTTP {status})"
                print(
                    f"{label:<16} {clients:>3} {result.rps:>8.1f} {result.pct(50):>8.1f} "
                    f"{result.pct(95):>8.1f} {result.pct(99):>8.1f} {result.errors:>6} "
                    f"{queries:>7} {ratio:>7.2f} {serial.pct(50):>12.1f}{note}",
                    flush=True,
                )
            print(f"load average after: {_common.loadavg()}")
            print(f"pages: {', '.join(p for _, p, _ in pages(leader_cookie, staff_cookie))}")
    finally:
        stack.close()
        print(f"\nstopped gunicorn and worker, dropped {args.db}; logs in {stack.logdir}")


if __name__ == "__main__":
    main()
