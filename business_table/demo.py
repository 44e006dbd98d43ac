"""Demo data of the business table for `manage.py seed_demo` (idempotent, all names "(demo)")."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone

from associations.demo_data import HOST_CITY
from associations.management.commands.seed_demo import BATCH_SIZE, SCALE_SLUG_PREFIX
from associations.models import Association, City, Community
from mondinsieme.cache import generation_bump
from mondinsieme.models import User

from .models import Action, Meeting, Opportunity, TradeAssociation, TradeAssociationContact

# Plainly generic names: the demo must not put words in real organisations' mouths.
TRADE_ASSOCIATIONS = [
    ("industriali-provincia-demo", "Associazione degli industriali della provincia (demo)",
     TradeAssociation.Kind.INDUSTRY, "25, 28, 10", 600),
    ("artigiani-provincia-demo", "Associazione artigiani della provincia (demo)",
     TradeAssociation.Kind.CRAFTS, "43, 25, 95, 96", 9000),
    ("commercio-servizi-provincia-demo", "Associazione del commercio e dei servizi (demo)",
     TradeAssociation.Kind.COMMERCE, "46, 47, 56", 5000),
    ("cooperative-provincia-demo", "Centrale delle cooperative della provincia (demo)",
     TradeAssociation.Kind.COOPERATIVES, "01, 10, 41", 300),
    ("agricoltori-provincia-demo", "Organizzazione agricola provinciale (demo)",
     TradeAssociation.Kind.AGRICULTURE, "01, 10.51, 11", 4000),
    ("camera-di-commercio-demo", "Camera di commercio (demo)",
     TradeAssociation.Kind.CHAMBER, "46, 70, 82", None),
]  # fmt: skip

CONTACT_EMAIL = "tavolo1@demo.example.org"
STAFF_EMAIL = "staff@demo.example.org"


def _moment(days: int, hour: int = 17) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _trade_associations() -> dict[str, TradeAssociation]:
    found = {}
    for slug, name, kind, sectors, members in TRADE_ASSOCIATIONS:
        found[slug], _ = TradeAssociation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "sectors": sectors,
                "contact_name": "Ufficio internazionalizzazione (demo)",
                "contact_email": f"{slug}@demo.example.org",
                "member_companies": members,
                "member_companies_year": 2024 if members else None,
                "description": "Associazione di categoria di prova per il tavolo economico.",
            },
        )
    return found


def _contact(staff: User, trade: TradeAssociation) -> User:
    user, _created = User.objects.get_or_create(
        email=CONTACT_EMAIL,
        defaults={"full_name": "Referente industriali (demo)", "password": staff.password},
    )
    EmailAddress.objects.update_or_create(
        user=user, email=CONTACT_EMAIL, defaults={"verified": True, "primary": True}
    )
    TradeAssociationContact.objects.update_or_create(
        trade_association=trade, user=user, defaults={"role": "Area estero", "active": True}
    )
    return user


MEETINGS = [
    {
        "title": "Prima riunione del tavolo economico (demo)",
        "days": -120,
        "status": Meeting.Status.HELD,
        "agenda": "Presentazione del tavolo\nMappa delle comunità e dei paesi di origine\n"
        "Primi temi di lavoro",
        "minutes": "## Apertura\nIl Comune presenta gli obiettivi del tavolo.\n\n"
        "## Discussione\n- Le associazioni di categoria chiedono contatti affidabili nei paesi "
        "di origine.\n- Le associazioni della diaspora offrono reti e lingue.",
        "decisions": "- Il tavolo si riunisce ogni quattro mesi.\n- Si parte da Marocco, "
        "Albania e India.",
        "public_summary": "Il tavolo è partito: si riunirà ogni quattro mesi e lavorerà per "
        "primi su Marocco, Albania e India.",
        "published": True,
        "trade": ["industriali-provincia-demo", "artigiani-provincia-demo",
                  "camera-di-commercio-demo"],
        "associations": ["associazione-ponti-sul-mediterraneo-demo",
                         "associazione-shqiponja-reggio-demo"],
    },
    {
        "title": "Agroalimentare e Africa occidentale (demo)",
        "days": -40,
        "status": Meeting.Status.HELD,
        "agenda": "Filiere agroalimentari con Ghana e Senegal\nFiere e missioni 2026",
        "minutes": "## Filiere\nSi valuta l'export di macchine per la trasformazione "
        "alimentare verso il Ghana.\n\n## Missioni\nLa Camera di commercio propone una "
        "missione a Dakar.",
        "decisions": "- Raccogliere l'interesse delle imprese entro un mese.",
        "public_summary": "Il tavolo ha lavorato sulle filiere agroalimentari con Ghana e "
        "Senegal e su una possibile missione a Dakar.",
        "published": True,
        "trade": ["agricoltori-provincia-demo", "cooperative-provincia-demo",
                  "camera-di-commercio-demo"],
        "associations": ["associazione-akwaaba-reggio-demo",
                         "associazione-senegalese-di-reggio-emilia-e-provincia"],
    },
    {
        "title": "Asia: India e Cina (demo)",
        "days": 21,
        "status": Meeting.Status.PLANNED,
        "agenda": "Meccanica e India\nImport dalla Cina e qualità\nVarie",
        "minutes": "",
        "decisions": "",
        "public_summary": "",
        "published": False,
        "trade": ["industriali-provincia-demo", "commercio-servizi-provincia-demo"],
        "associations": ["associazione-punjab-seva-reggio-demo",
                         "associazione-ponte-della-seta-demo"],
    },
]  # fmt: skip

OPPORTUNITIES = [
    # title, kind, country, city slug, sector, status, value, meeting index, connectors, days
    ("Macchine agricole per la regione di Béni Mellal (demo)", "export", "MA", "beni-mellal",
     "28.30", Opportunity.Status.ACTIVE, "250000", 0,
     ["associazione-ponti-sul-mediterraneo-demo"], ["marocchina"], 180),
    ("Laboratorio artigiano di ceramica a Durazzo (demo)", "investment_abroad", "AL", "durazzo",
     "23.41", Opportunity.Status.ASSESSING, "80000", 0,
     ["associazione-shqiponja-reggio-demo"], ["albanese"], 90),
    ("Componenti meccanici da Ludhiana (demo)", "import", "IN", "ludhiana", "25",
     Opportunity.Status.IDENTIFIED, None, 0,
     ["associazione-punjab-seva-reggio-demo"], ["indiana"], 60),
    ("Distribuzione di prodotti tipici a Wenzhou (demo)", "export", "CN", "wenzhou", "46",
     Opportunity.Status.DROPPED, "40000", 0,
     ["associazione-ponte-della-seta-demo"], ["cinese"], -10),
    ("Linea di trasformazione del cacao a Kumasi (demo)", "partnership", "GH", "kumasi",
     "10", Opportunity.Status.CONCLUDED, "120000", 1,
     ["associazione-akwaaba-reggio-demo"], ["ghanese"], 30),
    ("Impresa senegalese di logistica a Reggio Emilia (demo)", "investment_in", "SN", "dakar",
     "52", Opportunity.Status.ACTIVE, "60000", 1,
     ["associazione-senegalese-di-reggio-emilia-e-provincia"], ["senegalese"], -5),
]  # fmt: skip


def seed(*, scale: int) -> list[str]:
    """Trade associations, three meetings, opportunities in six countries and their actions."""
    staff = (
        User.objects.filter(email=STAFF_EMAIL).first()
        or User.objects.filter(is_staff=True).order_by("pk").first()
    )
    if staff is None:
        return ["Tavolo economico: nessun utente del personale, dati non caricati."]
    trades = _trade_associations()
    contact = _contact(staff, trades["industriali-provincia-demo"])
    associations = {a.slug: a for a in Association.objects.all().only("pk", "slug")}
    communities = {c.slug: c for c in Community.objects.all().only("pk", "slug")}
    cities = {c.slug: c for c in City.objects.all().only("pk", "slug")}

    meetings = []
    for row in MEETINGS:
        meeting, _ = Meeting.objects.update_or_create(
            title=row["title"],
            defaults={
                "starts_at": _moment(row["days"]),
                "ends_at": _moment(row["days"], hour=19),
                "place": "Fondazione Mondinsieme, via Marzabotto 3, Reggio Emilia",
                "status": row["status"],
                "agenda": row["agenda"],
                "minutes": row["minutes"],
                "decisions": row["decisions"],
                "public_summary": row["public_summary"],
                "summary_published": row["published"],
                "summary_published_at": _moment(row["days"] + 3) if row["published"] else None,
                "staff_notes": "Nota interna di prova: non va mostrata ai referenti.",
                "guests": "Consulente per l'internazionalizzazione (demo)",
                "created_by": staff,
            },
        )
        meeting.trade_associations.set([trades[slug] for slug in row["trade"]])
        meeting.associations.set(
            [associations[s] for s in row["associations"] if s in associations]
        )
        meeting.staff_attendees.set([staff])
        meetings.append(meeting)

    actions = 0
    for (title, kind, country, city, sector, status, value, meeting_index, connectors,
         connector_communities, expiry_days) in OPPORTUNITIES:  # fmt: skip
        closed = status in (Opportunity.Status.CONCLUDED, Opportunity.Status.DROPPED)
        opportunity, _ = Opportunity.objects.update_or_create(
            title=title,
            defaults={
                "kind": kind,
                "country": country,
                "city": cities.get(city),
                "sector": sector,
                "description": "Opportunità di prova emersa al tavolo economico.",
                "source_meeting": meetings[meeting_index],
                "source_trade_association": trades["camera-di-commercio-demo"],
                "estimated_value": Decimal(value) if value else None,
                "next_step": "Incontro con le imprese interessate" if not closed else "",
                "owner": staff if status != Opportunity.Status.IDENTIFIED else None,
                "expires_on": timezone.localdate() + timedelta(days=expiry_days),
                "status": status,
                "outcome": {
                    Opportunity.Status.CONCLUDED: "Accordo firmato tra due imprese (demo).",
                    Opportunity.Status.DROPPED: "Costi di ingresso troppo alti per ora.",
                }.get(status, ""),
                "staff_notes": "Valutazione interna di prova.",
                "created_by": staff,
            },
        )
        opportunity.connector_associations.set(
            [associations[s] for s in connectors if s in associations]
        )
        opportunity.connector_communities.set(
            [communities[s] for s in connector_communities if s in communities]
        )
        if closed:
            continue
        done = status == Opportunity.Status.ACTIVE and country == "MA"
        Action.objects.update_or_create(
            title=f"Contattare le imprese: {title}",
            opportunity=opportunity,
            defaults={
                "meeting": opportunity.source_meeting,
                "owner": staff,
                "due_on": timezone.localdate() + timedelta(days=-7 if country == "SN" else 20),
                "status": Action.Status.DONE if done else Action.Status.OPEN,
                "outcome": "Tre imprese interessate (demo)." if done else "",
            },
        )
        actions += 1
    Action.objects.update_or_create(
        title="Preparare la missione a Dakar (demo)",
        meeting=meetings[1],
        defaults={"owner": staff, "due_on": timezone.localdate() + timedelta(days=45)},
    )
    actions += 1
    lines = [
        f"Tavolo economico: {len(trades)} associazioni di categoria, {len(meetings)} riunioni, "
        f"{len(OPPORTUNITIES)} opportunità, {actions} azioni.",
        f"  Referente di un'associazione di categoria: {contact.email}",
    ]
    if scale > 1:
        added = seed_scale(scale, staff, list(trades.values()))
        lines.append(
            f"Tavolo economico (--scale {scale}): generate ora {added[0]} riunioni, "
            f"{added[1]} opportunità, {added[2]} azioni."
        )
    return lines


# --- Generated rows for --scale --------------------------------------------------------------

SCALE_MEETINGS_PER_STEP = 4
SCALE_OPPORTUNITIES_PER_STEP = 8
SCALE_MEETING_TITLE = "Riunione del tavolo n. {:04d} (demo)"
SCALE_OPPORTUNITY_TITLE = "Opportunità n. {:04d} (demo)"
SCALE_NOTE = "Dato generato per la prova di carico (inventato)."
SECTORS = ["10", "25", "28.30", "46", "23.41", "52", "01", "43"]
# Meeting n: held (most), planned or cancelled; opportunity n: every status.
MEETING_CYCLE = [Meeting.Status.HELD] * 3 + [Meeting.Status.PLANNED, Meeting.Status.CANCELLED]
OPPORTUNITY_CYCLE = [
    Opportunity.Status.IDENTIFIED, Opportunity.Status.ASSESSING, Opportunity.Status.ACTIVE,
    Opportunity.Status.ACTIVE, Opportunity.Status.CONCLUDED, Opportunity.Status.DROPPED,
    Opportunity.Status.ASSESSING, Opportunity.Status.CONCLUDED,
]  # fmt: skip
ACTION_CYCLE = [Action.Status.OPEN, Action.Status.IN_PROGRESS, Action.Status.DONE,
                Action.Status.OPEN, Action.Status.CANCELLED]  # fmt: skip


def _missing(template: str, count: int) -> list[int]:
    prefix = template.split("{")[0]
    existing = set(Meeting.objects.filter(title__startswith=prefix).values_list("title", flat=True))
    existing |= set(
        Opportunity.objects.filter(title__startswith=prefix).values_list("title", flat=True)
    )
    return [n for n in range(1, count + 1) if template.format(n) not in existing]


def _scale_meeting(number: int, staff: User) -> Meeting:
    status = MEETING_CYCLE[number % len(MEETING_CYCLE)]
    # Held meetings lie in the past (newest first), planned ones in the next weeks.
    days = 7 + number % 60 if status == Meeting.Status.PLANNED else -(10 + number * 9)
    held = status == Meeting.Status.HELD
    published = held and number % 3 != 0
    return Meeting(
        title=SCALE_MEETING_TITLE.format(number),
        starts_at=_moment(days),
        ends_at=_moment(days, hour=19),
        place="Fondazione Mondinsieme, via Marzabotto 3, Reggio Emilia",
        status=status,
        status_changed_at=None if status == Meeting.Status.PLANNED else _moment(min(days, 0) + 1),
        agenda="Aggiornamento sulle opportunità\nPaesi di origine e filiere\nVarie",
        minutes=f"## Sintesi\nRiunione dimostrativa n. {number:04d}. {SCALE_NOTE}" if held else "",
        decisions="- Aggiornare le opportunità aperte." if held else "",
        public_summary=f"Il tavolo ha fatto il punto sulle opportunità aperte ({number:04d})."
        if published
        else "",
        summary_published=published,
        summary_published_at=_moment(days + 3) if published else None,
        staff_notes=SCALE_NOTE,
        created_by=staff,
    )


def _scale_opportunity(
    number, staff, cities, countries, trades, meeting_ids
) -> tuple[Opportunity, int | None]:
    status = OPPORTUNITY_CYCLE[number % len(OPPORTUNITY_CYCLE)]
    kinds = list(Opportunity.Kind)
    country, community = countries[number % len(countries)]
    city = next((c for c in cities if c.country.code == country), None)
    closed = status in (Opportunity.Status.CONCLUDED, Opportunity.Status.DROPPED)
    return Opportunity(
        title=SCALE_OPPORTUNITY_TITLE.format(number),
        kind=kinds[number % len(kinds)],
        country=country,
        city=city,
        sector=SECTORS[number % len(SECTORS)],
        description=f"Opportunità dimostrativa n. {number:04d}. {SCALE_NOTE}",
        source_meeting_id=meeting_ids[number % len(meeting_ids)] if meeting_ids else None,
        source_trade_association=trades[number % len(trades)],
        estimated_value=Decimal(10_000 + (number * 7919) % 490_000) if number % 4 else None,
        next_step="" if closed else "Incontro con le imprese interessate",
        owner=None if status == Opportunity.Status.IDENTIFIED else staff,
        # Some open ones are past their review date, as in a real pipeline.
        expires_on=timezone.localdate() + timedelta(days=(number * 37) % 240 - 40),
        status=status,
        status_changed_at=None
        if status == Opportunity.Status.IDENTIFIED
        else _moment(-(number % 90) - 1),
        outcome={
            Opportunity.Status.CONCLUDED: "Accordo firmato tra due imprese (demo).",
            Opportunity.Status.DROPPED: "Costi di ingresso troppo alti per ora (demo).",
        }.get(status, ""),
        staff_notes=SCALE_NOTE,
        created_by=staff,
    ), community


def _scale_action(title, staff, number, *, meeting_id=None, opportunity_id=None) -> Action:
    status = ACTION_CYCLE[number % len(ACTION_CYCLE)]
    return Action(
        title=title,
        meeting_id=meeting_id,
        opportunity_id=opportunity_id,
        owner=staff,
        # Some open actions are overdue.
        due_on=timezone.localdate() + timedelta(days=(number * 11) % 90 - 30),
        status=status,
        status_changed_at=None if status == Action.Status.OPEN else _moment(-(number % 20) - 1),
        outcome="Fatto (demo)." if status == Action.Status.DONE else "",
    )


def seed_scale(scale: int, staff: User, trades: list[TradeAssociation]) -> tuple[int, int, int]:
    """Add (scale - 1) × 4 meetings and × 8 opportunities, with actions; return new counts."""
    steps = scale - 1
    new_meetings = {
        n: _scale_meeting(n, staff)
        for n in _missing(SCALE_MEETING_TITLE, steps * SCALE_MEETINGS_PER_STEP)
    }
    Meeting.objects.bulk_create(new_meetings.values(), batch_size=BATCH_SIZE)
    meeting_ids = dict(
        Meeting.objects.filter(title__startswith=SCALE_MEETING_TITLE.split("{")[0]).values_list(
            "title", "id"
        )
    )
    associations = list(
        Association.objects.filter(slug__startswith=SCALE_SLUG_PREFIX)
        .order_by("slug")
        .values_list("pk", flat=True)
    )
    staff_through = Meeting.staff_attendees.through
    trade_through = Meeting.trade_associations.through
    assoc_through = Meeting.associations.through
    staff_through.objects.bulk_create(
        [staff_through(meeting_id=meeting_ids[m.title], user_id=staff.pk)
         for m in new_meetings.values()],
        batch_size=BATCH_SIZE, ignore_conflicts=True,
    )  # fmt: skip
    trade_through.objects.bulk_create(
        [
            trade_through(meeting_id=meeting_ids[m.title], tradeassociation_id=trade.pk)
            for n, m in new_meetings.items()
            for trade in (trades[n % len(trades)], trades[(n + 2) % len(trades)])
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    if associations:
        assoc_through.objects.bulk_create(
            [
                assoc_through(meeting_id=meeting_ids[m.title], association_id=a)
                for n, m in new_meetings.items()
                for a in {associations[n % len(associations)],
                          associations[(n * 3) % len(associations)]}
            ],
            batch_size=BATCH_SIZE, ignore_conflicts=True,
        )  # fmt: skip

    cities = list(City.objects.exclude(slug=HOST_CITY["slug"]).order_by("slug"))
    countries = sorted(
        {(c.country.code, c.pk) for c in Community.objects.all()}, key=lambda pair: pair[0]
    ) or [("MA", None)]
    all_meeting_ids = [meeting_ids[t] for t in sorted(meeting_ids)]
    new_opportunities = {
        n: _scale_opportunity(n, staff, cities, countries, trades, all_meeting_ids)
        for n in _missing(SCALE_OPPORTUNITY_TITLE, steps * SCALE_OPPORTUNITIES_PER_STEP)
    }
    Opportunity.objects.bulk_create(
        [item[0] for item in new_opportunities.values()], batch_size=BATCH_SIZE
    )
    opportunity_ids = dict(
        Opportunity.objects.filter(
            title__startswith=SCALE_OPPORTUNITY_TITLE.split("{")[0]
        ).values_list("title", "id")
    )
    pk = {n: opportunity_ids[item[0].title] for n, item in new_opportunities.items()}
    communities_through = Opportunity.connector_communities.through
    communities_through.objects.bulk_create(
        [
            communities_through(opportunity_id=pk[n], community_id=community)
            for n, (_, community) in new_opportunities.items()
            if community is not None
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    if associations:
        connectors_through = Opportunity.connector_associations.through
        connectors_through.objects.bulk_create(
            [
                connectors_through(
                    opportunity_id=pk[n], association_id=associations[n % len(associations)]
                )
                for n in new_opportunities
            ],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )

    actions = [
        _scale_action(
            f"Inviare il verbale ai partecipanti ({m.title})",
            staff,
            n,
            meeting_id=meeting_ids[m.title],
        )
        for n, m in new_meetings.items()
        if m.status == Meeting.Status.HELD
    ]
    for n, (opportunity, _community) in new_opportunities.items():
        if opportunity.status in (Opportunity.Status.CONCLUDED, Opportunity.Status.DROPPED):
            continue
        for index in range(1 + n % 2):
            actions.append(
                _scale_action(
                    f"Contattare le imprese interessate, passo {index + 1} ({opportunity.title})",
                    staff,
                    n + index,
                    meeting_id=opportunity.source_meeting_id,
                    opportunity_id=pk[n],
                )
            )
    Action.objects.bulk_create(actions, batch_size=BATCH_SIZE)
    if new_meetings or new_opportunities:
        # bulk_create sends no signals: make cached public pages of the app stale by hand.
        generation_bump("business_table")
    return len(new_meetings), len(new_opportunities), len(actions)
