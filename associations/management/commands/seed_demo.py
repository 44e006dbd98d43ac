"""`manage.py seed_demo [--scale N]`: idempotent demo data for the portal, in one transaction."""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.module_loading import import_string

from associations import demo_data
from associations.demo_data import (
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    AssociationData,
    CityData,
    CityRow,
    UserData,
)
from associations.models import Association, City, Community, Membership, Theme
from mondinsieme.models import User
from mondinsieme.objectives import objectives

MAX_SCALE = 1000
BATCH_SIZE = 500
SCALE_SLUG_PREFIX = "associazione-demo-"
SCALE_EMAIL_PREFIX = "referente"
# Counters behind the generated fiscal codes: base associations and --scale ones never overlap.
BASE_FISCAL_COUNTER = 100
SCALE_FISCAL_COUNTER = 200_000


def fiscal_code(counter: int) -> str:
    """A valid 11-digit codice fiscale of a non-profit body in Reggio Emilia, from a counter."""
    body = f"9{counter:06d}{demo_data.FISCAL_CODE_OFFICE}"
    total = 0
    for index, char in enumerate(body):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return f"{body}{(10 - total % 10) % 10}"


def _moment(day: date) -> datetime:
    """A fixed, timezone-aware time on the given day, so re-runs write the same values."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def _city_data(row: CityRow) -> CityData:
    """A compact city row as the dict shape of the host city."""
    slug, name, country, region, latitude, longitude = row
    return {
        "slug": slug,
        "name": name,
        "country": country,
        "region": region,
        "latitude": latitude,
        "longitude": longitude,
    }


def seed_cities() -> dict[str, City]:
    """Create or update the host city, the twin cities and the cities of origin."""
    rows = [
        demo_data.HOST_CITY,
        *(_city_data(row) for row in (*demo_data.TWIN_CITIES, *demo_data.ORIGIN_CITIES)),
    ]
    cities: dict[str, City] = {}
    for row in rows:
        cities[row["slug"]], _ = City.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "country": row["country"],
                "region": row["region"],
                # Through str: a float like 44.69825 is not exactly representable.
                "latitude": Decimal(str(row["latitude"])),
                "longitude": Decimal(str(row["longitude"])),
                "population": row.get("population"),
                "population_year": row.get("population_year"),
                "population_source": row.get("population_source", ""),
            },
        )
    return cities


def seed_communities(cities: dict[str, City]) -> dict[str, Community]:
    """Create or update one community per country of origin, linked to its cities."""
    communities: dict[str, Community] = {}
    for row in demo_data.COMMUNITIES:
        community, _ = Community.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "country": row["country"],
                "residents_estimate": row["residents_estimate"],
                "residents_year": row["residents_year"],
                "residents_source": row["residents_source"],
                "languages": row["languages"],
            },
        )
        community.origin_cities.set([cities[slug] for slug in row["origin_cities"]])
        communities[row["slug"]] = community
    return communities


def seed_themes() -> dict[str, Theme]:
    """Create or update the fields of work."""
    return {
        row["slug"]: Theme.objects.update_or_create(
            slug=row["slug"], defaults={"name": row["name"], "name_en": row["name_en"]}
        )[0]
        for row in demo_data.THEMES
    }


def _association_fields(row: AssociationData, counter: int) -> dict[str, Any]:
    """Model fields of a base association; register numbers and codes derive from the counter."""
    register = row["register"]
    invent = row["demo_admin_data"]  # never for the real associations
    register_number = {
        "runts": f"{120_000 + counter * 37}",
        "regional": f"RE/{row['founded_year'] or 2000}/{counter:03d}",
        "municipal": f"Albo n. {counter:03d}",
    }.get(register, "")
    pending = row["status"] == Association.Status.PENDING
    changed_on = row["member_since"] or date(2024, 1, 15)
    return {
        "name": row["name"],
        "acronym": row["acronym"],
        "legal_form": row["legal_form"],
        "register": register,
        "register_number": register_number if invent else "",
        "fiscal_code": fiscal_code(BASE_FISCAL_COUNTER + counter) if invent else "",
        "founded_year": row["founded_year"],
        "countries_of_intervention": row["countries"],
        "description": row["description"],
        "email": f"info@{row['slug']}.example.org",
        "mondinsieme_member_since": row["member_since"],
        "aics_art26": row["aics_art26"],
        "status": row["status"],
        "status_changed_at": None if pending else _moment(changed_on),
    }


def seed_associations(
    communities: dict[str, Community], themes: dict[str, Theme]
) -> dict[str, Association]:
    """Create or update the 32 base associations (three real, the rest marked "(demo)")."""
    associations: dict[str, Association] = {}
    for counter, row in enumerate(demo_data.ASSOCIATIONS, start=1):
        association, _ = Association.objects.update_or_create(
            slug=row["slug"], defaults=_association_fields(row, counter)
        )
        association.communities.set([communities[slug] for slug in row["communities"]])
        association.themes.set([themes[slug] for slug in row["themes"]])
        associations[row["slug"]] = association
    return associations


def seed_user(row: UserData, password_hash: str, *, staff: bool = False) -> User:
    """Create or update a demo user with a verified primary e-mail, so they can log in."""
    user, _ = User.objects.update_or_create(
        email=row["email"],
        defaults={
            "full_name": row["full_name"],
            "preferred_language": row["preferred_language"],
            "password": password_hash,
            "is_active": True,
            "is_staff": staff,
            "is_superuser": staff,
        },
    )
    EmailAddress.objects.update_or_create(
        user=user, email=row["email"], defaults={"verified": True, "primary": True}
    )
    return user


def seed_memberships(user: User, row: UserData, associations: dict[str, Association]) -> None:
    """Create or update the user's memberships; active ones carry a fixed change date."""
    for membership in row["memberships"]:
        active = membership["status"] == Membership.Status.ACTIVE
        Membership.objects.update_or_create(
            user=user,
            association=associations[membership["association"]],
            defaults={
                "role": membership["role"],
                "status": membership["status"],
                "status_changed_at": _moment(date(2024, 2, 1)) if active else None,
                "message": membership.get("message", ""),
            },
        )


