"""`manage.py seed_demo`: idempotent, sourced, valid demo data that people can log in with."""

from __future__ import annotations

import time
from http import HTTPStatus
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, validate_totp_code
from allauth.mfa.utils import decrypt
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from associations.demo_data import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_SECRET
from associations.models import Association, City, Community, Membership, Theme
from mondinsieme.models import User
from mondinsieme.validators import validate_fiscal_code

REAL_ASSOCIATIONS = {
    "Associazione Senegalese di Reggio Emilia e provincia",
    "Associazione Plai APS",
    "Coro interculturale di Reggio Emilia APS",
}
STAFF_EMAIL = f"staff@{DEMO_EMAIL_DOMAIN}"


def seed(**options: object) -> str:
    """Run the command as tests do (DEBUG is off under pytest) and return what it printed."""
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out, **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """How many rows every table the command writes holds."""
    return {
        "cities": City.objects.count(),
        "communities": Community.objects.count(),
        "origin_cities": Community.origin_cities.through.objects.count(),
        "themes": Theme.objects.count(),
        "associations": Association.objects.count(),
        "association_communities": Association.communities.through.objects.count(),
        "association_themes": Association.themes.through.objects.count(),
        "users": User.objects.count(),
        "email_addresses": EmailAddress.objects.count(),
        "memberships": Membership.objects.count(),
        "authenticators": Authenticator.objects.count(),
    }


def current_totp_code() -> str:
    """The code an authenticator app shows right now for the demo secret."""
    # allauth accepts only the current 30-second window: don't compute a code about to expire.
    if time.time() % 30 > 28:
        time.sleep(2.5)
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))


@pytest.fixture
def seeded() -> str:
    return seed()


@pytest.mark.django_db
def test_it_creates_the_real_associations_and_marks_the_others_as_demo(seeded: str) -> None:
    names = set(Association.objects.values_list("name", flat=True))
    assert len(names) >= 30
    assert names >= REAL_ASSOCIATIONS
    assert all(name.endswith("(demo)") for name in names - REAL_ASSOCIATIONS)


@pytest.mark.django_db
def test_it_mixes_statuses_and_dates_the_decided_ones(seeded: str) -> None:
    statuses = list(Association.objects.values_list("status", flat=True))
    assert statuses.count(Association.Status.PENDING) == 3
    assert statuses.count(Association.Status.SUSPENDED) == 1
    assert statuses.count(Association.Status.APPROVED) == len(statuses) - 4
    assert not Association.objects.filter(
        status=Association.Status.PENDING, status_changed_at__isnull=False
    ).exists()
    assert not (
        Association.objects.exclude(status=Association.Status.PENDING)
        .filter(status_changed_at__isnull=True)
        .exists()
    )


@pytest.mark.django_db
def test_running_twice_leaves_the_same_rows(seeded: str) -> None:
    before = row_counts()
    fields = ["slug", "name", "fiscal_code", "status", "status_changed_at", "email"]
    associations_before = list(Association.objects.order_by("slug").values_list(*fields))

    seed()

    assert row_counts() == before
    assert list(Association.objects.order_by("slug").values_list(*fields)) == associations_before


@pytest.mark.django_db
def test_every_community_estimate_has_year_and_source(seeded: str) -> None:
    with_estimate = Community.objects.filter(residents_estimate__isnull=False)
    assert with_estimate.count() == 16
    assert all(c.residents_year and c.residents_source for c in with_estimate)
    morocco = Community.objects.get(country="MA")
    assert (morocco.residents_estimate, morocco.residents_year) == (10143, 2010)
    assert set(
        Community.objects.filter(residents_estimate__isnull=True).values_list("country", flat=True)
    ) == {"CI", "ML", "GN", "GE"}


@pytest.mark.django_db
def test_the_host_city_has_its_sourced_population(seeded: str) -> None:
    reggio = City.objects.get(slug="reggio-emilia")
    assert (reggio.population, reggio.population_year) == (170166, 2022)
    assert reggio.population_source == "Comune di Reggio Emilia, anagrafe"
    assert City.objects.filter(slug__in=["chisinau", "beit-jala", "sarajevo-centar"]).count() == 3


