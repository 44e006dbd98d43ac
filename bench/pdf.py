"""Time the manifesto PDF with many signatures and the certificates ZIP of a large course.

Usage: .venv/bin/python bench/pdf.py [--signatures 10000 50000] [--participants 500]

Throwaway PostgreSQL database ``bench_portale_pdf`` (dropped at the end), seeded at 1x; the
signatures, participants and certificates are bulk-inserted. The task functions run in this
process, as one worker process would run them (``forum.tasks.build_manifesto_pdf`` and
``training.documents.certificates_zip``, the body of ``build_certificates_zip``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common


def manifesto_pdf(total: int) -> tuple[float, int, int]:
    from django.utils import timezone

    from forum import selectors
    from forum.models import Manifesto, ManifestoPdf, Signature, SignatureTally
    from forum.tasks import build_manifesto_pdf, pdf_fingerprint

    manifesto = Manifesto.objects.exclude(current_version=None).order_by("pk").first()
    have = Signature.objects.filter(manifesto=manifesto, email__endswith="@pdf.example.org").count()
    now = timezone.now()
    countries = ["IT", "MA", "SN", "CN", "AL", "RO", "UA", "IN", "PK", "NG", "GH", "TN"]
    Signature.objects.bulk_create(
        [
            Signature(
                manifesto=manifesto,
                version_id=manifesto.current_version_id,
                kind=Signature.Kind.CITIZEN,
                status=Signature.Status.CONFIRMED,
                name=f"Firmatario Numero {n}",
                email=f"s{n}@pdf.example.org",
                residence_city="Reggio Emilia",
                country=countries[n % len(countries)],
                public_listing=True,
                consent_at=now,
                confirmed_at=now,
            )
            for n in range(have, total)
        ],
        batch_size=5000,
    )
    SignatureTally.objects.rebuild(manifesto_id=manifesto.pk)  # bulk_create sends no signal
    Manifesto.objects.filter(pk=manifesto.pk).update(signatures_changed_at=timezone.now())
    manifesto.refresh_from_db()
    translation = selectors.translation_for(manifesto.current_version, "it")
    fingerprint = pdf_fingerprint(manifesto, translation)
    started = time.perf_counter()
    pk = build_manifesto_pdf(manifesto.pk, "it", fingerprint)
    elapsed = time.perf_counter() - started
    document = ManifestoPdf.objects.get(pk=pk)
    listed = selectors.public_signatories(manifesto).count()
    return elapsed, document.file.size, listed


def certificates_zip(participants: int) -> tuple[float, int, int]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from associations.models import Association
    from training.documents import certificates_zip as build_zip
    from training.models import Certificate, Course, Enrolment

    User = get_user_model()
    course = Course.objects.order_by("pk").first()
    association = Association.objects.order_by("pk").first()
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                email=f"p{n}@zip.example.org",
                password=password,
                full_name=f"Partecipante Numero {n}",
            )
            for n in range(participants)
        ]
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                course=course,
                participant=user,
                association=association,
                status=Enrolment.Status.COMPLETED,
            )
            for user in users
        ]
    )
    Certificate.objects.bulk_create(
        [Certificate(enrolment=e, attendance_percent=90) for e in enrolments]
    )
    count = Certificate.objects.filter(enrolment__course=course, revoked_at=None).count()
    started = time.perf_counter()
    data = build_zip(course)
    return time.perf_counter() - started, len(data), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signatures", type=int, nargs="+", default=[10_000])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--db", default="bench_portale_pdf")
    args = parser.parse_args()

    env = _common.bench_env(args.db)
    env.pop("REDIS_URL")  # the task functions run here; nothing to queue
    _common.apply_env(env)
    stack = _common.Stack(args.db, env)
    print(f"machine: {_common.machine()}")
    try:
        stack.prepare()
        stack.seed(1)
        for total in sorted(args.signatures):
            seconds, size, listed = manifesto_pdf(total)
            print(
                f"manifesto PDF, {total:>6} bench signatures ({listed} public signatories in"
                f" the PDF): {seconds:6.1f} s, {size / 1e6:.2f} MB",
                flush=True,
            )
        if args.participants:
            seconds, size, count = certificates_zip(args.participants)
            print(
                f"certificates ZIP, {count} certificates: {seconds:6.1f} s "
                f"({seconds / count * 1000:.0f} ms each), {size / 1e6:.1f} MB"
            )
    finally:
        stack.close()
        print(f"dropped {args.db}")


if __name__ == "__main__":
    main()
