"""Overdue commitments are reminded to their owner once, by the beat task."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from mondinsieme.models import OutgoingEmail
from mondinsieme.objectives import beat_schedule
from networks.models import Commitment
from networks.tasks import send_overdue_commitment_reminders
from tests.networks.factories import CommitmentFactory


def test_running_the_task_twice_sends_one_email(db, django_capture_on_commit_callbacks):
    commitment = CommitmentFactory(overdue=True, title="Guida di benvenuto")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_commitment_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_commitment_reminders() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [commitment.owner.email]
    assert "Guida di benvenuto" in message.subject
    assert f"/reti/gestione/impegni/{commitment.pk}/" in message.body


def test_a_new_due_date_gets_its_own_reminder(db):
    commitment = CommitmentFactory(overdue=True)
    send_overdue_commitment_reminders()
    Commitment.objects.filter(pk=commitment.pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    send_overdue_commitment_reminders()
    assert OutgoingEmail.objects.filter(to=commitment.owner.email).count() == 2


def test_it_leaves_alone_commitments_on_time_done_or_cancelled(db):
    CommitmentFactory()
    CommitmentFactory(overdue=True, completed=True)
    CommitmentFactory(overdue=True, status=Commitment.Status.CANCELLED)
    assert send_overdue_commitment_reminders() == 0
    assert not OutgoingEmail.objects.exists()


def test_the_reminder_is_written_in_the_owner_language(db):
    commitment = CommitmentFactory(overdue=True, owner__preferred_language="en")
    send_overdue_commitment_reminders()
    email = OutgoingEmail.objects.get()
    assert email.language == "en"
    assert commitment.title in email.subject


def test_the_task_is_in_the_beat_schedule():
    entry = beat_schedule()["networks-overdue-commitments"]
    assert entry["task"] == "networks.tasks.send_overdue_commitment_reminders"
