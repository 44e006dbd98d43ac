"""Demo data: real-looking calls (DESIGN.md §1) with their criteria, proposals at every stage,
reviews and one awarded project. Idempotent: calls by slug, proposals by association and title;
a proposal walks the pipeline through the services only when it is first created.

With ``--scale N`` (N > 1) every step adds ``SCALE_CALLS_PER_STEP`` generated calls
("bando-demo-0001"...) with criteria and ``len(SCALE_STAGES)`` generated proposals
("Progetto demo 0001: ...") of the generated associations, at every stage and many final,
with reviews and scores where the stage has them: all with ``bulk_create``, skipping what
exists, so a re-run adds nothing and a larger scale adds only the difference."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import cycle

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from associations.demo_data import ASSOCIATIONS, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from associations.management.commands.seed_demo import BATCH_SIZE, generated_leaders
from associations.models import Association, City, Theme
from mondinsieme.models import User

from . import services
from .models import Call, Criterion, Funder, Proposal, Review, Score

S = Proposal.Status
D = Decimal

FUNDERS = [
    {
        "slug": "commissione-europea",
        "name": "Commissione europea",
        "kind": Funder.Kind.EU,
        "website": "https://commission.europa.eu/funding-tenders_it",
    },
    {
        "slug": "aics",
        "name": "AICS - Agenzia italiana per la cooperazione allo sviluppo",
        "kind": Funder.Kind.AICS,
        "website": "https://www.aics.gov.it",
    },
]

# Criteria: (name, description, max points, weight, pass mark).
CERV_GRID = [
    ("Pertinenza", "Coerenza con gli obiettivi del programma CERV.", 30, D(1), D(15)),
    ("Qualità del progetto", "Attività, calendario, gestione dei rischi.", 30, D(1), D(15)),
    ("Qualità del partenariato", "Ruoli chiari, città di almeno due paesi.", 20, D(1), D(10)),
    ("Impatto", "Partecipanti, visibilità, effetti dopo il progetto.", 20, D(1), D(10)),
]
NDICI_GRID = [
    ("Pertinenza", "Rispetto alle priorità e ai bisogni del paese.", 30, D(1), None),
    ("Disegno dell'azione", "Logica di intervento, fattibilità.", 20, D(1), None),
]
AICS_GRID = [
    ("Qualità e coerenza", "Analisi del contesto, logica di intervento.", 40, D(1), D(24)),
    (
        "Partenariato territoriale",
        "Ruolo della diaspora e degli enti territoriali.",
        30,
        D(1),
        None,
    ),
    ("Sostenibilità", "Risultati che durano dopo il finanziamento.", 30, D(1), None),
]
AMIF_GRID = [
    ("Pertinenza", "Integrazione locale dei cittadini di paesi terzi.", 30, D(2), D(15)),
    ("Qualità", "Metodo, risorse, monitoraggio.", 40, D(1), D(20)),
    ("Impatto e diffusione", "Effetti misurabili e trasferibili.", 30, D(1), None),
]


def _calls(now) -> list[dict]:
    return [
        {
            "slug": "cerv-gemellaggio-tra-citta",
            "funder": "commissione-europea",
            "title": "CERV - Gemellaggio tra città (Town twinning)",
            "reference": "CERV-2026-CITIZENS-TOWN-TT",
            "link": "https://ec.europa.eu/info/funding-tenders/opportunities/portal/",
            "summary": (
                "Incontri tra cittadini di città gemellate: eventi di almeno 50 partecipanti, "
                "di cui almeno 25 invitati dall'estero. Comuni di almeno due paesi ammissibili, "
                "uno dell'Unione europea. Contributo a somma forfettaria."
            ),
            "opens_at": now - timedelta(days=60),
            "deadline": now + timedelta(days=6, hours=3),
            "grant_min": D("8455"),
            "grant_max": D("50745"),
            "funding_rate": D(100),
            "duration_min_months": 6,
            "duration_max_months": 12,
            "requires_art26": False,
            "status": Call.Status.OPEN,
            "themes": ["intercultura", "diritti"],
            "grid": CERV_GRID,
            "total_pass_mark": D(70),
            "required_documents": (
                "- Modulo di candidatura\n- Programma degli eventi\n- Lettere dei comuni partner"
            ),
        },
        {
            "slug": "cerv-reti-di-citta",
            "funder": "commissione-europea",
            "title": "CERV - Reti di città (Networks of towns)",
            "reference": "CERV-2026-CITIZENS-TOWN-NT",
            "summary": (
                "Reti di almeno 4 proponenti da 4 paesi, di cui 2 dell'Unione europea, su temi "
                "comuni per 12-24 mesi."
            ),
            "opens_at": now - timedelta(days=30),
            "deadline": now + timedelta(days=45),
            "grant_min": D("30000"),
            "grant_max": D("150000"),
            "funding_rate": D(90),
            "duration_min_months": 12,
            "duration_max_months": 24,
            "requires_art26": False,
            "status": Call.Status.OPEN,
            "themes": ["intercultura", "giovani"],
            "grid": CERV_GRID,
            "total_pass_mark": D(70),
        },
        {
            "slug": "aics-enti-territoriali",
            "funder": "aics",
            "title": "AICS - Bando per gli enti territoriali (lotto 1)",
            "reference": "AICS-ET-2023-L1",
            "summary": (
                "Iniziative di cooperazione degli enti territoriali con le organizzazioni della "
                "società civile iscritte all'elenco art. 26. Durata 24-36 mesi, AICS copre al "
                "massimo l'80% del costo."
            ),
            "opens_at": now - timedelta(days=400),
            "deadline": now - timedelta(days=250),
            "total_budget": D("60000000"),
            "grant_min": D("300000"),
            "grant_max": D("1400000"),
            "funding_rate": D(80),
            "duration_min_months": 24,
            "duration_max_months": 36,
            "requires_art26": True,
            "status": Call.Status.CLOSED,
            "eligible_countries": ["SN", "BF", "ML", "GH", "MA", "TN", "AL", "MD", "UA"],
            "themes": ["cooperazione"],
            "grid": AICS_GRID,
            "total_pass_mark": D(60),
        },
        {
            "slug": "amif-integrazione-locale",
            "funder": "commissione-europea",
            "title": "AMIF - Integrazione locale dei cittadini di paesi terzi",
            "reference": "AMIF-2026-TF2-AG-INTE",
            "summary": (
                "Progetti transnazionali di almeno 5 proponenti da 5 Stati membri. "
                "Contributo tra 1 e 2 milioni di euro, fino al 90% dei costi."
            ),
            "opens_at": now - timedelta(days=20),
            "deadline": now + timedelta(days=90),
            "grant_min": D("1000000"),
            "grant_max": D("2000000"),
            "funding_rate": D(90),
            "duration_min_months": 24,
            "duration_max_months": 36,
            "requires_art26": False,
            "status": Call.Status.OPEN,
            "themes": ["diritti", "lavoro"],
            "grid": AMIF_GRID,
            "total_pass_mark": None,
        },
        {
            "slug": "ndici-organizzazioni-societa-civile",
            "funder": "commissione-europea",
            "title": "NDICI-Global Europe - Organizzazioni della società civile (concept note)",
            "reference": "NDICI-CSO-2026",
            "summary": (
                "Prima fase: concept note valutata su 50 punti (pertinenza 30, disegno 20). "
                "Le migliori sono invitate a presentare la proposta completa."
            ),
            "opens_at": now - timedelta(days=40),
            "deadline": now + timedelta(days=20),
            "grant_min": D("100000"),
            "grant_max": D("500000"),
            "funding_rate": D(90),
            "duration_min_months": 18,
            "duration_max_months": 36,
            "requires_art26": False,
            "status": Call.Status.OPEN,
            "eligible_countries": ["GH", "SN", "BF", "NG", "CI", "ML"],
            "themes": ["cooperazione", "ambiente"],
            "grid": NDICI_GRID,
            "total_pass_mark": D(30),
        },
    ]


# (association slug, title, call slug, target stage, countries, cities, budget, requested, cofin,
#  months, summary)
PROPOSALS = [
    (
        "associazione-ponti-sul-mediterraneo-demo",
        "Scuole aperte tra Reggio Emilia e Casablanca (demo)",
        "aics-enti-territoriali",
        S.AWARDED,
        ["MA"],
        ["casablanca"],
        "600000",
        "480000",
        "120000",
        30,
        "Laboratori di italiano e arabo nelle scuole e scambi di insegnanti.",
    ),
    (
        "donne-del-maghreb-in-rete-demo",
        "Donne imprenditrici tra Emilia e Maghreb (demo)",
        "amif-integrazione-locale",
        S.INFO_REQUESTED,
        ["MA", "TN"],
        ["tunisi"],
        "1400000",
        "1260000",
        "140000",
        24,
        "Percorsi di avvio d'impresa per donne arrivate da paesi terzi.",
    ),
    (
        "associazione-shqiponja-reggio-demo",
        "Rete giovani tra Reggio e Durazzo (demo)",
        "cerv-reti-di-citta",
        S.FULL_PROPOSAL,
        ["AL"],
        ["durazzo", "tirana"],
        "110000",
        "99000",
        "11000",
        18,
        "Una rete di consigli comunali dei ragazzi in quattro città.",
    ),
    (
        "associazione-girasoli-d-ucraina-demo",
        "Cori e memoria: Reggio Emilia e Leopoli (demo)",
        "cerv-gemellaggio-tra-citta",
        S.INTERNAL_EVALUATION,
        ["UA"],
        ["leopoli"],
        "40000",
        "40000",
        "0",
        9,
        "Un festival corale con 60 partecipanti, 30 dei quali da Leopoli.",
    ),
    (
        "ghana-development-network-emilia-demo",
        "Acqua pulita nei mercati di Kumasi (demo)",
        "ndici-organizzazioni-societa-civile",
        S.CONCEPT_NOTE,
        ["GH"],
        ["kumasi"],
        "350000",
        "315000",
        "35000",
        24,
        "Punti d'acqua e formazione dei comitati dei mercati.",
    ),
    (
        "associazione-faso-reggio-demo",
        "Formazione agricola a Koudougou (demo)",
        None,
        S.IDEA,
        ["BF"],
        [],
        "90000",
        "72000",
        "18000",
        24,
        "Un'idea da sviluppare: corsi di agroecologia con i rientrati dalla diaspora.",
    ),
    (
        "associazione-punjab-seva-reggio-demo",
        "Festival delle diaspore in piazza (demo)",
        "cerv-gemellaggio-tra-citta",
        S.SCREENING,
        ["IN"],
        ["ludhiana"],
        "30000",
        "30000",
        "0",
        6,
        "Tre giorni di musica, cucina e incontri con le città di origine.",
    ),
    (
        "ucraina-accoglienza-reggio-demo",
        "Accoglienza e scuola per i ragazzi ucraini (demo)",
        "cerv-reti-di-citta",
        S.SUBMITTED,
        ["UA"],
        ["kyiv", "ternopil"],
        "140000",
        "126000",
        "14000",
        24,
        "Mediatori scolastici e doposcuola in rete con tre città europee.",
    ),
    (
        "associazione-ponti-sul-mediterraneo-demo",
        "Porti e memorie del Mediterraneo (demo)",
        "cerv-reti-di-citta",
        S.REJECTED,
        ["TN"],
        ["sfax"],
        "120000",
        "108000",
        "12000",
        20,
        "Archivio di storie di migrazione tra Sfax e Reggio Emilia.",
    ),
    (
        "donne-del-maghreb-in-rete-demo",
        "Sportello salute donne (demo)",
        None,
        S.WITHDRAWN,
        ["MA"],
        [],
        "20000",
        "16000",
        "4000",
        12,
        "Idea ritirata: confluisce in un progetto del distretto sanitario.",
    ),
]

PIPELINE = [S.SCREENING, S.CONCEPT_NOTE, S.FULL_PROPOSAL, S.INTERNAL_EVALUATION, S.SUBMITTED]
REVIEWERS = [
    {"email": f"revisore1@{DEMO_EMAIL_DOMAIN}", "full_name": "Giulia Ferretti (revisora demo)"},
    {"email": f"revisore2@{DEMO_EMAIL_DOMAIN}", "full_name": "Samuel Owusu (revisore demo)"},
]


def _seed_calls(now) -> dict[str, Call]:
    funders = {
        row["slug"]: Funder.objects.update_or_create(slug=row["slug"], defaults=row)[0]
        for row in FUNDERS
    }
    calls = {}
    for row in _calls(now):
        row = dict(row)
        grid = row.pop("grid")
        themes = row.pop("themes")
        row["funder"] = funders[row["funder"]]
        call, _created = Call.objects.update_or_create(slug=row["slug"], defaults=row)
        call.themes.set(Theme.objects.filter(slug__in=themes))
        for order, (name, description, max_points, weight, pass_mark) in enumerate(grid):
            Criterion.objects.update_or_create(
                call=call,
                name=name,
                defaults={
                    "description": description,
                    "max_points": max_points,
                    "weight": weight,
                    "pass_mark": pass_mark,
                    "order": order,
                },
            )
        calls[call.slug] = call
    return calls


def _reviewers() -> list[User]:
    password = make_password(DEMO_PASSWORD)
    users = []
    for row in REVIEWERS:
        user, created = User.objects.get_or_create(
            email=row["email"], defaults={"full_name": row["full_name"], "password": password}
        )
        if created:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        users.append(user)
    return users


def _review(proposal, reviewer, staff, *, fraction: float, submit: bool = True) -> None:
    review = services.review_assign(
        proposal=proposal,
        reviewer=reviewer,
        actor=staff,
        due_date=timezone.localdate() + timedelta(days=10),
        notify=False,
    )
    services.review_declare(review=review, actor=reviewer, conflict=False)
    scores = {
        c.pk: (str(round(c.max_points * fraction, 1)), "Valutazione dimostrativa.")
        for c in proposal.call.criteria.all()
    }
    services.review_score(
        review=review,
        actor=reviewer,
        scores=scores,
        recommendation=Review.Recommendation.FUND
        if fraction >= 0.6
        else Review.Recommendation.REJECT,
        comments="Commento dimostrativo.",
        submit=submit,
    )


def _walk(proposal, target, *, leader, staff, reviewers) -> None:
    """Move a new proposal to ``target`` through the services, as people would."""

    def move(to, actor, note="", **extra):
        services.proposal_transition(
            proposal=proposal, actor=actor, to=to, note=note, notify=False, **extra
        )

    if target == S.IDEA:
        return
    if target == S.WITHDRAWN:
        move(S.WITHDRAWN, leader, "Ci uniamo a un progetto del distretto.")
        return
    move(S.SCREENING, leader)
    if target == S.SCREENING:
        return
    if target == S.INFO_REQUESTED:
        move(S.INFO_REQUESTED, staff, "Quali sono i cinque partner e in quali Stati membri?")
        return
    if target == S.REJECTED:
        for stage in (S.CONCEPT_NOTE, S.FULL_PROPOSAL, S.INTERNAL_EVALUATION):
            move(stage, staff)
        _review(proposal, reviewers[0], staff, fraction=0.45)
        move(S.REJECTED, staff, "Sotto la soglia di pertinenza.")
        return
    for stage in PIPELINE[1:]:
        if stage == S.INTERNAL_EVALUATION and target in (
            S.INTERNAL_EVALUATION,
            S.SUBMITTED,
            S.AWARDED,
        ):
            move(stage, staff)
            _review(proposal, reviewers[0], staff, fraction=0.8)
            _review(
                proposal, reviewers[1], staff, fraction=0.7, submit=target != S.INTERNAL_EVALUATION
            )
        else:
            move(stage, staff)
        if stage == target:
            return
    move(
        S.AWARDED,
        staff,
        "Decreto di concessione ricevuto.",
        awarded_amount=proposal.requested_amount,
    )


SCALE_CALL_PREFIX = "bando-demo-"
SCALE_PROPOSAL_PREFIX = "Progetto demo "
SCALE_CALLS_PER_STEP = 2
#: Generated associations (and leaders) that seed_demo adds per scale step.
SCALE_ASSOCIATIONS_PER_STEP = len(ASSOCIATIONS)
#: One step's proposals, by stage: every live stage once, the final ones more often, as a
#: pipeline looks after a few years.
SCALE_STAGES = [
    S.IDEA,
    S.SCREENING,
    S.INFO_REQUESTED,
    S.CONCEPT_NOTE,
    S.FULL_PROPOSAL,
    S.INTERNAL_EVALUATION,
    S.SUBMITTED,
    S.AWARDED,
    S.AWARDED,
    S.REJECTED,
    S.REJECTED,
    S.WITHDRAWN,
]
SCALE_SUBJECTS = [
    "Orti condivisi tra Reggio Emilia e le città di origine",
    "Borse di studio per giovani della diaspora",
    "Sportello di orientamento al lavoro",
    "Scambi tra scuole e biblioteche",
    "Energia solare nei centri di salute",
    "Formazione di mediatrici culturali",
    "Festival delle lingue madri",
    "Microcredito per piccole imprese",
    "Acqua e igiene nei villaggi rurali",
    "Memorie di migrazione in digitale",
    "Sport e inclusione nei quartieri",
    "Filiere agricole tra Emilia e Africa occidentale",
]


def _scale_number(text: str, prefix: str) -> int:
    return int(text.removeprefix(prefix)[:4])


def _scale_calls(numbers: list[int], funders: list[Funder], now) -> dict[int, int]:
    """Create the generated calls ``numbers`` (even: closed, odd: open) with their criteria."""
    existing = {
        _scale_number(slug, SCALE_CALL_PREFIX)
        for slug in Call.objects.filter(slug__startswith=SCALE_CALL_PREFIX).values_list(
            "slug", flat=True
        )
    }
    new = [number for number in numbers if number not in existing]
    grids = [CERV_GRID, AICS_GRID, AMIF_GRID, NDICI_GRID]
    calls = []
    for number in new:
        open_call = number % 2 == 1
        opens_at = now - timedelta(days=30 if open_call else 400 + 30 * number % 700)
        calls.append(
            Call(
                funder=funders[number % len(funders)],
                title=f"Bando demo {number:04d} per progetti di cooperazione (demo)",
                slug=f"{SCALE_CALL_PREFIX}{number:04d}",
                reference=f"DEMO-{number:04d}",
                summary="Bando dimostrativo generato per i test di carico: dati fittizi.",
                opens_at=opens_at,
                deadline=opens_at + timedelta(days=120),
                grant_min=D("10000"),
                grant_max=D("200000"),
                funding_rate=D(90),
                duration_min_months=6,
                duration_max_months=36,
                status=Call.Status.OPEN if open_call else Call.Status.CLOSED,
                status_changed_at=opens_at,
                total_pass_mark=None,
            )
        )
    Call.objects.bulk_create(calls, batch_size=BATCH_SIZE)
    ids = {
        _scale_number(slug, SCALE_CALL_PREFIX): pk
        for slug, pk in Call.objects.filter(slug__startswith=SCALE_CALL_PREFIX).values_list(
            "slug", "pk"
        )
    }
    Criterion.objects.bulk_create(
        [
            Criterion(
                call_id=ids[number],
                name=name,
                description=description,
                max_points=max_points,
                weight=weight,
                pass_mark=pass_mark,
                order=order,
            )
            for number in new
            for order, (name, description, max_points, weight, pass_mark) in enumerate(
                grids[number % len(grids)]
            )
        ],
        batch_size=BATCH_SIZE,
    )
    return {number: ids[number] for number in numbers}


def _scale_leaders() -> list[tuple[int, int, int, list[str]]]:
    """(number, user id, association id, countries) of generated approved associations."""
    leaders = generated_leaders()
    countries = dict(
        Association.objects.filter(pk__in=[a for _u, a in leaders.values()]).values_list(
            "id", "countries_of_intervention"
        )
    )
    return sorted(
        (number, user_id, association, [c for c in str(countries[association]).split(",") if c])
        for number, (user_id, association) in leaders.items()
    )


def _scale_proposal(number: int, call_id: int | None, leader, stage: str, now) -> Proposal:
    _leader_number, user_id, association_id, countries = leader
    budget = D(20000 + (number * 7919) % 180000)
    requested = (budget * D("0.8")).quantize(D(1))
    # Final stages happened long ago, live ones recently (some sit there too long).
    days = 60 + number * 13 % 900 if stage in Proposal.FINAL else number * 7 % 50
    extra = {}
    if stage == S.INFO_REQUESTED:
        extra = {
            "questions": "Potete indicare i partner e il calendario delle attività?",
            "returns_to": S.FULL_PROPOSAL,
        }
    if stage == S.AWARDED:
        extra["awarded_amount"] = requested
    return Proposal(
        association_id=association_id,
        call_id=call_id,
        title=f"{SCALE_PROPOSAL_PREFIX}{number:04d}: "
        f"{SCALE_SUBJECTS[number % len(SCALE_SUBJECTS)]}",
        summary="Proposta dimostrativa generata per i test di carico: contenuti fittizi.",
        objectives="1. Coinvolgere la diaspora.\n2. Rafforzare i legami tra le città.",
        countries=countries,
        budget=budget,
        requested_amount=requested,
        cofinancing=budget - requested,
        duration_months=6 + number % 31,
        status=stage,
        status_changed_at=now - timedelta(days=days, hours=number % 24),
        created_by_id=user_id,
        **extra,
    )


def seed_scale(scale: int, reviewers: list[User], staff: User, now) -> dict[str, int]:
    """Add (scale - 1) steps of generated calls, proposals, reviews and scores, in bulk."""
    added = {"calls": 0, "proposals": 0, "reviews": 0, "scores": 0}
    steps = range(1, scale)
    if not steps:
        return added
    calls_before = Call.objects.filter(slug__startswith=SCALE_CALL_PREFIX).count()
    funders = list(Funder.objects.order_by("slug"))
    call_ids = _scale_calls(list(range(1, (scale - 1) * SCALE_CALLS_PER_STEP + 1)), funders, now)
    added["calls"] = len(call_ids) - calls_before
    existing = {
        _scale_number(title, SCALE_PROPOSAL_PREFIX)
        for title in Proposal.objects.filter(title__startswith=SCALE_PROPOSAL_PREFIX).values_list(
            "title", flat=True
        )
    }
    leaders = _scale_leaders()
    proposals = []
    for step in steps:
        # The leaders of the associations generated at this step, so that the same proposal
        # always belongs to the same association whatever the final scale.
        pool = [
            leader
            for leader in leaders
            if (step - 1) * SCALE_ASSOCIATIONS_PER_STEP
            < leader[0]
            <= step * SCALE_ASSOCIATIONS_PER_STEP
        ]
        if not pool:
            continue
        closed_call = call_ids[(step - 1) * SCALE_CALLS_PER_STEP + 2]
        open_call = call_ids[(step - 1) * SCALE_CALLS_PER_STEP + 1]
        picks = cycle(pool[::2] + pool[1::2])
        for index, stage in enumerate(SCALE_STAGES):
            number = (step - 1) * len(SCALE_STAGES) + index + 1
            leader = next(picks)
            if number in existing:
                continue
            if stage == S.IDEA:
                call_id = None
            elif stage in (*Proposal.FINAL, S.SUBMITTED):
                call_id = closed_call
            else:
                call_id = open_call
            proposals.append(_scale_proposal(number, call_id, leader, stage, now))
    if not proposals:
        return added
    Proposal.objects.bulk_create(proposals, batch_size=BATCH_SIZE)
    added["proposals"] = len(proposals)
    new_titles = {proposal.title for proposal in proposals}
    stored = [
        row
        for row in Proposal.objects.filter(title__startswith=SCALE_PROPOSAL_PREFIX).values_list(
            "pk", "title", "status", "call_id", "status_changed_at"
        )
        if row[1] in new_titles
    ]
    city = City.objects.filter(slug="reggio-emilia").first()
    if city is not None:
        Proposal.partner_cities.through.objects.bulk_create(
            [
                Proposal.partner_cities.through(proposal_id=row[0], city_id=city.pk)
                for row in stored
            ],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )
    # Reviews where the pipeline has them: two per proposal that reached internal evaluation.
    reviewed = (S.INTERNAL_EVALUATION, S.SUBMITTED, S.AWARDED, S.REJECTED)
    reviews = []
    for pk, _title, status, _call_id, changed in stored:
        if status not in reviewed or len(reviewers) < 2:
            continue
        for order, reviewer in enumerate(reviewers[:2]):
            done = not (status == S.INTERNAL_EVALUATION and order == 1)
            fraction = 0.45 if status == S.REJECTED else (0.8 if order == 0 else 0.7)
            reviews.append(
                Review(
                    proposal_id=pk,
                    reviewer=reviewer,
                    assigned_by=staff,
                    due_date=(changed - timedelta(days=5)).date(),
                    status=Review.Status.SUBMITTED if done else Review.Status.SCORING,
                    status_changed_at=changed - timedelta(days=10 - order),
                    recommendation=(
                        Review.Recommendation.FUND
                        if fraction >= 0.6
                        else Review.Recommendation.REJECT
                    )
                    if done
                    else "",
                    comments="Commento dimostrativo." if done else "",
                    submitted_at=changed - timedelta(days=10 - order) if done else None,
                )
            )
            reviews[-1].fraction = fraction
    Review.objects.bulk_create(reviews, batch_size=BATCH_SIZE)
    added["reviews"] = len(reviews)
    fractions = {(r.proposal_id, r.reviewer.pk): r.fraction for r in reviews}
    calls_of = {row[0]: row[3] for row in stored}
    criteria: dict[int, list[Criterion]] = {}
    for criterion in Criterion.objects.filter(call_id__in=set(calls_of.values())):
        criteria.setdefault(criterion.call_id, []).append(criterion)
    scores = []
    for review_id, proposal_id, reviewer_id in Review.objects.filter(
        proposal_id__in=calls_of
    ).values_list("pk", "proposal_id", "reviewer_id"):
        fraction = fractions.get((proposal_id, reviewer_id))
        if fraction is None:
            continue
        for criterion in criteria.get(calls_of[proposal_id], []):
            scores.append(
                Score(
                    review_id=review_id,
                    criterion_id=criterion.pk,
                    # bulk_create skips Score.save(): copy the range the database checks.
                    max_points=criterion.max_points,
                    points=D(str(round(criterion.max_points * fraction, 1))),
                    comment="Valutazione dimostrativa.",
                )
            )
    Score.objects.bulk_create(scores, batch_size=BATCH_SIZE)
    added["scores"] = len(scores)
    return added


def seed(*, scale: int) -> list[str]:
    """Calls, criteria, proposals at every stage, reviews and one awarded project."""
    now = timezone.now()
    calls = _seed_calls(now)
    staff = User.objects.filter(email=f"staff@{DEMO_EMAIL_DOMAIN}").first()
    if staff is None:
        return ["Bandi: creati i bandi; proposte saltate (manca l'utente staff dimostrativo)."]
    reviewers = _reviewers()
    created = 0
    for (
        slug,
        title,
        call_slug,
        target,
        countries,
        cities,
        budget,
        requested,
        cofinancing,
        months,
        summary,
    ) in PROPOSALS:
        association = Association.objects.filter(slug=slug).first()
        if association is None:
            continue
        leader = (
            User.objects.filter(
                memberships__association=association,
                memberships__status="active",
                memberships__role__in=["leader", "legal_rep"],
            )
            .order_by("pk")
            .first()
        )
        if leader is None or Proposal.objects.filter(association=association, title=title).exists():
            continue
        call = calls.get(call_slug) if call_slug else None
        proposal = services.proposal_create(
            association=association,
            actor=leader,
            data={
                "title": title,
                "summary": summary,
                "objectives": "1. Coinvolgere la diaspora.\n2. Rafforzare i legami tra le città.",
                "call": call,
                "countries": countries,
                "budget": D(budget),
                "requested_amount": D(requested),
                "cofinancing": D(cofinancing),
                "duration_months": months,
            },
            partner_cities=City.objects.filter(slug="reggio-emilia"),
            cities=City.objects.filter(slug__in=cities),
        )
        _walk(proposal, target, leader=leader, staff=staff, reviewers=reviewers)
        created += 1
    generated = seed_scale(scale, reviewers, staff, now)
    awarded = Proposal.objects.filter(status=S.AWARDED).count()
    return [
        f"Bandi: {Call.objects.count()} ({Call.objects.open().count()} aperti), "
        f"criteri: {Criterion.objects.count()}",
        f"Proposte di progetto: {Proposal.objects.count()} (nuove: {created}, finanziate: "
        f"{awarded}), valutazioni: {Review.objects.count()}",
        f"Revisori: {', '.join(r['email'] for r in REVIEWERS)} (password dimostrativa)",
        f"Bandi e proposte generati per --scale {scale} (nuovi ora): {generated['calls']} bandi, "
        f"{generated['proposals']} proposte, {generated['reviews']} valutazioni, "
        f"{generated['scores']} punteggi.",
    ]
