#!/usr/bin/env python3
"""Fault (a): a Celery worker killed with SIGKILL while it is sending confirmation e-mails.

Queues N signature confirmations, starts worker 1 against a slow SMTP sink, kills it with
SIGKILL (its whole process group, as an OOM kill or a lost container would) while it is in the
middle of the SMTP conversation, starts worker 2 and waits. The task in flight was never acked
(``acks_late``), so Redis gives it back after the visibility timeout; the row lock and the SENT
status in ``mondinsieme.tasks.email_send`` keep a redelivered task from sending twice.

    .venv/bin/python scripts/faults/worker_kill.py [N]

Prints the counts and exits 1 if an e-mail was lost or sent twice.
"""

from __future__ import annotations

import random
import signal
import sys
import time

from faultkit import (
    PrivatePostgres,
    PrivateRedis,
    SmtpSink,
    manage,
    portal_env,
    say,
    start_worker,
    stop_process,
    use_portal,
)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    postgres, redis, sink = PrivatePostgres(), PrivateRedis(), SmtpSink(delay=0.3)
    env = portal_env(database_url=postgres.url, redis_url=redis.url, email_url=sink.url)
    say(f"private PostgreSQL {postgres.url}, Redis {redis.url}, SMTP sink {sink.url}")
    manage(env, "migrate", "--noinput", "-v", "0")
    use_portal(env)

    from forum import services
    from forum.models import Signature
    from mondinsieme.models import OutgoingEmail
    from tests.forum.factories import ManifestoFactory

    manifesto = ManifestoFactory(open=True)
    for number in range(count):
        services.signature_request(
            manifesto=manifesto,
            name=f"Firmataria {number}",
            email=f"firma{number}@example.org",
            residence_city="Reggio Emilia",
            country="SN",
            public_listing=False,
            news_opt_in=False,
        )
    say(f"queued {OutgoingEmail.objects.count()} confirmation e-mails for {count} signatures")

    first = start_worker(env, "worker1")
    while sink.total < count // 4:
        time.sleep(0.05)
    time.sleep(random.uniform(0.05, 0.25))  # noqa: S311 -- land inside the next SMTP exchange
    stop_process(first, signal.SIGKILL)
    at_kill = sink.total
    sent_at_kill = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count()
    say(f"SIGKILL worker 1: {at_kill} delivered, {sent_at_kill} rows marked sent")

    second = start_worker(env, "worker2")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if not OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).exists():
            break
        time.sleep(0.5)
    pending = OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).count()
    swept = ""
    if pending:
        swept = manage(env, "email_sweep", "--older-than", "0").strip()
        time.sleep(5)
    stop_process(second)

    sent_rows = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count()
    duplicates = sink.duplicates()
    lost = count - len(sink.recipients)
    print()
    print(f"signatures saved               {Signature.objects.count()} / {count}")
    print(f"e-mails queued                 {OutgoingEmail.objects.count()}")
    print(f"delivered before the kill      {at_kill}")
    print(f"rows pending after worker 2    {pending}{f' -> sweeper: {swept}' if swept else ''}")
    print(f"rows marked sent               {sent_rows}")
    print(f"messages the SMTP sink got     {sink.total}")
    print(f"distinct recipients            {len(sink.recipients)}")
    print(f"lost                           {lost}")
    print(f"sent twice                     {len(duplicates)} {duplicates or ''}")
    ok = lost == 0 and not duplicates and sent_rows == count
    print("RESULT", "OK: every e-mail went out exactly once" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
