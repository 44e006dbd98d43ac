"""Demo data: Reggio Emilia in the ICC network and in Città del Dialogo (idempotent)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from associations.models import Association
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
    return [
        "Reti: 3 adesioni (ICC e Città del Dialogo), "
        f"{len(events)} eventi, {len(commitments)} impegni, 3 autovalutazioni ICC "
        "(punteggi illustrativi), 3 buone pratiche."
    ]


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
