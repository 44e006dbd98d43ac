"""Demo data: Reggio Emilia's real twinnings and pacts (DESIGN.md §1) as historical records, and
one file in progress with a city of origin of the largest community, with three candidates.

Only the facts DESIGN.md states are recorded (years, dates, terms); nothing is invented for the
real agreements (no resolution numbers or votes that are not known)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from associations.models import Association, City, Community
from mondinsieme.workflow import log_action

from .models import CandidateAssessment, Criterion, Score, TwinningFile

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
    return lines