def seed_staff_totp(user: User) -> str:
    """Give the staff user a TOTP authenticator with the fixed demo secret; return its URI."""
    # Same row as allauth's TOTP.activate(), but update_or_create keeps re-runs idempotent.
    Authenticator.objects.update_or_create(
        user=user,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}},
    )
    return get_mfa_adapter().build_totp_url(user, DEMO_TOTP_SECRET)


def _scale_association(
    number: int, communities: list[Community], themes: list[Theme]
) -> tuple[Association, list[Community], list[Theme]]:
    """One generated association with its links; the same number always gives the same data."""
    rng = random.Random(number)
    picked_communities = rng.sample(communities, k=rng.choice((1, 1, 2)))
    picked_themes = rng.sample(themes, k=rng.randint(1, 3))
    legal_form = demo_data.SCALE_LEGAL_FORMS[number % len(demo_data.SCALE_LEGAL_FORMS)]
    if number % 10 == 0:
        status = Association.Status.PENDING
    elif number % 29 == 0:
        status = Association.Status.SUSPENDED
    else:
        status = Association.Status.APPROVED
    member_since = (
        date(2012, 1, 1) + timedelta(days=(number * 37) % 4000)
        if status == Association.Status.APPROVED and number % 4
        else None
    )
    community_name = picked_communities[0].name
    slug = f"{SCALE_SLUG_PREFIX}{number:04d}"
    association = Association(
        name=f"Associazione demo {number:04d} (demo)",
        slug=slug,
        legal_form=legal_form,
        register=demo_data.SCALE_REGISTERS[legal_form],
        fiscal_code=fiscal_code(SCALE_FISCAL_COUNTER + number) if number % 3 else "",
        founded_year=1990 + number % 35,
        countries_of_intervention=sorted({c.country.code for c in picked_communities}),
        description=demo_data.SCALE_DESCRIPTION.format(
            community=community_name[:1].lower() + community_name[1:],
            theme=picked_themes[0].name.lower(),
        ),
        email=f"info@{slug}.example.org",
        mondinsieme_member_since=member_since,
        aics_art26=number % 13 == 0,
        status=status,
        status_changed_at=(
            None
            if status == Association.Status.PENDING
            else _moment(date(2024, 1, 1) + timedelta(days=number % 365))
        ),
    )
    return association, picked_communities, picked_themes


