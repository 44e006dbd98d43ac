"""Demo data: Reggio Emilia's real twinnings and pacts (DESIGN.md §1) as historical records, and
one file in progress with a city of origin of the largest community, with three candidates.

Only the facts DESIGN.md states are recorded (years, dates, terms); nothing is invented for the
real agreements (no resolution numbers or votes that are not known)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from associations.demo_data import HOST_CITY
from associations.management.commands.seed_demo import BATCH_SIZE, SCALE_SLUG_PREFIX
from associations.models import Association, City, Community
from mondinsieme.cache import generation_bump
from mondinsieme.models import ActivityLog
from mondinsieme.workflow import log_action

from .models import Activity, CandidateAssessment, Criterion, Score, TwinningFile

Status = TwinningFile.Status
Kind = TwinningFile.Kind

# (city slug, year, extra fields, public summary)
HISTORICAL = [
    ("bydgoszcz", 1962, {}, "Il primo gemellaggio di Reggio Emilia, dal 1962."),
    ("dijon", 1963, {}, "Gemellaggio dal 1963."),
    ("schwerin", 1966, {}, "Gemellaggio dal 1966."),
    ("zadar", 1972, {}, "Gemellaggio dal 1972."),
    ("girona", 1982, {}, "Gemellaggio dal 1982."),
    ("fort-worth", 1985, {}, "Gemellaggio dal 1985."),
    ("chisinau", 1989, {}, "Gemellaggio dal 1989; in città vive una grande comunità moldava."),
    ("kragujevac", 2004, {}, "Gemellaggio dal 2004."),
    ("polokwane", 2004, {}, "Gemellaggio dal 2004."),
    (
        "pemba",
        2012,
        {},
        "Gemellaggio dal 2012, dopo il patto di amicizia del 1975.",
    ),
    (
        "beit-jala",
        2023,
        {"kind": Kind.FRIENDSHIP, "term_years": 3, "status": Status.RENEWAL_DUE},
        "Patto triennale approvato dal Consiglio comunale nel 2019 e controfirmato nel 2023.",
    ),
    (
        "sarajevo-centar",
        2022,
        {
            "signed_on": date(2022, 5, 9),
            "signed_place": "Reggio Emilia",
            "countersigned_on": date(2022, 7, 12),
            "term_years": 5,
            "starts_on": date(2022, 7, 12),
            "expires_on": date(2027, 7, 12),
        },
        "Firmato il 9 maggio 2022 e controfirmato il 12 luglio 2022, valido 5 anni.",
    ),
]

CRITERIA = [
    ("Dimensione della comunità a Reggio Emilia", 3),
    ("Legami esistenti con le associazioni", 2),
    ("Progetti di cooperazione in corso", 2),
    ("Legami economici", 1),
    ("Fattibilità istituzionale", 2),
    ("Potenziale culturale ed educativo", 1),
]

# Scores per candidate, in the order of CRITERIA. Illustrative: marked as demo in the notes.
CANDIDATES = {
    "khouribga": [5, 4, 3, 2, 4, 3],
    "beni-mellal": [4, 3, 2, 2, 3, 4],
    "casablanca": [3, 2, 2, 5, 2, 4],
}


def seed(*, scale: int) -> list[str]:
    """Create or update the demo twinning files (idempotent)."""
    staff = get_user_model().objects.filter(email="staff@demo.example.org").first()
    with transaction.atomic():
        historical = 0
        for slug, year, extra, summary in HISTORICAL:
            city = City.objects.filter(slug=slug).first()
            if city is None:
                continue
            defaults = {
                "partner_city": city,
                "kind": Kind.TWINNING,
                "status": Status.ACTIVE,
                "since_year": year,
                "is_public": True,
                "public_summary": summary,
                **extra,
            }
            file, created = TwinningFile.objects.update_or_create(
                slug=f"{slug}-{year}", defaults=defaults
            )
            if created:
                log_action(
                    file,
                    actor=None,
                    action="imported",
                    to_status=file.status,
                    note="Accordo storico registrato dai dati demo.",
                )
            historical += 1

        criteria = []
        for order, (name, weight) in enumerate(CRITERIA):
            criterion, _created = Criterion.objects.update_or_create(
                name=name, defaults={"weight": weight, "order": order}
            )
            criteria.append(criterion)

        lines = [
            f"Gemellaggi: {historical} accordi storici, {len(criteria)} criteri di valutazione."
        ]
        partner = City.objects.filter(slug="khouribga").first()
        if partner is not None:
            file, created = TwinningFile.objects.update_or_create(
                slug="khouribga-proposta-demo",
                defaults={
                    "partner_city": partner,
                    "kind": Kind.FRIENDSHIP,
                    "status": Status.ASSESSMENT,
                    "responsible": staff,
                    "is_public": False,
                    "rationale": (
                        "La comunità marocchina è la più numerosa della provincia (10.143 "
                        "residenti, ISTAT 2010) e molte famiglie vengono dalla regione di "
                        "Béni Mellal-Khénifra. (Pratica dimostrativa.)"
                    ),
                    "objectives": "Scambi scolastici, formazione professionale, cultura.",
                    "partner_contacts": "Ufficio relazioni internazionali (contatto dimostrativo)",
                    "internal_notes": "Pratica dimostrativa: i punteggi sono di esempio.",
                },
            )
            community = Community.objects.filter(slug="marocchina").first()
            if community:
                file.communities.set([community])
            file.proposing_associations.set(
                Association.objects.filter(
                    slug__in=["associazione-atlante-giovani-demo", "donne-del-maghreb-in-rete-demo"]
                )
            )
            if created:
                log_action(
                    file,
                    actor=staff,
                    action="transition",
                    to_status=Status.PROPOSED,
                    note="Proposta dalle associazioni della comunità marocchina.",
                )
                log_action(
                    file,
                    actor=staff,
                    action="transition",
                    from_status=Status.PROPOSED,
                    to_status=Status.ASSESSMENT,
                    note="Confronto tra tre città candidate.",
                )
            candidates = 0
            for city_slug, values in CANDIDATES.items():
                city = City.objects.filter(slug=city_slug).first()
                if city is None:
                    continue
                assessment, _created = CandidateAssessment.objects.update_or_create(
                    file=file, city=city, defaults={"notes": "Valutazione dimostrativa."}
                )
                for criterion, value in zip(criteria, values, strict=True):
                    Score.objects.update_or_create(
                        assessment=assessment,
                        criterion=criterion,
                        defaults={"value": value, "justification": "Punteggio di esempio."},
                    )
                candidates += 1
            lines.append(
                f"Gemellaggi: una pratica in valutazione con {partner.name}, "
                f"{candidates} città candidate."
            )
        if scale > 1:
            files, activities, logs = seed_scale(scale, staff)
            lines.append(
                f"Gemellaggi (--scale {scale}): generate ora {files} pratiche, "
                f"{activities} attività, {logs} voci di cronologia."
            )
    return lines


# --- Generated files for --scale -------------------------------------------------------------

SCALE_FILES_PER_STEP = 10
SCALE_FILE_PREFIX = "pratica-demo-"
SCALE_NOTE = "Pratica generata per la prova di carico (dati inventati)."
# The status of generated file n is SCALE_STATUS_CYCLE[n % len]: every status, 6 in 15 public.
SCALE_STATUS_CYCLE = [
    Status.ACTIVE, Status.PROPOSED, Status.ASSESSMENT, Status.RENEWAL_DUE, Status.NEGOTIATION,
    Status.COUNCIL_RESOLUTION, Status.ACTIVE, Status.SIGNED_REGGIO, Status.COUNTERSIGNED,
    Status.RENEWED, Status.EXPIRED, Status.ON_HOLD, Status.REJECTED, Status.REVOKED, Status.ACTIVE,
]  # fmt: skip
# The statuses a file went through to reach each status, in order (its timeline).
MAIN_PATH = [
    Status.PROPOSED, Status.ASSESSMENT, Status.NEGOTIATION, Status.COUNCIL_RESOLUTION,
    Status.SIGNED_REGGIO, Status.COUNTERSIGNED, Status.ACTIVE, Status.RENEWAL_DUE, Status.RENEWED,
]  # fmt: skip
SIDE_PATH = {
    Status.ON_HOLD: [Status.PROPOSED, Status.ASSESSMENT, Status.ON_HOLD],
    Status.REJECTED: [Status.PROPOSED, Status.ASSESSMENT, Status.REJECTED],
    Status.EXPIRED: [*MAIN_PATH[:8], Status.EXPIRED],
    Status.REVOKED: [*MAIN_PATH[:7], Status.REVOKED],
}
ACTIVITY_KINDS = [Activity.Kind.VISIT, Activity.Kind.SCHOOL_EXCHANGE, Activity.Kind.EVENT]


def _path(status: str) -> list[str]:
    if status in SIDE_PATH:
        return SIDE_PATH[status]
    return MAIN_PATH[: MAIN_PATH.index(status) + 1]


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def _scale_file(number: int, city: City, staff, today: date) -> TwinningFile:
    """Generated file ``number``, with the dates and fields its status implies."""
    status = SCALE_STATUS_CYCLE[number % len(SCALE_STATUS_CYCLE)]
    path = _path(status)
    reached = set(path)
    kinds = list(Kind)
    file = TwinningFile(
        slug=f"{SCALE_FILE_PREFIX}{number:04d}",
        partner_city=city,
        kind=kinds[number % len(kinds)],
        status=status,
        status_changed_at=_aware(today - timedelta(days=5 + number % 200)),
        responsible=staff,
        is_public=number % 7 != 0,
        rationale=f"Pratica dimostrativa n. {number:04d} con {city.name}. {SCALE_NOTE}",
        objectives="Scambi culturali, scolastici ed economici tra le due città.",
        partner_contacts="Ufficio relazioni internazionali (contatto dimostrativo)",
        internal_notes=SCALE_NOTE,
        public_summary=f"Accordo dimostrativo n. {number:04d} con {city.name}.",
    )
    # Dates go back from today so that agreements in force have not expired.
    signed = today - timedelta(days=400 + (number * 53) % 3000)
    if Status.COUNCIL_RESOLUTION in reached:
        file.resolution_number = f"{number:04d}/{signed.year}"
        file.resolution_date = signed - timedelta(days=120)
        file.votes_for, file.votes_against, file.votes_abstained = 24, number % 5, number % 3
    if Status.SIGNED_REGGIO in reached:
        file.notice_regione_on = file.notice_dar_on = file.notice_maeci_on = signed - timedelta(
            days=90
        )
        file.signed_on = signed
        file.signed_place = "Reggio Emilia"
    if Status.COUNTERSIGNED in reached:
        file.countersigned_on = signed + timedelta(days=30 + number % 60)
        file.countersigned_place = city.name
        file.starts_on = file.countersigned_on
    if status == Status.RENEWAL_DUE:
        file.term_years = 3
        file.expires_on = today + timedelta(days=30 + number % 90)
        file.starts_on = min(file.starts_on, file.expires_on - timedelta(days=3 * 365))
    elif status == Status.RENEWED:
        file.term_years = 5
        file.expires_on = today + timedelta(days=3 * 365 + number % 300)
    elif status == Status.EXPIRED:
        file.term_years = 3
        file.expires_on = today - timedelta(days=10 + number % 300)
        file.starts_on = min(file.starts_on, file.expires_on - timedelta(days=3 * 365))
    return file


def seed_scale(scale: int, staff) -> tuple[int, int, int]:
    """Add (scale - 1) × 10 generated files with activities and a timeline; return new counts."""
    numbers = range(1, (scale - 1) * SCALE_FILES_PER_STEP + 1)
    existing = set(
        TwinningFile.objects.filter(slug__startswith=SCALE_FILE_PREFIX).values_list(
            "slug", flat=True
        )
    )
    missing = [n for n in numbers if f"{SCALE_FILE_PREFIX}{n:04d}" not in existing]
    if not missing:
        return 0, 0, 0
    cities = list(City.objects.exclude(slug=HOST_CITY["slug"]).order_by("slug"))
    if not cities:
        return 0, 0, 0
    communities = list(Community.objects.order_by("slug").values_list("pk", flat=True))
    associations = list(
        Association.objects.filter(slug__startswith=SCALE_SLUG_PREFIX)
        .order_by("slug")
        .values_list("pk", flat=True)
    )
    today = timezone.localdate()
    new = {n: _scale_file(n, cities[n % len(cities)], staff, today) for n in missing}
    TwinningFile.objects.bulk_create(new.values(), batch_size=BATCH_SIZE)
    ids = dict(
        TwinningFile.objects.filter(slug__startswith=SCALE_FILE_PREFIX).values_list("slug", "id")
    )
    pk = {n: ids[file.slug] for n, file in new.items()}
    if communities:
        TwinningFile.communities.through.objects.bulk_create(
            [
                TwinningFile.communities.through(
                    twinningfile_id=pk[n], community_id=communities[n % len(communities)]
                )
                for n in new
            ],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )
    if associations:
        TwinningFile.proposing_associations.through.objects.bulk_create(
            [
                TwinningFile.proposing_associations.through(
                    twinningfile_id=pk[n], association_id=associations[n % len(associations)]
                )
                for n in new
            ],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )
    activities = []
    for n, file in new.items():
        if file.starts_on is None:
            continue
        for index, kind in enumerate(ACTIVITY_KINDS[: 1 + n % 3]):
            starts = file.starts_on + timedelta(days=60 + 150 * index + n % 30)
            activities.append(
                Activity(
                    file_id=pk[n],
                    kind=kind,
                    title=f"{kind.label.capitalize()} con {file.partner_city.name} (demo)",
                    starts_on=starts,
                    ends_on=starts + timedelta(days=n % 4),
                    report="Breve relazione dimostrativa dell'attività svolta insieme.",
                    is_public=index != 2,
                )
            )
    Activity.objects.bulk_create(activities, batch_size=BATCH_SIZE)
    content_type = ContentType.objects.get_for_model(TwinningFile, for_concrete_model=False)
    logs = []
    for n, file in new.items():
        path = _path(file.status)
        logs.append(
            ActivityLog(
                content_type=content_type,
                object_id=str(pk[n]),
                actor=staff,
                action="created",
                to_status=path[0],
                note=SCALE_NOTE,
            )
        )
        logs.extend(
            ActivityLog(
                content_type=content_type,
                object_id=str(pk[n]),
                actor=staff,
                action="transition",
                from_status=before,
                to_status=after,
            )
            for before, after in itertools.pairwise(path)
        )
    ActivityLog.objects.bulk_create(logs, batch_size=BATCH_SIZE)
    # bulk_create sends no signals: make cached public pages of the app stale by hand.
    generation_bump("twinning")
    return len(new), len(activities), len(logs)
