"""The retention rules are data; the nightly job applies exactly what they say."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from associations.models import Invitation
from forum.models import Signature
from mondinsieme.models import OutgoingEmail
from privacy.models import AccessLog, RetentionRule
from privacy.registry import retention_datasets
from privacy.services import retention_apply
from tests.factories import InvitationFactory
from tests.forum.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def _age(queryset, days: int, field: str = "created_at") -> None:
    queryset.update(**{field: timezone.now() - timedelta(days=days)})


def test_every_seeded_rule_names_a_registered_dataset():
    assert set(RetentionRule.objects.values_list("dataset", flat=True)) <= set(retention_datasets())


def test_old_unconfirmed_signatures_go_confirmed_and_recent_ones_stay():
    old_pending = SignatureFactory()
    recent_pending = SignatureFactory()
    old_confirmed = SignatureFactory(confirmed=True)
    _age(Signature.objects.filter(pk__in=[old_pending.pk, old_confirmed.pk]), 8)

    counts = retention_apply()

    assert counts["forum.unconfirmed_signatures"] == 1
    assert set(Signature.objects.values_list("pk", flat=True)) == {
        recent_pending.pk,
        old_confirmed.pk,
    }
    rule = RetentionRule.objects.get(dataset="forum.unconfirmed_signatures")
    assert rule.last_count == 1 and rule.last_run_at is not None


def test_the_consent_of_a_purged_unconfirmed_signature_goes_with_it():
    from privacy.models import Consent, Purpose
    from privacy.services import consent_record

    purged, kept = SignatureFactory(), SignatureFactory(confirmed=True)
    for signature in (purged, kept):
        consent_record(
            purpose=Purpose.SIGNATURES, email=signature.email, explicit=True, subject=signature
        )
    _age(Signature.objects.all(), 8)

    retention_apply()

    assert list(Consent.objects.values_list("object_id", flat=True)) == [str(kept.pk)]


def test_stale_invitations_sent_emails_and_access_logs_follow_their_periods(user):
    stale = InvitationFactory()
    fresh = InvitationFactory()
    Invitation.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(days=91))
    OutgoingEmail.objects.create(key="a", to="a@example.org", subject="s", body_text="b",
                                 template="t", language="it", status="sent")  # fmt: skip
    _age(OutgoingEmail.objects.all(), 91)
    AccessLog.objects.create(user=user, kind="list", what="x", path="/")
    _age(AccessLog.objects.all(), 366, field="at")

    retention_apply()

    assert list(Invitation.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not OutgoingEmail.objects.filter(key="a").exists()
    assert not AccessLog.objects.filter(what="x").exists()


def test_an_inactive_rule_and_a_longer_period_are_respected():
    old = SignatureFactory()
    _age(Signature.objects.all(), 8)
    RetentionRule.objects.filter(dataset="forum.unconfirmed_signatures").update(period_days=30)
    retention_apply()
    assert Signature.objects.filter(pk=old.pk).exists()
    RetentionRule.objects.filter(dataset="forum.unconfirmed_signatures").update(
        period_days=1, active=False
    )
    retention_apply()
    assert Signature.objects.filter(pk=old.pk).exists()


def test_the_command_dry_run_counts_and_changes_nothing(capsys):
    SignatureFactory()
    _age(Signature.objects.all(), 8)

    call_command("retention_apply", "--dry-run")

    assert "forum.unconfirmed_signatures: 1 (dry run)" in capsys.readouterr().out
    assert Signature.objects.count() == 1
    call_command("retention_apply")
    assert Signature.objects.count() == 0


def test_the_register_lists_every_rule_for_staff(staff_client):
    response = staff_client.get(reverse("privacy:register"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for rule in RetentionRule.objects.all():
        assert rule.dataset in html
    assert "GDPR art. 9.2.a" in html  # the legal basis of the signatures notice
    assert "Misure di sicurezza" in html


def test_the_register_is_for_staff_only(client, user):
    client.force_login(user)
    assert client.get(reverse("privacy:register")).status_code == HTTPStatus.FORBIDDEN


def test_the_task_is_in_the_beat_schedule():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retention-apply"]
    assert entry["task"] == "privacy.tasks.retention_apply"


def test_consents_about_a_purged_signature_go_and_the_others_stay():
    from privacy.models import Consent
    from privacy.services.consents import consent_record

    kept = SignatureFactory(confirmed=True)
    purged = SignatureFactory()
    for signature in (kept, purged):
        consent_record(
            purpose="signatures", email=signature.email, explicit=True, subject=signature
        )
    Signature.objects.filter(pk=purged.pk).delete()
    _age(Consent.objects.all(), 1, field="given_at")

    counts = retention_apply()

    assert counts["privacy.orphan_consents"] == 1
    assert list(Consent.objects.values_list("email", flat=True)) == [kept.email]