def seed_scale(
    scale: int,
    communities: dict[str, Community],
    themes: dict[str, Theme],
    password_hash: str,
) -> int:
    """Add (scale - 1) × 32 generated associations, each with a leader; return how many are new."""
    numbers = range(1, (scale - 1) * len(demo_data.ASSOCIATIONS) + 1)
    if not numbers:
        return 0
    # Prefix queries rather than `slug__in`: thousands of parameters break SQLite's limit.
    existing = set(
        Association.objects.filter(slug__startswith=SCALE_SLUG_PREFIX).values_list(
            "slug", flat=True
        )
    )
    community_list = sorted(communities.values(), key=lambda c: c.slug)
    theme_list = sorted(themes.values(), key=lambda t: t.slug)
    new: dict[int, tuple[Association, list[Community], list[Theme]]] = {}
    for number in numbers:
        if f"{SCALE_SLUG_PREFIX}{number:04d}" not in existing:
            new[number] = _scale_association(number, community_list, theme_list)
    if not new:
        return 0
    Association.objects.bulk_create([item[0] for item in new.values()], batch_size=BATCH_SIZE)
    # Primary keys are read back by slug: not every backend returns them from bulk_create.
    association_ids = dict(
        Association.objects.filter(slug__startswith=SCALE_SLUG_PREFIX).values_list("slug", "id")
    )
    ids = {number: association_ids[item[0].slug] for number, item in new.items()}
    Association.communities.through.objects.bulk_create(
        [
            Association.communities.through(association_id=ids[number], community_id=c.pk)
            for number, (_, picked, _) in new.items()
            for c in picked
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    Association.themes.through.objects.bulk_create(
        [
            Association.themes.through(association_id=ids[number], theme_id=t.pk)
            for number, (_, _, picked) in new.items()
            for t in picked
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    user_ids = _seed_scale_leaders(list(new), password_hash)
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=user_ids[number],
                association_id=ids[number],
                role=Membership.Role.LEGAL_REPRESENTATIVE if number % 2 else Membership.Role.LEADER,
                status=Membership.Status.ACTIVE,
                status_changed_at=_moment(date(2024, 2, 1)),
            )
            for number in new
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    return len(new)


def _scale_email(number: int) -> str:
    """The e-mail of the leader of generated association number ``number``."""
    return f"{SCALE_EMAIL_PREFIX}{number:04d}@{DEMO_EMAIL_DOMAIN}"


def generated_leaders() -> dict[int, tuple[int, int]]:
    """Generated association number -> (its leader's user id, association id), for the approved
    ones: the people the objective apps' ``--scale`` data enrol, propose and sign with."""
    users = dict(
        User.objects.filter(
            email__startswith=SCALE_EMAIL_PREFIX, email__endswith=f"@{DEMO_EMAIL_DOMAIN}"
        ).values_list("email", "id")
    )
    leaders = {}
    for slug, association_id in Association.objects.filter(
        slug__startswith=SCALE_SLUG_PREFIX, status=Association.Status.APPROVED
    ).values_list("slug", "id"):
        number = int(slug.removeprefix(SCALE_SLUG_PREFIX))
        user_id = users.get(_scale_email(number))
        if user_id is not None:
            leaders[number] = (user_id, association_id)
    return leaders


def _seed_scale_leaders(numbers: list[int], password_hash: str) -> dict[int, int]:
    """Create the missing leaders of generated associations; map number to user id."""
    prefix_filter = {"email__startswith": SCALE_EMAIL_PREFIX, "email__endswith": DEMO_EMAIL_DOMAIN}
    existing = set(User.objects.filter(**prefix_filter).values_list("email", flat=True))
    missing = [number for number in numbers if _scale_email(number) not in existing]
    User.objects.bulk_create(
        [
            User(
                email=_scale_email(number),
                full_name=f"Referente demo {number:04d}",
                password=password_hash,
            )
            for number in missing
        ],
        batch_size=BATCH_SIZE,
    )
    by_email = dict(User.objects.filter(**prefix_filter).values_list("email", "id"))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(
                user_id=by_email[_scale_email(number)],
                email=_scale_email(number),
                verified=True,
                primary=True,
            )
            for number in missing
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    return {number: by_email[_scale_email(number)] for number in numbers}


class Command(BaseCommand):
    help = (
        "Carica i dati dimostrativi: città, comunità, temi, associazioni e utenti di prova. "
        "Si può eseguire più volte: aggiorna i dati senza duplicarli."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help=f"Moltiplica le associazioni: N × 32 in tutto (da 1 a {MAX_SCALE}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Esegui anche con DEBUG disattivato (per esempio nei test automatici). "
                "Mai in produzione: crea un amministratore con password pubblica."
            ),
        )

    def handle(self, *args: Any, scale: int, force: bool, **options: Any) -> None:
        if not 1 <= scale <= MAX_SCALE:
            raise CommandError(f"--scale deve essere un numero da 1 a {MAX_SCALE}.")
        # A superuser with a published password and TOTP secret must never reach production.
        if not settings.DEBUG and not force:
            raise CommandError(
                "I dati dimostrativi creano un amministratore con password pubblica. "
                "Esegui il comando con DJANGO_DEBUG=1, oppure aggiungi --force se sei sicuro "
                "che non sia un ambiente di produzione."
            )
        started = time.perf_counter()
        with transaction.atomic():
            # One hash for every demo user: hashing is slow on purpose, the password is public.
            password_hash = make_password(DEMO_PASSWORD)
            cities = seed_cities()
            communities = seed_communities(cities)
            themes = seed_themes()
            associations = seed_associations(communities, themes)
            staff = seed_user(demo_data.STAFF_USER, password_hash, staff=True)
            totp_url = seed_staff_totp(staff)
            for row in demo_data.USERS:
                seed_memberships(seed_user(row, password_hash), row, associations)
            generated = seed_scale(scale, communities, themes, password_hash)
            # Each objective app seeds its own demo data on top of the shared core.
            objective_lines = [
                line
                for objective in objectives()
                if objective.demo_seed
                for line in import_string(objective.demo_seed)(scale=scale)
            ]
        self._report(time.perf_counter() - started, generated, totp_url)
        for line in objective_lines:
            self.stdout.write(f"  {line}")

    def _report(self, elapsed: float, generated: int, totp_url: str) -> None:
        """Print what the database now holds and the demo credentials."""
        by_status = dict(
            Association.objects.values_list("status").annotate(n=Count("id")).order_by()
        )
        out = self.stdout.write
        out(self.style.SUCCESS(f"Dati dimostrativi pronti in {elapsed:.1f} s."))
        out(f"  Città: {City.objects.count()}")
        out(f"  Comunità: {Community.objects.count()}")
        out(f"  Temi: {Theme.objects.count()}")
        out(
            f"  Associazioni: {sum(by_status.values())} "
            f"(approvate {by_status.get('approved', 0)}, "
            f"in attesa {by_status.get('pending', 0)}, "
            f"sospese {by_status.get('suspended', 0)}; nuove generate ora: {generated})"
        )
        out(f"  Adesioni: {Membership.objects.count()}")
        demo_users = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").count()
        out(f"  Utenti dimostrativi: {demo_users}")
        leaders = [row["email"] for row in demo_data.USERS[:2]]
        out("")
        out(self.style.WARNING("Credenziali dimostrative (solo per prova, mai in produzione)"))
        out(f"  Password di tutti gli utenti: {DEMO_PASSWORD}")
        out(f"  Personale: {demo_data.STAFF_USER['email']}")
        out(f"    Segreto TOTP: {DEMO_TOTP_SECRET}")
        out(f"    URI per l'app di autenticazione: {totp_url}")
        out(f"    Codice attuale: oathtool --totp -b {DEMO_TOTP_SECRET}")
        out(f"  Referente di due associazioni: {leaders[0]}")
        out(f"  Referente: {leaders[1]}")
