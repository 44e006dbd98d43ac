"""Where the time of one manifesto signature goes: cProfile of the sign view, in-process.

Usage: .venv/bin/python bench/profile_sign.py [--requests 300] [--top 30]

Same settings as the other scripts (throwaway PostgreSQL ``bench_portale_prof``, Redis db 9,
Celery publishing to its own queue, no worker needed): seeds scale 1, then POSTs the sign form
through the test client (each request from its own X-Forwarded-For address) under cProfile, and
prints the milliseconds per request of the main costs (rate limits, form, INSERT, e-mail
rendering, publishing to the broker) and the top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common

# (label, substring of "file:function" in the profile) for the summary lines.
COSTS = [
    ("whole view", "forum/views.py:manifesto_sign"),
    ("rate limits (cache)", "mondinsieme/ratelimit.py:hit"),
    ("form validation", "django/forms/forms.py:is_valid"),
    ("signature_request", "forum/services.py:signature_request"),
    ("e-mail render+row", "mondinsieme/emails.py:email_queue"),
    ("template rendering", "django/template/loader.py:render_to_string"),
    ("publish to broker", "mondinsieme/emails.py:email_publish"),
    ("SQL execute", "django/db/backends/utils.py:execute"),
    ("whole request", "django/test/client.py:request"),
]


def print_round_trips(one_request) -> None:
    """The SQL statements and the Redis commands one signature costs."""
    import redis
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    commands: list[str] = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        commands.append(str(args[0]))
        return original(self, *args, **options)

    redis.Redis.execute_command = counting
    try:
        with CaptureQueriesContext(connection) as queries:
            one_request()
    finally:
        redis.Redis.execute_command = original
    print(f"one signature: {len(queries)} SQL statements, {len(commands)} Redis commands")
    for query in queries.captured_queries:
        print(f"  SQL   {query['sql'][:110]}")
    print(f"  Redis {' '.join(commands)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--db", default="bench_portale_prof")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="profile CPU time (time.process_time) instead of wall time: leaves out the waits",
    )
    args = parser.parse_args()

    env = _common.bench_env(args.db)
    _common.apply_env(env)
    stack = _common.Stack(args.db, env)
    try:
        stack.create_db()
        stack.migrate()
        import django

        django.setup()
        stack.seed(1)
        from django.test import Client

        from forum.models import Manifesto

        manifesto = Manifesto.objects.filter(status=Manifesto.Status.OPEN).first()
        url = manifesto.get_absolute_url() + "firma/"
        client = Client(HTTP_HOST="127.0.0.1")

        def sign(i: int) -> None:
            response = client.post(
                url,
                {
                    "name": f"Profilo {i}",
                    "email": f"profile{i}-{time.time_ns()}@example.org",
                    "residence_city": "Reggio Emilia",
                    "country": "SN",
                    "consent": "on",
                },
                HTTP_X_FORWARDED_FOR=f"10.9.{i // 250}.{i % 250 + 1}",
            )
            assert response.status_code == 302, response.status_code

        for i in range(20):  # warm up: templates, translations, connections
            sign(100_000 + i)
        print_round_trips(lambda: sign(200_000))
        profile = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for i in range(args.requests):
            sign(i)
        profile.disable()
        elapsed = time.perf_counter() - started
        print(
            f"{args.requests} signatures in {elapsed:.2f} s under the profiler: "
            f"{elapsed / args.requests * 1000:.1f} ms each"
        )
        stats = pstats.Stats(profile)
        print(f"\n{'cost':<22} {'ms/request (cumulative)':>24}")
        for label, needle in COSTS:
            total = sum(
                row[3]
                for (filename, _line, function), row in stats.stats.items()
                if needle in f"{filename}:{function}"
            )
            print(f"{label:<22} {total / args.requests * 1000:>24.2f}")
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(15)
        print(out.getvalue())
    finally:
        stack.close()


if __name__ == "__main__":
    main()
