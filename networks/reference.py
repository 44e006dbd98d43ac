"""Reference data every installation needs: the ICC Index policy areas and the two networks with
their joining steps. Loaded by migration 0002; ``ensure_reference_data`` loads it again where a
test database was flushed.

Weights start at 1 for every area (a plain mean): the Council of Europe's published weights can be
set by staff in the admin without a code change.
"""

from __future__ import annotations

AREAS = [
    # slug, name, English name (the ICC's own), optional
    ("impegno", "Impegno", "Commitment", False),
    ("istruzione", "Istruzione", "Education", False),
    ("quartieri", "Quartieri", "Neighbourhoods", False),
    ("servizi-pubblici", "Servizi pubblici", "Public services", False),
    ("imprese-e-lavoro", "Imprese e mercato del lavoro", "Business and labour market", False),
    ("vita-culturale-e-sociale", "Vita culturale e sociale", "Cultural and social life", False),
    ("spazio-pubblico", "Spazio pubblico", "Public space", False),
    (
        "mediazione",
        "Mediazione e risoluzione dei conflitti",
        "Mediation and conflict resolution",
        False,
    ),
    ("lingua", "Lingua", "Language", False),
    ("media-e-comunicazione", "Media e comunicazione", "Media and communication", False),
    ("prospettiva-internazionale", "Prospettiva internazionale", "International outlook", False),
    (
        "intelligenza-interculturale",
        "Intelligenza e competenza interculturale",
        "Intercultural intelligence and competence",
        False,
    ),
    ("accoglienza", "Accoglienza dei nuovi arrivati", "Welcoming newcomers", False),
    ("leadership-e-cittadinanza", "Leadership e cittadinanza", "Leadership and citizenship", False),
    ("antidiscriminazione", "Antidiscriminazione", "Anti-discrimination", False),
    ("partecipazione", "Partecipazione", "Participation", True),
    ("interazione", "Interazione", "Interaction", True),
]

NETWORKS = [
    {
        "slug": "intercultural-cities",
        "name": "Intercultural Cities (Città interculturali)",
        "acronym": "ICC",
        "scope": "international",
        "coordinator": "Consiglio d'Europa",
        "website": "https://www.coe.int/en/web/interculturalcities",
        "steps": [
            "Questionario dell'indice ICC",
            "Rapporto analitico",
            "Dichiarazione di intenti",
            "Accordo finanziario",
            "Visita degli esperti",
        ],
    },
    {
        "slug": "citta-del-dialogo",
        "name": "Rete italiana Città del Dialogo",
        "acronym": "",
        "scope": "national",
        "coordinator": "ICEI",
        "website": "",
        "steps": ["Delibera del Consiglio comunale", "Accordo di programma"],
    },
]


def load(PolicyArea, Network, JoiningStepDefinition) -> None:
    """Create or update the rows (the models are passed in, so a migration can use its own)."""
    for position, (slug, name, name_en, optional) in enumerate(AREAS, start=1):
        PolicyArea.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "optional": optional, "position": position},
        )
    for data in NETWORKS:
        data = dict(data)
        steps = data.pop("steps")
        network, _ = Network.objects.update_or_create(slug=data.pop("slug"), defaults=data)
        for position, title in enumerate(steps, start=1):
            JoiningStepDefinition.objects.update_or_create(
                network=network, title=title, defaults={"position": position}
            )


def ensure_reference_data() -> None:
    """Load the reference rows if they are missing."""
    from .models import JoiningStepDefinition, Network, PolicyArea

    if (
        not PolicyArea.objects.exists()
        or not Network.objects.filter(slug="citta-del-dialogo").exists()
    ):
        load(PolicyArea, Network, JoiningStepDefinition)
