"""Demo data: the path "Cooperazione internazionale e diaspore" with past and coming sessions.

Idempotent: courses by slug, sessions by (course, topic), enrolments by (course, participant).
Dates are relative to today, so the demo always has a closed course with certificates, a course
under way with a waiting list, one open for enrolment and one draft.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

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
    return [
        f"Formazione: 1 percorso, {len(COURSES)} corsi, {sessions_total} incontri, "
        f"{enrolments_total} iscrizioni, {certificates_total} attestati.",
        "Formazione: accedi come leader1@demo.example.org per «La mia formazione»; "
        "come staff per segnare le presenze.",
    ]
