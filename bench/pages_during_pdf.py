"""Public pages while the Celery worker builds a large manifesto PDF, against the same pages idle.

Usage: .venv/bin/python bench/pages_during_pdf.py [--signatures 50000] [--seconds 5]

Same stack as bench/run.py (throwaway PostgreSQL ``bench_portale_during``, gunicorn from
gunicorn.conf.py, Redis db 9, one Celery worker with concurrency 1) at scale 1. Drives the floor
and a few public pages with ``--clients`` clients, bulk-inserts ``--signatures`` confirmed
public signatures, queues ``forum.tasks.build_manifesto_pdf`` to the worker and drives the same
pages again while it runs; prints both tables and how long the worker took.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common

PAGES = [
    ("floor /healthz", "/healthz"),
    ("home", "/"),
    ("courses", "/formazione/"),
    ("open calls", "/bandi/"),
]


def drive_pages(port: int, pages: list[tuple[str, str]], clients: int, seconds: float) -> None:
    print(f"{'page':<16} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for label, path in pages:
        result = _common.drive(
            port, path, clients=clients, seconds=seconds, headers={"Host": "127.0.0.1"}
        )
        print(
            f"{label:<16} {result.rps:>8.1f} {result.pct(50):>8.1f} {result.pct(95):>8.1f} "
            f"{result.pct(99):>8.1f} {result.errors:>6}",
            flush=True,
        )


def insert_signatures(manifesto, total: int) -> None:
    from django.utils import timezone

    from forum.models import Signature, SignatureTally

    now = timezone.now()
    Signature.objects.bulk_create(
        (
            Signature(
                manifesto=manifesto,
                version_id=manifesto.current_version_id,
                kind=Signature.Kind.CITIZEN,
                status=Signature.Status.CONFIRMED,
                name=f"Firmatario Numero {n}",
                email=f"d{n}@pdf.example.org",
                country=("IT", "MA", "SN", "AL", "UA", "GH")[n % 6],
                public_listing=True,
                consent_at=now,
                confirmed_at=now,
            )
            for n in range(total)
        ),
        batch_size=5000,
    )
    SignatureTally.objects.rebuild(manifesto_id=manifesto.pk)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signatures", type=int, default=50_000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--db", default="bench_portale_during")
    args = parser.parse_args()

    env = _common.bench_env(args.db)
    _common.apply_env(env)
    stack = _common.Stack(args.db, env)
    print(f"machine: {_common.machine()}")
    try:
        stack.prepare()
        stack.seed(1)
        stack.start_worker()
        stack.start_gunicorn(2, 4)
        from django.utils import timezone

        from forum import selectors
        from forum.models import Manifesto, ManifestoPdf
        from forum.tasks import build_manifesto_pdf, pdf_fingerprint
        from mondinsieme.cache import generation_bump

        manifesto = Manifesto.objects.filter(status=Manifesto.Status.OPEN).first()
        pages = [*PAGES, ("manifesto", manifesto.get_absolute_url())]
        print(f"\nidle worker; load average {_common.loadavg()}")
        drive_pages(stack.port, pages, args.clients, args.seconds)

        insert_signatures(manifesto, args.signatures)
        Manifesto.objects.filter(pk=manifesto.pk).update(signatures_changed_at=timezone.now())
        generation_bump("forum")
        manifesto.refresh_from_db()
        fingerprint = pdf_fingerprint(
            manifesto, selectors.translation_for(manifesto.current_version, "it")
        )
        queued = time.monotonic()
        build_manifesto_pdf.delay(manifesto.pk, "it", fingerprint)
        time.sleep(1)  # let the worker pick it up
        print(f"\nwhile the worker builds the PDF of {args.signatures:,} signatures")
        drive_pages(stack.port, pages, args.clients, args.seconds)
        done = ManifestoPdf.objects.filter(manifesto=manifesto, fingerprint=fingerprint)
        while not done.exists() and time.monotonic() - queued < 600:
            time.sleep(0.5)
        built = time.monotonic() - queued
        print(
            f"PDF {'built' if done.exists() else 'NOT built'} {built:.1f} s after queuing "
            f"(the pages above ran during the first {len(pages) * args.seconds:.0f} s); "
            f"load average {_common.loadavg()}"
        )
    finally:
        stack.close()
        print(f"dropped {args.db}")


if __name__ == "__main__":
    main()
