"""Demo data: Reggio Emilia in the ICC network and in Città del Dialogo (idempotent)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from associations.management.commands.seed_demo import BATCH_SIZE, SCALE_SLUG_PREFIX
from associations.models import Association
from mondinsieme.cache import generation_bump
from mondinsieme.models import User

from .models import (
    AreaScore,
    Assessment,
    Commitment,
    CommitmentEvidence,
    FollowUpAction,
    GoodPractice,
    JoiningStep,
    Network,
    NetworkEvent,
    NetworkMembership,
    PolicyArea,
    ProgressNote,
)
from .reference import ensure_reference_data

ILLUSTRATIVE = (
    "PUNTEGGI ILLUSTRATIVI inventati per la demo: non sono i risultati reali di Reggio Emilia "
    "nell'indice ICC."
)

# area slug -> scores for 2022, 2023, 2024 (illustrative, see ILLUSTRATIVE)
SCORES = {
    "impegno": (80, 85, 90),
    "istruzione": (62, 66, 70),
    "quartieri": (55, 58, 64),
    "servizi-pubblici": (48, 52, 53),
    "imprese-e-lavoro": (40, 44, 52),
    "vita-culturale-e-sociale": (75, 78, 80),
    "spazio-pubblico": (60, 60, 66),
    "mediazione": (70, 72, 71),
    "lingua": (65, 68, 72),
    "media-e-comunicazione": (45, 50, 58),
    "prospettiva-internazionale": (72, 76, 84),
    "intelligenza-interculturale": (58, 60, 63),
    "accoglienza": (67, 70, 74),
    "leadership-e-cittadinanza": (38, 42, 47),
    "antidiscriminazione": (50, 55, 61),
    "partecipazione": (None, 57, 60),
    "interazione": (None, None, 68),
}
PEERS_2024 = {"impegno": 72, "istruzione": 61, "prospettiva-internazionale": 63, "lingua": 55}


def seed(*, scale: int) -> list[str]:
    """Create or update the networks demo rows; return report lines."""
    ensure_reference_data()
    icc = Network.objects.get(slug="intercultural-cities")
    dialogo = Network.objects.get(slug="citta-del-dialogo")
    staff = User.objects.filter(email="staff@demo.example.org").first() or (
        User.objects.filter(is_staff=True).order_by("pk").first()
    )
    if staff is None:
        return ["Reti: nessun utente del personale, dati dimostrativi non creati."]
    areas = {area.slug: area for area in PolicyArea.objects.all()}
    associations = list(Association.objects.filter(slug__endswith="-demo").order_by("slug")[:4])

    _membership(
        icc,
        NetworkMembership.Organisation.COMUNE,
        status=NetworkMembership.Status.MEMBER,
        since=date(2008, 1, 1),
        founder=True,
        focal_point=staff,
        notes=(
            "Socio fondatore della rete Intercultural Cities. Data di adesione indicativa (2008)."
        ),
        steps_done_on=date(2008, 1, 1),
    )
    _membership(
        dialogo,
        NetworkMembership.Organisation.COMUNE,
        status=NetworkMembership.Status.MEMBER,
        since=date(2010, 9, 21),
        founder=True,
        focal_point=staff,
        notes="La rete è stata fondata a Reggio Emilia il 21 settembre 2010.",
        steps_done_on=date(2010, 9, 21),
    )
    _membership(
        dialogo,
        NetworkMembership.Organisation.FONDAZIONE,
        status=NetworkMembership.Status.CANDIDATE,
        since=None,
        founder=False,
        focal_point=staff,
        notes="Esempio dimostrativo di una candidatura in corso (dato inventato).",
        steps_done_on=None,
    )

    today = timezone.localdate()
    events = [
        (
            icc,
            NetworkEvent.Kind.COORDINATORS_MEETING,
            "Riunione annuale dei coordinatori ICC",
            today - timedelta(days=40),
            "Strasburgo",
            True,
            [
                "Aggiornare la strategia interculturale con il nuovo piano d'azione",
                "Condividere la buona pratica sui mediatori nei servizi",
            ],
        ),
        (
            dialogo,
            NetworkEvent.Kind.STUDY_VISIT,
            "Visita di studio sulle politiche di accoglienza",
            today - timedelta(days=75),
            "Reggio Emilia",
            True,
            [
                "Organizzare un incontro con le associazioni delle diaspore "
                "sul tema dell'accoglienza"
            ],
        ),
        (
            icc,
            NetworkEvent.Kind.WEBINAR,
            "Webinar: antidiscriminazione nei servizi comunali",
            today - timedelta(days=20),
            "Online",
            True,
            [],
        ),
        (
            dialogo,
            NetworkEvent.Kind.THEMATIC_GROUP,
            "Gruppo tematico sulla partecipazione",
            today - timedelta(days=10),
            "Online",
            False,
            ["Proporre un indicatore di partecipazione delle associazioni"],
        ),
    ]
    for network, kind, title, when, place, public, followups in events:
        event, _ = NetworkEvent.objects.update_or_create(
            title=title,
            defaults={
                "network": network,
                "kind": kind,
                "starts_on": when,
                "place": place,
                "is_public": public,
                "report": "Resoconto dimostrativo: temi discussi, impegni presi, prossimi passi.",
            },
        )
        event.staff_participants.set([staff])
        event.associations.set(associations[:2])
        for text in followups:
            FollowUpAction.objects.get_or_create(event=event, text=text)

    commitments = [
        (
            icc,
            "Approvare il nuovo piano d'azione interculturale",
            "impegno",
            60,
            Commitment.Status.IN_PROGRESS,
        ),
        (
            icc,
            "Formare 40 dipendenti comunali alla competenza interculturale",
            "intelligenza-interculturale",
            -15,
            Commitment.Status.IN_PROGRESS,
        ),
        (
            icc,
            "Guida di benvenuto in sei lingue per i nuovi residenti",
            "accoglienza",
            -90,
            Commitment.Status.COMPLETED,
        ),
        (
            dialogo,
            "Tavolo con le associazioni sul lavoro e l'impresa",
            "imprese-e-lavoro",
            120,
            Commitment.Status.PLANNED,
        ),
        (
            icc,
            "Campagna contro le discriminazioni nei quartieri",
            "antidiscriminazione",
            -5,
            Commitment.Status.PLANNED,
        ),
    ]
    for network, title, area, days, status in commitments:
        commitment, _ = Commitment.objects.update_or_create(
            network=network,
            title=title,
            defaults={
                "area": areas[area],
                "owner": staff,
                "due_date": today + timedelta(days=days),
                "status": status,
                "completed_on": today - timedelta(days=100)
                if status == Commitment.Status.COMPLETED
                else None,
            },
        )
        if status == Commitment.Status.COMPLETED:
            CommitmentEvidence.objects.get_or_create(
                commitment=commitment,
                description="Pagina della guida sul sito del Comune (link dimostrativo)",
                defaults={"link": "https://www.comune.re.it/", "added_by": staff},
            )
        ProgressNote.objects.get_or_create(
            commitment=commitment,
            text="Nota dimostrativa: incontro di avvio svolto con gli uffici coinvolti.",
            defaults={"author": staff},
        )

    for index, year in enumerate((2022, 2023, 2024)):
        assessment, _ = Assessment.objects.update_or_create(
            year=year, defaults={"notes": ILLUSTRATIVE, "created_by": staff}
        )
        for slug, values in SCORES.items():
            if values[index] is None:
                continue
            AreaScore.objects.update_or_create(
                assessment=assessment,
                area=areas[slug],
                defaults={
                    "score": values[index],
                    "peer_average": PEERS_2024.get(slug) if year == 2024 else None,
                    "evidence": "Dato illustrativo per la demo.",
                },
            )

    practices = [
        (
            "mondinsieme-centro-interculturale",
            "Mondinsieme, il centro interculturale della città",
            "impegno",
            True,
            "Dal 2001 il centro interculturale del Comune, oggi fondazione di partecipazione, "
            "riunisce le associazioni delle diaspore e lavora con scuole, servizi e imprese.",
            "Comune di Reggio Emilia; associazioni delle diaspore",
            "https://www.mondinsieme.org/",
        ),
        (
            "mediatori-nei-servizi",
            "Mediatori interculturali nei servizi comunali",
            "servizi-pubblici",
            True,
            "Mediatori linguistico-culturali affiancano gli sportelli nei giorni di maggiore "
            "affluenza (descrizione dimostrativa).",
            "Fondazione Mondinsieme",
            "",
        ),
        (
            "bozza-quartieri",
            "Feste di quartiere con le associazioni (bozza)",
            "quartieri",
            False,
            "Bozza interna, non ancora pubblicata.",
            "",
            "",
        ),
    ]
    for slug, title, area, public, description, partners, links in practices:
        GoodPractice.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "area": areas[area],
                "network": icc,
                "is_public": public,
                "description": description,
                "partners": partners,
                "links": links,
            },
        )
    lines = [
        "Reti: 3 adesioni (ICC e Città del Dialogo), "
        f"{len(events)} eventi, {len(commitments)} impegni, 3 autovalutazioni ICC "
        "(punteggi illustrativi), 3 buone pratiche."
    ]
    if scale > 1:
        added = seed_scale(scale, staff, [icc, dialogo], list(areas.values()))
        lines.append(
            f"Reti (--scale {scale}): generati ora {added[0]} eventi, {added[1]} azioni da "
            f"seguire, {added[2]} impegni, {added[3]} buone pratiche."
        )
    return lines


def _membership(
    network, organisation, *, status, since, founder, focal_point, notes, steps_done_on
):
    membership, _ = NetworkMembership.objects.update_or_create(
        network=network,
        organisation=organisation,
        defaults={
            "status": status,
            "since": since,
            "founder": founder,
            "focal_point": focal_point,
            "notes": notes,
        },
    )
    for definition in network.step_definitions.all():
        step, created = JoiningStep.objects.get_or_create(
            membership=membership, definition=definition
        )
        if created and steps_done_on:
            step.completed_on = steps_done_on
            step.save(update_fields=["completed_on"])
    return membership


# --- Generated rows for --scale --------------------------------------------------------------

SCALE_EVENTS_PER_STEP = 5
SCALE_COMMITMENTS_PER_STEP = 6
SCALE_PRACTICES_PER_STEP = 2
SCALE_EVENT_TITLE = "Incontro di rete n. {:04d} (demo)"
SCALE_COMMITMENT_TITLE = "Impegno del piano d'azione n. {:04d} (demo)"
SCALE_PRACTICE_SLUG = "buona-pratica-demo-{:04d}"
SCALE_NOTE = "Dato generato per la prova di carico (inventato)."
PLACES = ["Online", "Strasburgo", "Reggio Emilia", "Bologna", "Lisbona", "Online"]
COMMITMENT_CYCLE = [
    Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS, Commitment.Status.COMPLETED,
    Commitment.Status.IN_PROGRESS, Commitment.Status.COMPLETED, Commitment.Status.CANCELLED,
]  # fmt: skip


def _missing(queryset, field: str, template: str, count: int) -> list[int]:
    prefix = template.split("{")[0]
    existing = set(
        queryset.filter(**{f"{field}__startswith": prefix}).values_list(field, flat=True)
    )
    return [n for n in range(1, count + 1) if template.format(n) not in existing]


def _ids(queryset, field: str, template: str) -> dict[str, int]:
    prefix = template.split("{")[0]
    return dict(queryset.filter(**{f"{field}__startswith": prefix}).values_list(field, "id"))


def seed_scale(scale: int, staff: User, networks: list, areas: list) -> tuple[int, int, int, int]:
    """Add (scale - 1) × 5 events, × 6 commitments and × 2 good practices; return new counts."""
    steps = scale - 1
    today = timezone.localdate()
    kinds = list(NetworkEvent.Kind)
    areas = sorted(areas, key=lambda area: area.position)
    associations = list(
        Association.objects.filter(slug__startswith=SCALE_SLUG_PREFIX)
        .order_by("slug")
        .values_list("pk", flat=True)
    )

    new_events = {}
    for n in _missing(
        NetworkEvent.objects, "title", SCALE_EVENT_TITLE, steps * SCALE_EVENTS_PER_STEP
    ):
        # Most events lie in the past; one in five is still to come.
        starts = today + timedelta(days=10 + n % 50 if n % 5 == 0 else -(5 + n * 11))
        new_events[n] = NetworkEvent(
            network=networks[n % len(networks)],
            kind=kinds[n % len(kinds)],
            title=SCALE_EVENT_TITLE.format(n),
            starts_on=starts,
            ends_on=starts + timedelta(days=n % 3),
            place=PLACES[n % len(PLACES)],
            is_public=n % 4 != 0,
            report="" if n % 5 == 0 else f"Resoconto dimostrativo. {SCALE_NOTE}",
        )
    NetworkEvent.objects.bulk_create(new_events.values(), batch_size=BATCH_SIZE)
    event_ids = _ids(NetworkEvent.objects, "title", SCALE_EVENT_TITLE)
    event_pk = {n: event_ids[event.title] for n, event in new_events.items()}
    staff_through = NetworkEvent.staff_participants.through
    staff_through.objects.bulk_create(
        [staff_through(networkevent_id=pk, user_id=staff.pk) for pk in event_pk.values()],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    if associations:
        through = NetworkEvent.associations.through
        through.objects.bulk_create(
            [
                through(
                    networkevent_id=pk, association_id=associations[(n * k) % len(associations)]
                )
                for n, pk in event_pk.items()
                for k in (1, 2)
            ],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )

    new_commitments = {}
    for n in _missing(
        Commitment.objects, "title", SCALE_COMMITMENT_TITLE, steps * SCALE_COMMITMENTS_PER_STEP
    ):
        status = COMMITMENT_CYCLE[n % len(COMMITMENT_CYCLE)]
        new_commitments[n] = Commitment(
            network=networks[n % len(networks)],
            title=SCALE_COMMITMENT_TITLE.format(n),
            description=f"Impegno dimostrativo. {SCALE_NOTE}",
            area=areas[n % len(areas)],
            owner=staff,
            # Spread around today: some open commitments are overdue.
            due_date=today + timedelta(days=(n * 29) % 400 - 120),
            status=status,
            status_changed_at=None
            if status == Commitment.Status.PLANNED
            else timezone.now() - timedelta(days=1 + n % 60),
            completed_on=today - timedelta(days=1 + n % 200)
            if status == Commitment.Status.COMPLETED
            else None,
        )
    Commitment.objects.bulk_create(new_commitments.values(), batch_size=BATCH_SIZE)
    commitment_ids = _ids(Commitment.objects, "title", SCALE_COMMITMENT_TITLE)
    commitment_pk = {n: commitment_ids[c.title] for n, c in new_commitments.items()}
    ProgressNote.objects.bulk_create(
        [
            ProgressNote(commitment_id=pk, author=staff, text=f"Nota di avanzamento. {SCALE_NOTE}")
            for pk in commitment_pk.values()
        ],
        batch_size=BATCH_SIZE,
    )
    CommitmentEvidence.objects.bulk_create(
        [
            CommitmentEvidence(
                commitment_id=commitment_pk[n],
                description="Pagina dimostrativa con il risultato",
                link=f"https://www.example.org/impegni/{n:04d}",
                added_by=staff,
            )
            for n, c in new_commitments.items()
            if c.status == Commitment.Status.COMPLETED
        ],
        batch_size=BATCH_SIZE,
    )

    # Each new event leaves one or two follow-ups; the first of event n becomes commitment n
    # when both were generated in this run (a OneToOne: never twice).
    followups = [
        FollowUpAction(
            event_id=pk,
            text=f"Azione da seguire {index + 1} dell'incontro n. {n:04d} (demo)",
            commitment_id=commitment_pk.get(n) if index == 0 and n % 2 else None,
        )
        for n, pk in event_pk.items()
        if n % 5 != 0
        for index in range(1 + n % 2)
    ]
    FollowUpAction.objects.bulk_create(followups, batch_size=BATCH_SIZE)

    new_practices = [
        GoodPractice(
            slug=SCALE_PRACTICE_SLUG.format(n),
            title=f"Buona pratica dimostrativa n. {n:04d}",
            area=areas[(n * 3) % len(areas)],
            network=networks[n % len(networks)],
            is_public=n % 3 != 0,
            description=f"Descrizione dimostrativa della pratica. {SCALE_NOTE}",
            partners="Associazioni delle diaspore (demo)",
            links=f"https://www.example.org/pratiche/{n:04d}",
        )
        for n in _missing(
            GoodPractice.objects, "slug", SCALE_PRACTICE_SLUG, steps * SCALE_PRACTICES_PER_STEP
        )
    ]
    GoodPractice.objects.bulk_create(new_practices, batch_size=BATCH_SIZE)
    if new_events or new_commitments or new_practices:
        # bulk_create sends no signals: make cached public pages of the app stale by hand.
        generation_bump("networks")
    return len(new_events), len(followups), len(new_commitments), len(new_practices)
