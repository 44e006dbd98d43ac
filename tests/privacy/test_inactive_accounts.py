"""Accounts unused for three years: warned by e-mail, deleted 30 days later unless used again."""

import logging
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mondinsieme.models import OutgoingEmail, User
from privacy.models import InactivityWarning, RetentionRule
from privacy.services import retention_apply
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DATASET = "mondinsieme.inactive_accounts"


def _last_login(user, *, days_ago: int) -> None:
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(days=days_ago))


def _warned(user, *, days_ago: int) -> None:
    InactivityWarning.objects.update_or_create(
        user=user, defaults={"warned_at": timezone.now() - timedelta(days=days_ago)}
    )


def _warnings_to(email: str):
    return OutgoingEmail.objects.filter(to=email, template="privacy/inactive_warning")


def test_it_is_seeded_as_a_three_year_delete_rule_for_accounts():
    rule = RetentionRule.objects.get(dataset=DATASET)

    assert (rule.period_days, rule.action, rule.purpose) == (1095, "delete", "accounts")
    assert rule.active and "GDPR" in rule.legal_basis


def test_it_warns_an_inactive_account_once_with_a_login_link(settings):
    settings.PORTAL = {**settings.PORTAL, "BASE_URL": "https://diaspore.example.org/"}
    sleeper = UserFactory(email="karim@example.org", full_name="Karim Benali")
    _last_login(sleeper, days_ago=1096)

    first = retention_apply()
    second = retention_apply()

    assert (first[DATASET], second[DATASET]) == (1, 0)
    email = _warnings_to("karim@example.org").get()
    assert email.subject == "Accedi entro 30 giorni per tenere il tuo account"
    assert "Ciao Karim Benali," in email.body_text
    assert "https://diaspore.example.org/account/login/" in email.body_text
    assert InactivityWarning.objects.filter(user=sleeper).exists()
    sleeper.refresh_from_db()
    assert sleeper.is_active


def test_it_writes_the_warning_in_the_users_language():
    sleeper = UserFactory(email="olena@example.org", preferred_language="en")
    _last_login(sleeper, days_ago=1200)

    retention_apply()

    email = _warnings_to("olena@example.org").get()
    assert email.language == "en"
    assert email.subject == "Log in within 30 days to keep your account"
    assert "/en/account/login/" in email.body_text


def test_it_warns_who_signed_up_three_years_ago_and_never_logged_in():
    never = UserFactory(email="never@example.org")
    User.objects.filter(pk=never.pk).update(
        last_login=None, date_joined=timezone.now() - timedelta(days=1100)
    )

    retention_apply()

    assert _warnings_to("never@example.org").count() == 1


def test_it_leaves_recently_active_accounts_alone():
    recent = UserFactory(email="recent@example.org")
    _last_login(recent, days_ago=1000)
    UserFactory(email="new@example.org")  # joined today, never logged in

    counts = retention_apply()

    assert counts[DATASET] == 0
    assert not InactivityWarning.objects.exists()
    assert not OutgoingEmail.objects.filter(template="privacy/inactive_warning").exists()


def test_it_never_warns_nor_deletes_staff(staff):
    _last_login(staff, days_ago=2000)
    _warned(staff, days_ago=60)

    retention_apply()

    staff.refresh_from_db()
    assert staff.is_active and staff.is_staff
    assert not _warnings_to(staff.email).exists()


def test_it_deletes_an_account_warned_more_than_30_days_ago():
    sleeper = UserFactory(email="awa@example.org", full_name="Awa Diop")
    _last_login(sleeper, days_ago=1200)
    _warned(sleeper, days_ago=31)

    counts = retention_apply()

    assert counts[DATASET] == 1
    sleeper.refresh_from_db()
    assert not sleeper.is_active
    assert sleeper.email == f"deleted-{sleeper.pk}@deleted.invalid"
    assert sleeper.full_name == "Utente eliminato"
    assert not InactivityWarning.objects.filter(user=sleeper).exists()
    # One notice to the old address, queued before it was erased, saying why (nobody asked).
    notice = OutgoingEmail.objects.get(to="awa@example.org", key__startswith="privacy-account-")
    assert notice.template == "privacy/inactive_deleted"
    assert "non era usato da più di tre anni" in notice.body_text
    assert retention_apply()[DATASET] == 0


def test_it_waits_the_full_30_days_after_the_warning():
    sleeper = UserFactory(email="waiting@example.org")
    _last_login(sleeper, days_ago=1200)
    _warned(sleeper, days_ago=29)

    counts = retention_apply()

    assert counts[DATASET] == 0
    sleeper.refresh_from_db()
    assert sleeper.is_active and sleeper.email == "waiting@example.org"


