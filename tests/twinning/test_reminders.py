"""Yearly report and renewal reminders: due ones are queued once, whatever the retries."""

from datetime import date

import pytest

from mondinsieme.models import OutgoingEmail
from tests.factories import UserFactory
from twinning.tasks import send_twinning_reminders

from .factories import TwinningFileFactory

pytestmark = pytest.mark.django_db


def _emails(template):
    return list(OutgoingEmail.objects.filter(template=template).values_list("to", flat=True))


def test_the_renewal_reminder_goes_90_days_before_expiry_once():
    responsible = UserFactory(staff=True)
    TwinningFileFactory(active=True, responsible=responsible)  # expires 12 July 2027

    send_twinning_reminders(today="2027-04-12")
    assert _emails("twinning/renewal_reminder") == []
    send_twinning_reminders(today="2027-04-13")
    send_twinning_reminders(today="2027-04-14")
    assert _emails("twinning/renewal_reminder") == [responsible.email]


def test_a_renewed_agreement_gets_a_new_renewal_reminder():
    responsible = UserFactory(staff=True)
    file = TwinningFileFactory(active=True, responsible=responsible)
    send_twinning_reminders(today="2027-05-01")
    file.expires_on = date(2032, 7, 12)
    file.status = "renewed"
    file.save()
    send_twinning_reminders(today="2032-05-01")
    send_twinning_reminders(today="2032-05-01")
    assert len(_emails("twinning/renewal_reminder")) == 2


def test_the_yearly_report_reminder_goes_once_a_year_after_the_anniversary():
    responsible = UserFactory(staff=True)
    TwinningFileFactory(active=True, responsible=responsible)  # started 12 July 2022

    send_twinning_reminders(today="2023-07-11")
    assert _emails("twinning/report_reminder") == []
    send_twinning_reminders(today="2023-07-12")
    send_twinning_reminders(today="2023-09-01")
    send_twinning_reminders(today="2024-07-12")
    assert _emails("twinning/report_reminder") == [responsible.email] * 2


def test_without_a_responsible_every_active_staff_member_is_reminded():
    staff_members = UserFactory.create_batch(2, staff=True)
    UserFactory()
    TwinningFileFactory(active=True)
    send_twinning_reminders(today="2027-06-01")
    send_twinning_reminders(today="2027-06-01")
    assert sorted(_emails("twinning/renewal_reminder")) == sorted(u.email for u in staff_members)


@pytest.mark.parametrize("status", ["proposed", "expired", "revoked"])
def test_files_not_in_force_get_no_reminders(status):
    TwinningFileFactory(active=True, status=status, responsible=UserFactory(staff=True))
    send_twinning_reminders(today="2027-06-01")
    assert OutgoingEmail.objects.count() == 0


def test_the_reminder_is_in_italian_with_the_expiry_date():
    TwinningFileFactory(active=True, responsible=UserFactory(staff=True))
    send_twinning_reminders(today="2027-06-01")
    email = OutgoingEmail.objects.get()
    assert "scade il 12 luglio 2027" in email.body_text.lower()
    assert "/gestione/twinning/twinningfile/" in email.body_text


def test_the_renewal_window_marks_the_file_due_once_on_its_timeline():
    from mondinsieme.models import ActivityLog
    from twinning.models import TwinningFile

    file = TwinningFileFactory(active=True, responsible=UserFactory(staff=True))
    send_twinning_reminders(today="2027-04-12")
    assert TwinningFile.objects.get(pk=file.pk).status == "active"

    send_twinning_reminders(today="2027-04-13")
    send_twinning_reminders(today="2027-04-20")

    assert TwinningFile.objects.get(pk=file.pk).status == "renewal_due"
    entry = ActivityLog.objects.for_object(file).get(to_status="renewal_due")
    assert (entry.from_status, entry.actor) == ("active", None)
    assert "12 luglio 2027" in entry.note.lower()
    assert len(_emails("twinning/renewal_reminder")) == 1


def test_a_file_already_due_or_revoked_is_not_moved_by_the_reminders():
    from twinning.models import TwinningFile

    due = TwinningFileFactory(active=True, status="renewal_due")
    revoked = TwinningFileFactory(active=True, status="revoked")
    send_twinning_reminders(today="2027-06-01")
    assert TwinningFile.objects.get(pk=due.pk).status == "renewal_due"
    assert TwinningFile.objects.get(pk=revoked.pk).status == "revoked"


def test_the_reminders_are_in_the_beat_schedule():
    from mondinsieme.objectives import beat_schedule

    assert any(
        entry["task"] == "twinning.tasks.send_twinning_reminders"
        for entry in beat_schedule().values()
    )
