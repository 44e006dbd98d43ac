"""Demo data: the path "Cooperazione internazionale e diaspore" with past and coming sessions.

Idempotent: courses by slug, sessions by (course, topic), enrolments by (course, participant).
Dates are relative to today, so the demo always has a closed course with certificates, a course
under way with a waiting list, one open for enrolment and one draft.

With ``--scale N`` (N > 1) every step adds ``SCALE_COURSES_PER_STEP`` generated courses
("corso-demo-0001"...) with sessions, 10-30 enrolments of the generated association leaders,
attendance and certificates, all written with ``bulk_create``; existing slugs are skipped, so a
re-run adds nothing and a larger scale adds only the difference.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from associations.demo_data import ASSOCIATIONS
from associations.management.commands.seed_demo import BATCH_SIZE, generated_leaders
from associations.models import Membership

from .models import Attendance, Certificate, Course, Enrolment, Path, Session

DOMAIN = "demo.example.org"
PLACE = "Fondazione Mondinsieme, via Marzabotto 3, Reggio Emilia"

COURSES = [
    {
        "slug": "finanziamenti-ue-e-aics-le-basi",
        "title": "Finanziamenti europei e AICS: le basi",
        "summary": "Come leggere un bando AICS o europeo e capire se la tua associazione può "
        "partecipare.",
        "description": (
            "Un primo orientamento ai finanziamenti per la cooperazione:\n\n"
            "- l'Agenzia italiana per la cooperazione allo sviluppo (legge 125/2014) e "
            "l'elenco delle organizzazioni della società civile (art. 26);\n"
            "- i bandi per gli enti territoriali e per le OSC;\n"
            "- i programmi europei CERV, AMIF e NDICI-Global Europe.\n\n"
            "Si lavora su **bandi veri**, letti insieme."
        ),
        "objectives": "Riconoscere i requisiti di un bando; calcolare il cofinanziamento.",
        "audience": "Referenti e soci delle associazioni della diaspora",
        "modality": Course.Modality.PRESENCE,
        "capacity": 20,
        "hours": 8,
        "trainers": "Ufficio relazioni internazionali del Comune; Fondazione Mondinsieme",
        "status": Course.Status.CLOSED,
        "sessions": [
            (-40, "Chi finanzia la cooperazione: AICS e Unione europea"),
            (-33, "Leggere un bando: requisiti, criteri, cofinanziamento"),
            (-26, "Esercitazione su un bando CERV"),
            (-19, "Dal bando all'idea progettuale"),
        ],
        "position": 1,
    },
    {
        "slug": "gestione-del-ciclo-di-progetto",
        "title": "Gestione del ciclo di progetto",
        "summary": "Dall'idea al rendiconto: il quadro logico, il budget, il monitoraggio.",
        "description": (
            "Il *Project Cycle Management* applicato ai piccoli progetti delle associazioni: "
            "analisi dei problemi, quadro logico, budget, monitoraggio e rendicontazione."
        ),
        "objectives": "Scrivere un quadro logico e un budget coerenti.",
        "audience": "Chi scrive o gestisce progetti in associazione",
        "modality": Course.Modality.BLENDED,
        "capacity": 4,
        "hours": 9,
        "trainers": "ICEI; Fondazione E35",
        "status": Course.Status.PUBLISHED,
        "sessions": [
            (-6, "Analisi dei problemi e degli obiettivi"),
            (1, "Il quadro logico"),
            (8, "Budget, monitoraggio e rendiconto"),
        ],
        "position": 2,
    },
    {
        "slug": "comunicazione-interculturale",
        "title": "Comunicazione interculturale",
        "summary": "Parlare con istituzioni, partner e comunità diverse senza perdersi per strada.",
        "description": "Laboratorio pratico con casi raccolti tra le associazioni di Reggio "
        "Emilia e della rete Città del Dialogo.",
        "objectives": "Preparare un incontro con un partner di un altro paese.",
        "audience": "Tutti i soci",
        "modality": Course.Modality.ONLINE,
        "capacity": 25,
        "hours": 6,
        "trainers": "Fondazione Mondinsieme",
        "status": Course.Status.PUBLISHED,
        "sessions": [
            (15, "Stereotipi, lingue e registri"),
            (22, "Mediazione e gestione dei conflitti"),
            (29, "Preparare un incontro internazionale"),
        ],
        "position": 3,
    },
    {
        "slug": "partenariati-con-gli-enti-locali",
        "title": "Partenariati con gli enti locali",
        "summary": "Come costruire un partenariato con un Comune qui e nel paese di origine.",
        "description": "Gemellaggi, patti di amicizia, cooperazione decentrata: strumenti e "
        "passi concreti.",
        "objectives": "",
        "audience": "Referenti delle associazioni",
        "modality": Course.Modality.PRESENCE,
        "capacity": 20,
        "hours": 6,
        "trainers": "Comune di Reggio Emilia",
        "status": Course.Status.DRAFT,
        "sessions": [(45, "Cooperazione decentrata e gemellaggi")],
        "position": 4,
    },
]

#: (course slug, demo user) pairs; the association is the user's first active membership.
ENROLMENTS = {
    "finanziamenti-ue-e-aics-le-basi": [
        ("leader1", 4),
        ("socio1", 4),
        ("leader2", 3),
        ("leader4", 2),
    ],
    "gestione-del-ciclo-di-progetto": [
        ("leader1", 1),
        ("leader2", 1),
        ("leader3", 0),
        ("socio1", 1),
        ("leader5", None),
        ("leader6", None),
    ],
    "comunicazione-interculturale": [("leader4", None), ("socio2", None)],
}


def _at(days: int, hour: int = 17) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 30)))


SCALE_SLUG_PREFIX_COURSE = "corso-demo-"
SCALE_COURSES_PER_STEP = 6
#: Generated associations (and leaders) that seed_demo adds per scale step.
SCALE_ASSOCIATIONS_PER_STEP = len(ASSOCIATIONS)
SCALE_TOPICS = [
    "Scrivere un progetto di cooperazione",
    "Rendicontare un contributo pubblico",
    "Comunicare sui social per le associazioni",
    "Fare rete con le scuole",
    "Volontariato e assicurazioni",
    "Raccolta fondi e crowdfunding",
    "Il Registro unico del Terzo settore",
    "Mediazione linguistica e culturale",
    "Organizzare un evento pubblico",
    "Bilancio e trasparenza",
]
SCALE_SESSION_TOPICS = [
    "Introduzione e presentazioni",
    "Strumenti e casi pratici",
    "Esercitazione in gruppo",
    "Verifica finale e prossimi passi",
]
#: Shape of the generated courses of one step, by position: (status, first session day,
#: number of sessions). Two closed, one archived, one under way, one coming, one draft.
SCALE_SHAPES = [
    (Course.Status.CLOSED, -120, 4),
    (Course.Status.CLOSED, -60, 3),
    (Course.Status.ARCHIVED, -400, 3),
    (Course.Status.PUBLISHED, -8, 4),
    (Course.Status.PUBLISHED, 20, 3),
    (Course.Status.DRAFT, 60, 2),
]
FINISHED = (Course.Status.CLOSED, Course.Status.ARCHIVED)


def _scale_course_number(slug: str) -> int:
    return int(slug.removeprefix(SCALE_SLUG_PREFIX_COURSE))


def seed_scale(scale: int, path: Path, staff) -> dict[str, int]:
    """Add (scale - 1) × SCALE_COURSES_PER_STEP generated courses with their rows, in bulk."""
    added = {"courses": 0, "sessions": 0, "enrolments": 0, "attendances": 0, "certificates": 0}
    numbers = range(1, (scale - 1) * SCALE_COURSES_PER_STEP + 1)
    if not numbers:
        return added
    existing = {
        _scale_course_number(slug)
        for slug in Course.objects.filter(slug__startswith=SCALE_SLUG_PREFIX_COURSE).values_list(
            "slug", flat=True
        )
    }
    new = [number for number in numbers if number not in existing]
    if not new:
        return added
    leaders = generated_leaders()
    now = timezone.now()
    courses = []
    for number in new:
        status, first_day, _sessions = SCALE_SHAPES[(number - 1) % len(SCALE_SHAPES)]
        modality = list(Course.Modality)[number % 3]
        topic = SCALE_TOPICS[number % len(SCALE_TOPICS)]
        courses.append(
            Course(
                path=path,
                position=100 + number,
                title=f"{topic} (corso demo {number:04d})",
                slug=f"{SCALE_SLUG_PREFIX_COURSE}{number:04d}",
                summary=f"Corso dimostrativo generato: {topic.lower()}.",
                description="Corso di prova generato per i test di carico: contenuti fittizi.",
                audience="Soci e referenti delle associazioni (demo)",
                modality=modality,
                place=PLACE if modality != Course.Modality.ONLINE else "",
                # Finished courses seat everyone drawn (up to 30); the others fill up and
                # keep a waiting list.
                capacity=30 if status in FINISHED else 12 + number % 4 * 4,
                hours=6,
                trainers="Docenti dimostrativi",
                status=status,
                status_changed_at=now if status != Course.Status.DRAFT else None,
                enrolment_opens_at=_at(first_day - 30, 9),
                enrolment_closes_at=_at(max(first_day, 0) + 10, 23),
                min_attendance_percent=75,
            )
        )
    Course.objects.bulk_create(courses, batch_size=BATCH_SIZE)
    course_ids = {
        _scale_course_number(slug): pk
        for slug, pk in Course.objects.filter(
            slug__startswith=SCALE_SLUG_PREFIX_COURSE
        ).values_list("slug", "pk")
    }
    sessions = []
    for number, course in zip(new, courses, strict=True):
        _status, first_day, count = SCALE_SHAPES[(number - 1) % len(SCALE_SHAPES)]
        for index in range(count):
            sessions.append(
                Session(
                    course_id=course_ids[number],
                    topic=SCALE_SESSION_TOPICS[index],
                    starts_at=_at(first_day + 7 * index),
                    ends_at=_at(first_day + 7 * index) + timedelta(hours=3),
                    place=course.place,
                    link="https://meet.example.org/formazione"
                    if course.modality != Course.Modality.PRESENCE
                    else "",
                )
            )
    Session.objects.bulk_create(sessions, batch_size=BATCH_SIZE)
    added["sessions"] = len(sessions)
    new_ids = [course_ids[number] for number in new]
    held: dict[int, list[int]] = {}
    session_count: dict[int, int] = {}
    last_end: dict[int, datetime] = {}
    for course_id, session_id, starts_at, ends_at in (
        Session.objects.filter(course_id__in=new_ids)
        .order_by("starts_at")
        .values_list("course_id", "pk", "starts_at", "ends_at")
    ):
        session_count[course_id] = session_count.get(course_id, 0) + 1
        last_end[course_id] = ends_at
        if starts_at < now:
            held.setdefault(course_id, []).append(session_id)

    # Enrolments: leaders of the associations generated up to this course's step, so the same
    # course always draws the same people whatever the final scale.
    enrolments = []
    attended: dict[tuple[int, int], int] = {}
    for number, course in zip(new, courses, strict=True):
        if course.status == Course.Status.DRAFT:
            continue
        step = (number - 1) // SCALE_COURSES_PER_STEP + 1
        pool = sorted(n for n in leaders if n <= step * SCALE_ASSOCIATIONS_PER_STEP)
        rng = random.Random(number)  # noqa: S311 (reproducible demo data, not security)
        picked = rng.sample(pool, k=min(len(pool), rng.randint(10, 30)))
        course_id = course_ids[number]
        total = session_count[course_id]
        finished = course.status in FINISHED
        confirmed = waiting = 0
        for leader in picked:
            user_id, association_id = leaders[leader]
            present = 0
            position = None
            if finished:
                present = rng.choice((total, total, total, total - 1, total - 2, 0))
                status = (
                    Enrolment.Status.COMPLETED
                    if present * 100 >= course.min_attendance_percent * total
                    else Enrolment.Status.CONFIRMED
                )
            elif rng.random() < 0.1:
                status = Enrolment.Status.CANCELLED
            elif confirmed < course.capacity:
                status = Enrolment.Status.CONFIRMED
                confirmed += 1
                present = len(held.get(course_id, [])) - rng.choice((0, 0, 0, 1))
            else:
                status = Enrolment.Status.WAITLISTED
                waiting += 1
                position = waiting
            enrolments.append(
                Enrolment(
                    course_id=course_id,
                    participant_id=user_id,
                    association_id=association_id,
                    status=status,
                    status_changed_at=now,
                    waitlist_position=position,
                    enrolled_by_id=user_id,
                )
            )
            attended[(course_id, user_id)] = max(present, 0)
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH_SIZE, ignore_conflicts=True)
    added["enrolments"] = len(enrolments)
    attendances = []
    certificates = []
    for pk, course_id, user_id, status in Enrolment.objects.filter(
        course_id__in=new_ids
    ).values_list("pk", "course_id", "participant_id", "status"):
        if status not in (Enrolment.Status.CONFIRMED, Enrolment.Status.COMPLETED):
            continue
        present = attended.get((course_id, user_id), 0)
        for index, session_id in enumerate(held.get(course_id, [])):
            attendances.append(
                Attendance(
                    session_id=session_id,
                    enrolment_id=pk,
                    present=index < present,
                    recorded_by=staff,
                )
            )
        if status == Enrolment.Status.COMPLETED:
            certificates.append(
                Certificate(
                    enrolment_id=pk,
                    attendance_percent=round(100 * present / session_count[course_id]),
                    issued_at=last_end[course_id] + timedelta(days=1),
                )
            )
    Attendance.objects.bulk_create(attendances, batch_size=BATCH_SIZE, ignore_conflicts=True)
    Certificate.objects.bulk_create(certificates, batch_size=BATCH_SIZE)
    added.update(courses=len(new), attendances=len(attendances), certificates=len(certificates))
    return added


def seed(*, scale: int) -> list[str]:
    """Seed the training path; return report lines."""
    User = get_user_model()
    path, _created = Path.objects.update_or_create(
        slug="cooperazione-internazionale-e-diaspore",
        defaults={
            "title": "Cooperazione internazionale e diaspore",
            "summary": "Il percorso di formazione del programma «Diaspora e relazioni "
            "internazionali»: finanziamenti, progetti, comunicazione, enti locali.",
        },
    )
    users = {
        user.email.split("@")[0]: user for user in User.objects.filter(email__endswith=f"@{DOMAIN}")
    }
    staff = users.get("staff")
    sessions_total = enrolments_total = certificates_total = 0
    for data in COURSES:
        first_day = data["sessions"][0][0]
        course, _created = Course.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "path": path,
                "position": data["position"],
                "title": data["title"],
                "summary": data["summary"],
                "description": data["description"],
                "objectives": data["objectives"],
                "audience": data["audience"],
                "modality": data["modality"],
                "place": PLACE if data["modality"] != Course.Modality.ONLINE else "",
                "capacity": data["capacity"],
                "hours": data["hours"],
                "trainers": data["trainers"],
                "status": data["status"],
                "enrolment_opens_at": _at(first_day - 30, 9),
                "enrolment_closes_at": _at(max(first_day, 0) + 10, 23),
                "min_attendance_percent": 75,
            },
        )
        sessions = []
        for days, topic in data["sessions"]:
            session, _created = Session.objects.update_or_create(
                course=course,
                topic=topic,
                defaults={
                    "starts_at": _at(days),
                    "ends_at": _at(days) + timedelta(hours=3),
                    "place": course.place,
                    "link": "https://meet.example.org/formazione"
                    if course.modality != Course.Modality.PRESENCE
                    else "",
                },
            )
            sessions.append(session)
        sessions_total += len(sessions)
        held = [session for session in sessions if session.starts_at < timezone.now()]
        waiting = 0
        for index, (handle, attended) in enumerate(ENROLMENTS.get(course.slug, [])):
            user = users.get(handle)
            membership = (
                Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
                .select_related("association")
                .order_by("pk")
                .first()
                if user
                else None
            )
            if membership is None:
                continue
            full = index >= course.capacity
            if full:
                waiting += 1
            if course.status == Course.Status.CLOSED:
                status = (
                    Enrolment.Status.COMPLETED
                    if (attended or 0) * 100 >= 75 * len(sessions)
                    else Enrolment.Status.CONFIRMED
                )
            else:
                status = Enrolment.Status.WAITLISTED if full else Enrolment.Status.CONFIRMED
            enrolment, _created = Enrolment.objects.update_or_create(
                course=course,
                participant=user,
                defaults={
                    "association": membership.association,
                    "status": status,
                    "status_changed_at": timezone.now(),
                    "waitlist_position": waiting if full else None,
                    "enrolled_by": user,
                },
            )
            enrolments_total += 1
            for number, session in enumerate(held):
                Attendance.objects.update_or_create(
                    session=session,
                    enrolment=enrolment,
                    defaults={"present": number < (attended or 0), "recorded_by": staff},
                )
            if status == Enrolment.Status.COMPLETED:
                Certificate.objects.get_or_create(
                    enrolment=enrolment,
                    defaults={
                        "attendance_percent": round(100 * attended / len(sessions)),
                        "issued_at": sessions[-1].ends_at + timedelta(days=1),
                    },
                )
                certificates_total += 1
    generated = seed_scale(scale, path, staff)
    return [
        f"Formazione: 1 percorso, {len(COURSES)} corsi, {sessions_total} incontri, "
        f"{enrolments_total} iscrizioni, {certificates_total} attestati.",
        f"Formazione, dati generati per --scale {scale} (nuovi ora): "
        f"{generated['courses']} corsi, {generated['sessions']} incontri, "
        f"{generated['enrolments']} iscrizioni, {generated['attendances']} presenze, "
        f"{generated['certificates']} attestati.",
        "Formazione: accedi come leader1@demo.example.org per «La mia formazione»; "
        "come staff per segnare le presenze.",
    ]
