#!/usr/bin/env python3
"""Fault (c): PostgreSQL restarted under load; the portal recovers without being restarted.

Gunicorn serves the portal from a private cluster with persistent connections
(``CONN_MAX_AGE``); client threads read public pages and sign the manifesto while the cluster
is restarted (``pg_ctl restart -m fast``, which ends every connection). Requests that meet the
restart may fail; after it every request must succeed again, from the same gunicorn workers
(``CONN_HEALTH_CHECKS`` replaces the broken connections), and every signature that was
answered with success must be in the database exactly once.

    .venv/bin/python scripts/faults/postgres_restart.py [SECONDS] [THREADS]
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter

from faultkit import Browser, PrivatePostgres, manage, portal_env, say, start_web, use_portal

PAGES = ["/", "/associazioni/", "/formazione/", "/forum/"]


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 24
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    postgres = PrivatePostgres()
    env = portal_env(database_url=postgres.url)  # no Redis: local cache, tasks in-process
    say(f"private PostgreSQL {postgres.url}")
    manage(env, "migrate", "--noinput", "-v", "0")
    use_portal(env)

    from django.db import connection

    from forum.models import Signature
    from tests.forum.factories import ManifestoFactory

    manifesto = ManifestoFactory(open=True)
    sign_path = f"/forum/manifesto/{manifesto.slug}/firma/"
    connection.close()  # the script's own connection would not survive the restart either
    web = start_web(env, workers=3)
    for _ in range(6):  # warm up: every worker forked and connected
        Browser().request("/")
    time.sleep(1)
    worker_pids = _children(web.pid)

    log: list[tuple[float, str, int, str]] = []
    lock = threading.Lock()
    stop = threading.Event()
    started = time.monotonic()

    def client(number: int) -> None:
        sequence = 0
        while not stop.is_set():
            sequence += 1
            browser = Browser(client_ip=f"10.{number}.{sequence // 250}.{sequence % 250 + 1}")
            if sequence % 2:
                path, data, email = PAGES[sequence % len(PAGES)], None, ""
            else:
                email = f"t{number}-{sequence}@example.org"
                path = sign_path
                data = {
                    "name": f"Firma {number}-{sequence}",
                    "email": email,
                    "residence_city": "Reggio Emilia",
                    "country": "IT",
                    "consent": "on",
                }
            if data:
                # The form's page first: it sets the CSRF cookie the POST must carry.
                page_status, _ = browser.request(path.removesuffix("firma/"), timeout=20)
                with lock:
                    log.append((time.monotonic() - started, "page", page_status, ""))
            status, _ = browser.request(path, data, timeout=20)
            with lock:
                log.append((time.monotonic() - started, "sign" if data else "page", status, email))

    pool = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    time.sleep(seconds / 3)
    restart_at = time.monotonic() - started
    say("restarting PostgreSQL (pg_ctl restart -m fast)")
    postgres.restart()
    restarted_at = time.monotonic() - started
    say(f"PostgreSQL back after {restarted_at - restart_at:.1f}s")
    time.sleep(seconds * 2 / 3)
    stop.set()
    for thread in pool:
        thread.join()

    same_workers = _children(web.pid) == worker_pids and web.poll() is None
    ok_statuses = {200, 302}
    phases = {
        "before": [e for e in log if e[0] < restart_at],
        "during": [e for e in log if restart_at <= e[0] < restarted_at + 2],
        "after": [e for e in log if e[0] >= restarted_at + 2],
    }
    answered = {e[3] for e in log if e[1] == "sign" and e[2] == 302}
    rows = Counter(Signature.objects.filter(manifesto=manifesto).values_list("email", flat=True))
    lost = answered - set(rows)
    doubled = [email for email, n in rows.items() if n > 1]
    print()
    print(f"{'phase':8} {'requests':>9} {'ok':>6} {'failed':>7}  statuses")
    for phase, entries in phases.items():
        statuses = Counter(e[2] for e in entries)
        good = sum(n for s, n in statuses.items() if s in ok_statuses)
        print(f"{phase:8} {len(entries):9} {good:6} {len(entries) - good:7}  {dict(statuses)}")
    print(f"signatures answered with success  {len(answered)}")
    print(f"signature rows in the database    {sum(rows.values())}")
    print(f"answered but lost                 {len(lost)}")
    print(f"saved, answered with an error     {len(set(rows) - answered)} (a retry is harmless)")
    print(f"saved twice                       {len(doubled)}")
    print(f"same gunicorn workers throughout  {same_workers} ({len(worker_pids)} workers)")
    failed_after = sum(1 for e in phases["after"] if e[2] not in ok_statuses)
    ok = failed_after == 0 and not lost and not doubled and same_workers and phases["after"]
    print("RESULT", "OK: recovered on its own, nothing lost" if ok else "FAILED")
    web.terminate()
    return 0 if ok else 1


def _children(pid: int) -> set[int]:
    from pathlib import Path

    children = Path(f"/proc/{pid}/task/{pid}/children")
    return set(map(int, children.read_text().split())) if children.exists() else set()


if __name__ == "__main__":
    sys.exit(main())
