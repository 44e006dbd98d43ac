"""Deadline and overdue-review reminders: each one sent once, even when beat runs twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from funding.tasks import send_deadline_reminders, send_overdue_review_reminders
from mondinsieme.models import OutgoingEmail
from tests.factories import MembershipFactory
from tests.funding.factories import CallFactory, ProposalFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def _call_due_in(days: float):
    return CallFactory(deadline=timezone.now() + timedelta(days=days))


def test_each_deadline_reminder_is_sent_once_even_if_the_task_runs_twice(
    association, leader, staff
):
    proposal = ProposalFactory(association=association, call=_call_due_in(6.5), full_proposal=True)
    send_deadline_reminders()
    send_deadline_reminders()
    emails = OutgoingEmail.objects.filter(template="funding/deadline_reminder")
    assert sorted(emails.values_list("to", flat=True)) == sorted([leader.email, staff.email])
    assert all(f":7:{proposal.pk}:" in key for key in emails.values_list("key", flat=True))
    assert "7 giorni" in emails.get(to=leader.email).subject


def test_the_three_thresholds_each_send_their_own_reminder(association, leader, monkeypatch):
    call = _call_due_in(20)
    ProposalFactory(association=association, call=call)
    sent = []
    for days_before in (20, 13.5, 13, 6.9, 0.5, 0.4):
        moment = call.deadline - timedelta(days=days_before)
        monkeypatch.setattr("funding.tasks._now", lambda moment=moment: moment)
        send_deadline_reminders()
        sent.append(OutgoingEmail.objects.filter(to=leader.email).count())
    assert sent == [0, 1, 1, 2, 3, 3]


def test_no_reminders_for_closed_stages_or_other_calls(association, leader):
    call = _call_due_in(1)
    ProposalFactory(association=association, call=call, submitted=True)
    ProposalFactory(association=association, call=call, awarded=True)
    ProposalFactory(association=association, call=_call_due_in(30))
    ProposalFactory(
        association=association, call=CallFactory(deadline=timezone.now() - timedelta(hours=1))
    )
    assert send_deadline_reminders() == 0


def test_a_leader_of_another_association_is_not_reminded(association, leader):
    ProposalFactory(association=association, call=_call_due_in(1))
    stranger = MembershipFactory(leader=True).user
    send_deadline_reminders()
    assert not OutgoingEmail.objects.filter(to=stranger.email).exists()


def test_overdue_reviews_are_reminded_once():
    late = ReviewFactory(due_date=timezone.localdate() - timedelta(days=1), scoring=True)
    ReviewFactory(due_date=timezone.localdate() + timedelta(days=1))
    ReviewFactory(due_date=timezone.localdate() - timedelta(days=3), submitted=True)
    ReviewFactory(due_date=timezone.localdate() - timedelta(days=3), conflict=True)
    send_overdue_review_reminders()
    send_overdue_review_reminders()
    emails = OutgoingEmail.objects.filter(template="funding/review_overdue")
    assert list(emails.values_list("to", flat=True)) == [late.reviewer.email]


def test_the_beat_schedule_declares_both_tasks():
    from mondinsieme.objectives import beat_schedule

    tasks = {entry["task"] for entry in beat_schedule().values()}
    assert {
        "funding.tasks.send_deadline_reminders",
        "funding.tasks.send_overdue_review_reminders",
    } <= tasks


def test_the_reminder_says_the_days_really_left(association, leader):
    # Aimed at the call 3 days before the deadline: the 7-day reminder, saying 3 days.
    ProposalFactory(association=association, call=_call_due_in(2.5))
    send_deadline_reminders()
    email = OutgoingEmail.objects.get(to=leader.email)
    assert ":7:" in email.key and "Mancano 3 giorni" in email.subject


def test_a_postponed_deadline_rearms_the_reminders(association, leader):
    call = _call_due_in(0.5)
    ProposalFactory(association=association, call=call)
    send_deadline_reminders()
    call.deadline += timedelta(days=30)
    call.save()
    send_deadline_reminders()  # 30.5 days left: nothing yet
    assert OutgoingEmail.objects.filter(to=leader.email).count() == 1
    call.deadline -= timedelta(days=30)
    call.deadline += timedelta(days=5)  # now 5.5 days left
    call.save()
    send_deadline_reminders()
    send_deadline_reminders()
    assert OutgoingEmail.objects.filter(to=leader.email).count() == 2


def test_leaders_and_staff_get_the_reminder_in_their_language(association, leader, staff):
    leader.preferred_language = "en"
    leader.save()
    ProposalFactory(association=association, call=_call_due_in(0.5))
    send_deadline_reminders()
    assert "day" in OutgoingEmail.objects.get(to=leader.email).subject
    assert "giorno" in OutgoingEmail.objects.get(to=staff.email).subject
