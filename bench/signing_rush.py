"""Signing rush: N clients sign the manifesto with distinct e-mails for a fixed time.

Usage: .venv/bin/python bench/signing_rush.py [--clients 20] [--seconds 10] [--same-ip]

Same stack as bench/run.py (throwaway PostgreSQL ``bench_portale_sign``, gunicorn with DEBUG
off, Redis db 9, a Celery worker on its own queue). Each client fetches the manifesto page once
for the CSRF cookie and token, then POSTs the sign form (consent given, honeypot empty) with a
new e-mail each time. The form is limited to 20 POSTs a minute per client address, read from
the first X-Forwarded-For hop: by default every request carries its own X-Forwarded-For address
(as many citizens behind the proxy would); ``--same-ip`` shows the limit instead.

Prints accepted signatures per second (302 to the "sent" page) and checks that the pending
Signature rows equal the accepted responses and that the confirmation e-mails queued
(OutgoingEmail rows) equal the rows: nothing lost, nothing doubled.
"""

from __future__ import annotations

import argparse
import http.client
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--same-ip", action="store_true")
    parser.add_argument("--db", default="bench_portale_sign")
    args = parser.parse_args()

    env = _common.bench_env(args.db)
    _common.apply_env(env)
    stack = _common.Stack(args.db, env)
    print(f"machine: {_common.machine()}")
    try:
        stack.prepare()
        stack.seed(1)
        stack.start_worker()
        stack.start_gunicorn(args.workers, args.threads)

        from forum.models import Manifesto, Signature
        from mondinsieme.models import OutgoingEmail

        manifesto = next(
            m
            for m in Manifesto.objects.order_by("pk")
            if _common.request(
                "127.0.0.1", stack.port, m.get_absolute_url(), headers={"Host": "127.0.0.1"}
            )[0]
            == 200
        )
        detail = manifesto.get_absolute_url()
        sign = f"{detail}firma/"
        before_rows = Signature.objects.filter(manifesto=manifesto).count()
        before_mail = OutgoingEmail.objects.count()

        lock = threading.Lock()
        counts = {"accepted": 0, "limited": 0, "other": 0}
        latencies: list[float] = []
        stop = time.monotonic() + args.seconds
        serial = [0]

        def client(number: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
            conn.request("GET", detail, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            page = response.read().decode()
            cookie = next(
                v.split(";")[0]
                for k, v in response.getheaders()
                if k.lower() == "set-cookie" and v.startswith("csrftoken=")
            )
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            conn.close()
            mine: list[float] = []
            local = {"accepted": 0, "limited": 0, "other": 0}
            while time.monotonic() < stop:
                with lock:
                    serial[0] += 1
                    n = serial[0]
                body = urlencode(
                    {
                        "csrfmiddlewaretoken": token,
                        "name": f"Firmataria Bench {n}",
                        "email": f"rush-{n}@bench.example.org",
                        "residence_city": "Reggio Emilia",
                        "country": "IT",
                        "consent": "on",
                        "public_listing": "on",
                        "website": "",
                    }
                ).encode()
                headers = {
                    "Host": "127.0.0.1",
                    "Cookie": cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Forwarded-For": "10.9.0.1"
                    if args.same_ip
                    else f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}",
                }
                start = time.perf_counter()
                try:
                    conn.request("POST", sign, body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                    if response.will_close:
                        conn.close()
                except (OSError, http.client.HTTPException):
                    status = 0
                    conn.close()
                mine.append((time.perf_counter() - start) * 1000)
                key = "accepted" if status == 302 else "limited" if status == 429 else "other"
                local[key] += 1
            conn.close()
            with lock:
                latencies.extend(mine)
                for key, value in local.items():
                    counts[key] += value

        cpu_before = _common.cpu_by_component(stack)
        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 60)
        elapsed = time.monotonic() - started
        time.sleep(3)  # let the worker drain what was queued during the rush
        cpu_after = _common.cpu_by_component(stack)

        rows = Signature.objects.filter(
            manifesto=manifesto,
            email__endswith="@bench.example.org",
            status=Signature.Status.PENDING,
        ).count()
        mails = OutgoingEmail.objects.filter(to__endswith="@bench.example.org").count()
        sent = OutgoingEmail.objects.filter(
            to__endswith="@bench.example.org", status=OutgoingEmail.Status.SENT
        ).count()
        latencies.sort()
        pct = lambda p: latencies[max(0, int(len(latencies) * p / 100) - 1)] if latencies else 0  # noqa: E731
        print(
            f"\n{args.clients} clients, {elapsed:.1f} s, "
            f"{'one address' if args.same_ip else 'one X-Forwarded-For address per request'}"
        )
        print(
            f"accepted {counts['accepted']} ({counts['accepted'] / elapsed:.1f}/s), "
            f"rate-limited {counts['limited']}, other {counts['other']}; "
            f"p50 {pct(50):.0f} ms, p95 {pct(95):.0f} ms, p99 {pct(99):.0f} ms"
        )
        print(
            f"pending rows {rows} (before the rush: {before_rows} signatures,"
            f" {before_mail} e-mails); confirmation e-mails queued {mails};"
            f" sent by the worker after 3 s: {sent}"
        )
        _common.print_cpu(cpu_before, cpu_after, counts["accepted"], "accepted signature")
        print(f"load average {_common.loadavg()}")
        # The worker sends behind the rush: how long until the outbox is empty again.
        drain_started = time.monotonic()
        while sent < mails and time.monotonic() - drain_started < 180:
            time.sleep(1)
            sent = OutgoingEmail.objects.filter(
                to__endswith="@bench.example.org", status=OutgoingEmail.Status.SENT
            ).count()
        print(
            f"sent {sent} of {mails} e-mails {elapsed + 3 + time.monotonic() - drain_started:.0f} s"
            " after the rush began"
        )
        ok = rows == counts["accepted"] and mails == rows == sent
        print("CHECK rows == accepted == e-mails queued == sent:", "OK" if ok else "MISMATCH")
    finally:
        stack.close()
        print(f"stopped gunicorn and worker, dropped {args.db}; logs in {stack.logdir}")


if __name__ == "__main__":
    main()