def test_a_login_after_the_warning_saves_the_account(client):
    sleeper = UserFactory(email="saved@example.org")
    _last_login(sleeper, days_ago=1200)
    _warned(sleeper, days_ago=40)

    response = client.post(
        reverse("account_login"), {"login": "saved@example.org", "password": "password-123!"}
    )
    assert response.status_code == HTTPStatus.FOUND

    counts = retention_apply()

    assert counts[DATASET] == 0
    sleeper.refresh_from_db()
    assert sleeper.is_active and sleeper.email == "saved@example.org"
    assert not _warnings_to("saved@example.org").exists()


def test_three_more_idle_years_after_a_saving_login_bring_a_new_warning():
    sleeper = UserFactory(email="again@example.org")
    _warned(sleeper, days_ago=1200)
    _last_login(sleeper, days_ago=1150)  # logged in after that first warning, then gone again

    counts = retention_apply()

    assert counts[DATASET] == 1
    sleeper.refresh_from_db()
    assert sleeper.is_active
    assert _warnings_to("again@example.org").count() == 1
    warning = InactivityWarning.objects.get(user=sleeper)
    assert warning.warned_at > timezone.now() - timedelta(minutes=1)


def test_the_only_leader_of_an_association_is_kept_and_logged(leader, association, caplog):
    _last_login(leader, days_ago=1200)
    _warned(leader, days_ago=31)

    with caplog.at_level(logging.WARNING, logger="privacy.services.inactivity"):
        counts = retention_apply()

    assert counts[DATASET] == 0
    leader.refresh_from_db()
    assert leader.is_active
    assert not OutgoingEmail.objects.filter(key__startswith="privacy-account-deleted").exists()
    assert f"Inactive account {leader.pk} kept" in caplog.text
    assert association.name in caplog.text
    assert "0 deleted, 1 kept" in caplog.text


def test_a_dry_run_counts_and_changes_nothing(capsys):
    to_warn = UserFactory(email="towarn@example.org")
    _last_login(to_warn, days_ago=1100)
    to_delete = UserFactory(email="todelete@example.org")
    _last_login(to_delete, days_ago=1200)
    _warned(to_delete, days_ago=35)
    before = InactivityWarning.objects.get(user=to_delete).warned_at

    call_command("retention_apply", "--dry-run")

    assert f"{DATASET}: 2 (dry run)" in capsys.readouterr().out
    assert not OutgoingEmail.objects.exists()
    assert not InactivityWarning.objects.filter(user=to_warn).exists()
    assert InactivityWarning.objects.get(user=to_delete).warned_at == before
    assert User.objects.filter(pk__in=[to_warn.pk, to_delete.pk], is_active=True).count() == 2
    assert RetentionRule.objects.get(dataset=DATASET).last_run_at is None


def test_the_register_shows_the_rule_to_staff(staff_client):
    response = staff_client.get(reverse("privacy:register"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert DATASET in html
    assert "1095 giorni" in html


@pytest.mark.usefixtures("postgresql_only")
def test_two_jobs_at_once_send_one_warning_and_delete_once():
    import importlib

    from tests.concurrency import run_at_once

    # A transactional test starts from tables another one may have emptied: seed the rule again.
    seed = importlib.import_module("privacy.migrations.0004_seed_inactive_accounts_rule")
    RetentionRule.objects.get_or_create(dataset=DATASET, defaults=seed.RULE)

    to_warn = UserFactory(email="race-warn@example.org")
    _last_login(to_warn, days_ago=1100)
    to_delete = UserFactory(email="race-delete@example.org")
    _last_login(to_delete, days_ago=1200)
    _warned(to_delete, days_ago=31)

    _results, errors = run_at_once(lambda _index: retention_apply(), count=2)

    assert errors == []
    assert _warnings_to("race-warn@example.org").count() == 1
    assert InactivityWarning.objects.filter(user=to_warn).count() == 1
    to_delete.refresh_from_db()
    assert not to_delete.is_active
    assert OutgoingEmail.objects.filter(to="race-delete@example.org").count() == 1


def test_the_warning_is_in_the_persons_data_and_goes_when_they_delete_the_account():
    from privacy.personal_data import export
    from privacy.services.erasure import account_delete

    sleeper = UserFactory()
    _warned(sleeper, days_ago=3)

    assert len(export(sleeper)["inactivity_warnings"]) == 1
    account_delete(user=sleeper)
    assert not InactivityWarning.objects.filter(user=sleeper).exists()