@pytest.mark.django_db
def test_every_fiscal_code_is_valid_and_unique(seeded: str) -> None:
    codes = list(Association.objects.exclude(fiscal_code="").values_list("fiscal_code", flat=True))
    assert codes
    for code in codes:
        validate_fiscal_code(code)
        assert code.startswith("9") and len(code) == 11
    assert len(set(codes)) == len(codes)


@pytest.mark.django_db
def test_real_associations_get_no_invented_details(seeded: str) -> None:
    real = Association.objects.filter(name__in=REAL_ASSOCIATIONS)
    assert set(real.values_list("fiscal_code", "register_number")) == {("", "")}
    assert not Membership.objects.filter(association__in=real).exists()


@pytest.mark.django_db
def test_seeded_rows_pass_model_validation(seeded: str) -> None:
    errors: dict[str, object] = {}
    for obj in [*City.objects.all(), *Community.objects.all(), *Association.objects.all()]:
        try:
            obj.full_clean()
        except ValidationError as error:
            errors[str(obj)] = error.message_dict
    assert errors == {}


@pytest.mark.django_db
def test_every_demo_address_is_on_example_org(seeded: str) -> None:
    emails = [
        *User.objects.values_list("email", flat=True),
        *Association.objects.values_list("email", flat=True),
    ]
    assert all(email.endswith(".example.org") for email in emails)


@pytest.mark.django_db
def test_staff_authenticates_with_the_demo_password_and_has_totp(seeded: str) -> None:
    staff = authenticate(None, email=STAFF_EMAIL, password=DEMO_PASSWORD)

    assert staff is not None and staff.is_staff and staff.is_superuser
    totp = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    assert decrypt(totp.data["secret"]) == DEMO_TOTP_SECRET
    assert validate_totp_code(DEMO_TOTP_SECRET, current_totp_code())
    assert DEMO_TOTP_SECRET in seeded and "otpauth://totp/" in seeded


@pytest.mark.django_db
def test_staff_logs_in_through_allauth_with_password_and_code(seeded: str) -> None:
    cache.clear()  # allauth's login rate limits live in the cache, shared by the whole run
    client = Client()

    response = client.post(
        reverse("account_login"), {"login": STAFF_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("mfa_authenticate")

    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert response.status_code == HTTPStatus.FOUND
    assert client.session.get("_auth_user_id") == str(User.objects.get(email=STAFF_EMAIL).pk)


@pytest.mark.django_db
def test_every_demo_user_has_a_verified_primary_address(seeded: str) -> None:
    users = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    verified = EmailAddress.objects.filter(user__in=users, verified=True, primary=True)
    assert verified.count() == users.count() >= 8


@pytest.mark.django_db
def test_leaders_act_for_associations_and_two_requests_wait(seeded: str) -> None:
    acting = Membership.objects.filter(
        status=Membership.Status.ACTIVE, role__in=Membership.ACTING_ROLES
    )
    per_leader = {}
    for user_id in acting.values_list("user_id", flat=True):
        per_leader[user_id] = per_leader.get(user_id, 0) + 1
    assert len(per_leader) >= 6
    assert max(per_leader.values()) == 2
    assert Membership.objects.filter(status=Membership.Status.REQUESTED).count() == 2
    assert authenticate(None, email=f"leader1@{DEMO_EMAIL_DOMAIN}", password=DEMO_PASSWORD)


@pytest.mark.django_db
def test_scale_multiplies_the_associations_and_rerunning_keeps_the_count() -> None:
    seed()
    base = Association.objects.count()

    seed(scale=3)
    scaled = row_counts()
    seed(scale=3)

    assert scaled["associations"] == 3 * base
    assert row_counts() == scaled
    generated = Association.objects.filter(slug__startswith="associazione-demo-")
    assert not generated.filter(communities__isnull=True).exists()
    assert not generated.filter(themes__isnull=True).exists()
    assert Membership.objects.filter(association__in=generated).count() == generated.count()


@pytest.mark.django_db
def test_it_refuses_to_run_without_debug_unless_forced() -> None:
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo", stdout=StringIO())
    assert not Association.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_scale_out_of_range() -> None:
    with pytest.raises(CommandError, match="--scale"):
        seed(scale=0)
