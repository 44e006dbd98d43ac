"""Demo data for the Forum and the Manifesto (called by `manage.py seed_demo`).

A Forum edition with delegations from cities of origin, a manifesto with three versions,
amendments, two translations (one right-to-left) and a few hundred signatures. Names of people
and everything marked "(demo)" are invented; e-mail addresses use the reserved example.org.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from associations.models import Association, City
from mondinsieme.models import User
from mondinsieme.workflow import transition

from . import services
from .models import (
    Amendment,
    Article,
    Delegation,
    DelegationMember,
    ForumEdition,
    Manifesto,
    ProgrammeItem,
    Signature,
    SignatureTally,
    Translation,
)

DOMAIN = "demo.example.org"
MANIFESTO_SLUG = "manifesto-amicizia-citta-cittadini"
EDITION_SLUG = "forum-citta-diaspora-2026"

ARTICLES = [
    (
        "Città che si riconoscono",
        "Reggio Emilia e le città da cui vengono i suoi abitanti si riconoscono come città"
        " amiche, legate dalle persone che vivono tra l'una e l'altra.",
    ),
    (
        "Le diaspore come ponte",
        "Le associazioni della diaspora sono parte della vita della città e portano relazioni,"
        " competenze e progetti tra i territori.",
    ),
    (
        "Partecipare alle decisioni",
        "Le cittadine e i cittadini con background migratorio partecipano alle scelte che"
        " riguardano la città, anche quando non hanno ancora la cittadinanza.",
    ),
    (
        "Cooperare alla pari",
        "Le città amiche cooperano alla pari: i progetti nascono da bisogni condivisi e sono"
        " scritti insieme.",
    ),
    (
        "Lingue e culture",
        "Le lingue parlate in città sono una ricchezza: la città informa e accoglie anche nelle"
        " lingue delle sue comunità.",
    ),
]

TRANSLATIONS = {
    "en": (
        "Manifesto of the friendship of cities and citizens",
        "## 1. Cities that recognise each other\n\nReggio Emilia and the cities its residents"
        " come from recognise each other as friendly cities, linked by the people who live"
        " between them.\n\n## 2. Diasporas as bridges\n\nDiaspora associations are part of the"
        " life of the city and bring relationships, skills and projects between places.\n\n"
        "## 3. Taking part in decisions\n\nResidents with a migrant background take part in the"
        " choices about the city, even before they become citizens.\n\n## 4. Cooperating as"
        " equals\n\nFriendly cities cooperate as equals: projects start from shared needs and"
        " are written together.\n\n## 5. Languages and cultures\n\nThe languages spoken in the"
        " city are a resource: the city informs and welcomes people in the languages of its"
        " communities.\n\n## 6. Young people\n\nYoung people of the diasporas lead exchanges"
        " between the friendly cities.",
    ),
    "ar": (
        "بيان الصداقة بين المدن والمواطنين",
        "## 1. مدن تتعارف\n\nتعترف ريدجو إميليا والمدن التي جاء منها سكانها ببعضها كمدن صديقة،"
        " تربطها الناس الذين يعيشون بينها.\n\n## 2. الجاليات جسر\n\nجمعيات الجاليات جزء من حياة"
        " المدينة، وتحمل العلاقات والمهارات والمشاريع بين الأماكن.\n\n## 3. المشاركة في القرار\n\n"
        "يشارك السكان من أصول مهاجرة في الخيارات التي تخص المدينة.\n\n## 4. التعاون على قدم"
        " المساواة\n\nتتعاون المدن الصديقة على قدم المساواة.\n\n## 5. اللغات والثقافات\n\n"
        "اللغات المتحدثة في المدينة ثروة.\n\n## 6. الشباب\n\nيقود شباب الجاليات التبادل بين المدن"
        " الصديقة.",
    ),
}

FIRST_NAMES = [
    "Amina", "Marco", "Fatou", "Arben", "Giulia", "Gurpreet", "Oksana", "Kwame", "Lin",
    "Chiara", "Youssef", "Elena", "Moussa", "Ana", "Luca", "Priya", "Ion", "Sara", "Ali", "Mei",
]  # fmt: skip
LAST_NAMES = [
    "Rossi", "Diop", "Hoxha", "Singh", "Kovalenko", "Mensah", "Chen", "Bianchi", "El Idrissi",
    "Popescu", "Traoré", "Ferrari", "Khan", "Ouédraogo", "Russo", "Ben Ali", "Nowak", "Perera",
]  # fmt: skip
COUNTRIES = ["IT"] * 10 + ["MA", "AL", "IN", "CN", "PK", "RO", "UA", "GH", "TN", "SN", "MD", "BF"]


def _manifesto(staff: User, leader: User | None, association: Association | None) -> list[str]:
    manifesto, _created = Manifesto.objects.update_or_create(
        slug=MANIFESTO_SLUG,
        defaults={
            "title": "Manifesto dell'amicizia delle città e dei cittadini",
            "summary": "Un testo scritto insieme dalle associazioni della diaspora, dal Comune"
            " di Reggio Emilia e da Fondazione Mondinsieme, da firmare come cittadini,"
            " associazioni e città.",
            "signature_target": 1000,
        },
    )
    if manifesto.versions.exists():
        return []
    for position, (title, body) in enumerate(ARTICLES, start=1):
        Article.objects.create(manifesto=manifesto, position=position, title=title, body=body)
    services.manifesto_publish_version(manifesto=manifesto, actor=staff, notes="Prima bozza.")
    services.manifesto_set_status(manifesto=manifesto, to="consultation", actor=staff)
    if leader is not None and association is not None:
        articles = list(manifesto.articles.order_by("position"))
        accepted = services.amendment_propose(
            manifesto=manifesto,
            article=articles[2],
            association=association,
            actor=leader,
            kind=Amendment.Kind.CHANGE,
            text=ARTICLES[2][1] + " La città apre spazi stabili di consultazione.",
            rationale="Serve un impegno concreto, non solo un principio.",
        )
        services.amendment_decide(
            amendment=accepted, accept=True, reply="Accolto: il testo è più concreto.", actor=staff
        )
        rejected = services.amendment_propose(
            manifesto=manifesto,
            article=articles[4],
            association=association,
            actor=leader,
            kind=Amendment.Kind.DELETE,
            text="",
            rationale="Il tema è già nell'articolo 2.",
        )
        services.amendment_decide(
            amendment=rejected,
            accept=False,
            reply="Respinto: le lingue meritano un articolo a sé.",
            actor=staff,
        )
        services.manifesto_publish_version(
            manifesto=manifesto, actor=staff, notes="Dopo la consultazione."
        )
        added = services.amendment_propose(
            manifesto=manifesto,
            article=manifesto.articles.order_by("position").last(),
            association=association,
            actor=leader,
            kind=Amendment.Kind.ADD_AFTER,
            new_title="I giovani",
            text="Le ragazze e i ragazzi delle diaspore guidano gli scambi tra le città amiche.",
            rationale="Mancano i giovani.",
        )
        services.amendment_decide(
            amendment=added, accept=True, reply="Accolto come articolo 6.", actor=staff
        )
    version = services.manifesto_publish_version(
        manifesto=manifesto, actor=staff, notes="Testo definitivo."
    )
    services.manifesto_set_status(manifesto=manifesto, to="final", actor=staff)
    services.manifesto_set_status(manifesto=manifesto, to="open_for_signature", actor=staff)
    for language, (title, body) in TRANSLATIONS.items():
        Translation.objects.update_or_create(
            version=version, language=language, defaults={"title": title, "body": body}
        )
    return [f"Manifesto: {version.number} versioni, traduzioni {', '.join(TRANSLATIONS)}."]


def _signatures(manifesto: Manifesto, count: int) -> int:
    rng = random.Random(2026)  # noqa: S311 (reproducible demo data, not security)
    now = timezone.now()
    rows = []
    for index in range(count):
        confirmed = rng.random() < 0.85
        rows.append(
            Signature(
                manifesto=manifesto,
                version_id=manifesto.current_version_id,
                kind=Signature.Kind.CITIZEN,
                status=Signature.Status.CONFIRMED if confirmed else Signature.Status.PENDING,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                email=f"firma{index}@{DOMAIN}",
                residence_city="Reggio Emilia",
                country=rng.choice(COUNTRIES),
                consent_at=now - timedelta(days=rng.randint(0, 60)),
                confirmed_at=now - timedelta(days=rng.randint(0, 60)) if confirmed else None,
                public_listing=rng.random() < 0.7,
                news_opt_in=rng.random() < 0.3,
                token_expires_at=None if confirmed else now + timedelta(days=7),
            )
        )
    before = Signature.objects.filter(manifesto=manifesto).count()
    # ignore_conflicts + the unique e-mail constraint: running the seed twice adds nothing.
    Signature.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    # bulk_create sends no signal: recount the stored counters.
    SignatureTally.objects.rebuild(manifesto_id=manifesto.pk)
    Manifesto.objects.filter(pk=manifesto.pk).update(signatures_changed_at=now)
    return Signature.objects.filter(manifesto=manifesto).count() - before


def _institutional_signatures(manifesto: Manifesto) -> None:
    now = timezone.now()
    for slug in ("associazione-ponti-sul-mediterraneo-demo", "associazione-shqiponja-reggio-demo"):
        association = Association.objects.filter(slug=slug).first()
        if association is None:
            continue
        Signature.objects.get_or_create(
            manifesto=manifesto,
            association=association,
            defaults={
                "version_id": manifesto.current_version_id,
                "kind": Signature.Kind.ASSOCIATION,
                "status": Signature.Status.CONFIRMED,
                "confirmed_at": now,
                "consent_at": now,
                "name": association.name,
                "country": "IT",
                "public_listing": True,
            },
        )
    for slug, signatory in (("dakar", "Sindaca (demo)"), ("tirana", "Sindaco (demo)")):
        city = City.objects.filter(slug=slug).first()
        if city is None:
            continue
        Signature.objects.get_or_create(
            manifesto=manifesto,
            city=city,
            defaults={
                "version_id": manifesto.current_version_id,
                "kind": Signature.Kind.CITY,
                "status": Signature.Status.CONFIRMED,
                "confirmed_at": now,
                "consent_at": now,
                "name": city.name,
                "role": signatory,
                "country": city.country.code,
                "public_listing": True,
            },
        )


DELEGATIONS = [
    # city slug, association slug, head of delegation (demo), interpreting language, confirmed
    ("casablanca", "associazione-ponti-sul-mediterraneo-demo", "Samira Benali (demo)", "arabo",
     True),
    ("tirana", "associazione-shqiponja-reggio-demo", "Erion Shehu (demo)", "albanese", True),
    ("ludhiana", "associazione-punjab-seva-reggio-demo", "Harjit Kaur (demo)", "inglese", True),
    ("leopoli", "associazione-girasoli-d-ucraina-demo", "Iryna Melnyk (demo)", "ucraino", False),
    ("dakar", "teranga-sviluppo-demo", "Mamadou Ndiaye (demo)", "francese", True),
]  # fmt: skip


def _forum(staff: User) -> list[str]:
    year = timezone.localdate().year
    starts = (
        date(year, 10, 16) if timezone.localdate() < date(year, 10, 16) else date(year + 1, 10, 16)
    )
    edition, _created = ForumEdition.objects.update_or_create(
        slug=EDITION_SLUG,
        defaults={
            "title": "Forum delle città della diaspora (demo)",
            "starts_on": starts,
            "ends_on": starts + timedelta(days=1),
            "venue": "Reggio Emilia, Sala del Tricolore e Chiostri di San Pietro",
            "description": "Due giorni in cui le città di origine delle comunità di Reggio"
            " Emilia, le associazioni della diaspora e il Comune discutono il Manifesto"
            " dell'amicizia e firmano i primi impegni comuni.",
        },
    )
    if edition.status == ForumEdition.Status.DRAFT:
        transition(edition, to=ForumEdition.Status.PUBLISHED, actor=staff)
    tz = timezone.get_current_timezone()
    hall, cloister = "Sala del Tricolore", "Chiostri di San Pietro"
    programme = [
        (0, time(9, 30), time(10, 30), "Apertura del Forum", hall, "it, en, fr"),
        (0, time(11, 0), time(13, 0), "Le città si presentano", hall, "it, en, fr, ar"),
        (0, time(14, 30), time(17, 0), "Laboratori sul Manifesto", cloister, "it, en"),
        (1, time(9, 30), time(12, 0), "Cooperare alla pari: progetti tra città", cloister,
         "it, en, fr"),
        (1, time(12, 0), time(13, 0), "Firma del Manifesto", hall, "it, en, fr, ar"),
    ]  # fmt: skip
    for day, start, end, title, room, languages in programme:
        when = starts + timedelta(days=day)
        ProgrammeItem.objects.update_or_create(
            edition=edition,
            title=title,
            defaults={
                "starts_at": datetime.combine(when, start, tzinfo=tz),
                "ends_at": datetime.combine(when, end, tzinfo=tz),
                "room": room,
                "languages": languages,
                "speakers": "Comune di Reggio Emilia, Fondazione Mondinsieme",
            },
        )
    count = 0
    for city_slug, association_slug, head, language, confirmed in DELEGATIONS:
        city = City.objects.filter(slug=city_slug).first()
        association = Association.objects.filter(slug=association_slug).first()
        if city is None or association is None:
            continue
        edition.cities.add(city)
        delegation, created = Delegation.objects.get_or_create(
            edition=edition,
            city=city,
            defaults={
                "association": association,
                "head_name": head,
                "head_role": "assessore alle relazioni internazionali (demo)",
                "head_email": f"{city_slug}@{DOMAIN}",
                "arrival_on": starts - timedelta(days=1),
                "departure_on": starts + timedelta(days=2),
                "interpreting_language": language,
                "invitation_letter": city.country.code not in ("AL", "UA"),
            },
        )
        if created:
            DelegationMember.objects.create(
                delegation=delegation, name="Collaboratrice (demo)", role="interprete"
            )
            if confirmed:
                services.delegation_set_status(delegation=delegation, to="confirmed", actor=staff)
        count += 1
    return [f"Forum: «{edition.title}», {count} delegazioni."]


def seed(*, scale: int) -> list[str]:
    """Seed the Forum and the Manifesto; safe to run again."""
    staff = User.objects.filter(email=f"staff@{DOMAIN}").first()
    if staff is None:
        return ["Forum: utente staff demo mancante, nessun dato creato."]
    leader = User.objects.filter(email=f"leader1@{DOMAIN}").first()
    association = Association.objects.filter(
        slug="associazione-ponti-sul-mediterraneo-demo"
    ).first()
    with transaction.atomic():
        lines = _manifesto(staff, leader, association)
        manifesto = Manifesto.objects.get(slug=MANIFESTO_SLUG)
        _institutional_signatures(manifesto)
        added = _signatures(manifesto, 300 * max(scale, 1))
        lines.append(f"Manifesto: {added} nuove firme di prova.")
        lines += _forum(staff)
    return lines
