#!/usr/bin/env python3
"""Fault (b): Redis (cache and Celery broker) stopped while people sign and enrol.

With the portal (gunicorn) and a Celery worker running on a private Redis, Redis is stopped.
Public pages must still answer, signatures (anonymous) and enrolments (by a logged-in leader)
must still be saved, each with its e-mail kept in the outbox (``OutgoingEmail``, status queued).
Then Redis comes back, the outbox sweeper (``manage.py email_sweep``, also run by beat every 5
minutes) publishes what the broker missed, and every e-mail must go out exactly once.

    .venv/bin/python scripts/faults/redis_down.py [SIGNATURES] [ENROLMENTS]
"""

from __future__ import annotations

import sys
import time

from faultkit import (
    Browser,
    PrivatePostgres,
    PrivateRedis,
    SmtpSink,
    manage,
    portal_env,
    say,
    start_web,
    start_worker,
    stop_process,
    use_portal,
)

PUBLIC_PAGES = [
    "/",
    "/associazioni/",
    "/formazione/",
    "/forum/",
    "/bandi/",
    "/programma/cerca/?q=corso",
]


def main() -> int:
    signatures = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    enrolments = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    postgres, redis, sink = PrivatePostgres(), PrivateRedis(), SmtpSink()
    env = portal_env(database_url=postgres.url, redis_url=redis.url, email_url=sink.url)
    say(f"private PostgreSQL {postgres.url}, Redis {redis.url}, SMTP sink {sink.url}")
    manage(env, "migrate", "--noinput", "-v", "0")
    use_portal(env)

    from forum.models import Signature
    from mondinsieme.models import OutgoingEmail
    from tests.factories import AssociationFactory, MembershipFactory
    from tests.forum.factories import ManifestoFactory
    from tests.training.factories import CourseFactory
    from training.models import Enrolment

    manifesto = ManifestoFactory(open=True)
    course = CourseFactory(capacity=enrolments + 5)
    association = AssociationFactory()
    leader = MembershipFactory(association=association, leader=True).user
    members = [MembershipFactory(association=association).user for _ in range(enrolments)]

    web = start_web(env)
    worker = start_worker(env, "worker")
    browser = Browser()
    assert browser.request("/")[0] == 200
    say("portal up; stopping Redis")
    redis.stop()

    page_statuses = [browser.request(path)[0] for path in PUBLIC_PAGES for _ in range(3)]
    sign_path = f"/forum/manifesto/{manifesto.slug}/"
    signed_ok = 0
    slowest = 0.0
    for number in range(signatures):
        visitor = Browser(client_ip=f"198.51.100.{number + 1}")
        visitor.request(sign_path)
        started = time.monotonic()
        status, _ = visitor.request(
            f"{sign_path}firma/",
            {
                "name": f"Firmatario {number}",
                "email": f"firma{number}@example.org",
                "residence_city": "Reggio Emilia",
                "country": "MA",
                "consent": "on",
            },
        )
        slowest = max(slowest, time.monotonic() - started)
        signed_ok += status == 302
    leader_browser = Browser(client_ip="198.51.100.200")
    login_status = leader_browser.login(leader.email, "password-123!")
    leader_browser.request(f"/formazione/{course.slug}/")
    enrolled_ok = 0
    for member in members:
        status, _ = leader_browser.request(
            f"/formazione/{course.slug}/iscrivi/",
            {"association": association.pk, "participant": member.pk},
        )
        enrolled_ok += status == 302
    saved_signatures = Signature.objects.filter(manifesto=manifesto).count()
    saved_enrolments = Enrolment.objects.filter(course=course).count()
    queued = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED).count()
    delivered_while_down = sink.total
    say("Redis down: requests done; starting Redis again")

    redis.start()
    time.sleep(3)  # the worker reconnects on its own (broker_connection_retry)
    swept = manage(env, "email_sweep", "--older-than", "0").strip()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and sink.total < queued:
        time.sleep(0.5)
    time.sleep(2)
    stop_process(worker)
    stop_process(web)

    expected = {f"firma{n}@example.org" for n in range(signatures)} | {m.email for m in members}
    lost = expected - set(sink.recipients)
    duplicates = sink.duplicates()
    print()
    print(f"public pages answered 200      {page_statuses.count(200)} / {len(page_statuses)}")
    print(f"signature posts answered 302   {signed_ok} / {signatures} (slowest {slowest:.2f}s)")
    print(f"leader login                   {login_status}")
    print(f"enrolment posts answered 302   {enrolled_ok} / {enrolments}")
    print(f"signatures saved               {saved_signatures} / {signatures}")
    print(f"enrolments saved               {saved_enrolments} / {enrolments}")
    print(f"e-mails left in the outbox     {queued} (delivered while down: {delivered_while_down})")
    print(f"sweeper after Redis is back    {swept}")
    print(f"messages the SMTP sink got     {sink.total}")
    print(f"expected recipients            {len(expected)}")
    print(f"lost                           {len(lost)} {sorted(lost) or ''}")
    print(f"sent twice                     {len(duplicates)} {duplicates or ''}")
    ok = (
        page_statuses.count(200) == len(page_statuses)
        and signed_ok == saved_signatures == signatures
        and enrolled_ok == saved_enrolments == enrolments
        and not lost
        and not duplicates
    )
    print("RESULT", "OK: nothing lost, nothing sent twice" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
