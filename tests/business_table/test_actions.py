"""Actions: assigned from a meeting or an opportunity, completed with a result, reminded once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from business_table import services, tasks
from business_table.models import Action
from mondinsieme.models import OutgoingEmail
from tests.business_table.factories import (
    ActionFactory,
    MeetingFactory,
    OpportunityFactory,
    TradeContactFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_action_from_an_opportunity_keeps_the_meeting_it_came_from(staff):
    meeting = MeetingFactory()
    opportunity = OpportunityFactory(source_meeting=meeting)
    action = services.action_create(
        actor=staff, title="Chiamare", owner=staff, due_on=timezone.localdate(),
        opportunity=opportunity,
    )  # fmt: skip
    assert (action.meeting, action.opportunity) == (meeting, opportunity)


def test_it_refuses_an_action_without_meeting_or_opportunity(staff):
    with pytest.raises(ValidationError, match="Collega"):
        services.action_create(actor=staff, title="x", owner=staff, due_on=timezone.localdate())


def test_a_trade_contact_cannot_assign_actions():
    contact = TradeContactFactory()
    with pytest.raises(PermissionDenied):
        services.action_create(
            actor=contact.user, title="x", owner=contact.user, due_on=timezone.localdate(),
            meeting=MeetingFactory(),
        )  # fmt: skip


def test_it_refuses_to_complete_an_action_without_a_result(staff):
    action = ActionFactory()
    with pytest.raises(ValidationError, match="risultato"):
        services.action_set_status(action=action, to=Action.Status.DONE, actor=staff)
    services.action_set_status(action=action, to=Action.Status.DONE, actor=staff, outcome="Ok")
    action.refresh_from_db()
    assert (action.status, action.outcome) == ("done", "Ok")


def test_the_owner_may_report_on_their_action_but_nobody_else(staff):
    action = ActionFactory()
    services.action_set_status(action=action, to=Action.Status.IN_PROGRESS, actor=action.owner)
    with pytest.raises(PermissionDenied):
        services.action_set_status(action=action, to=Action.Status.OPEN, actor=UserFactory())


def test_a_done_action_cannot_be_reopened(staff):
    action = ActionFactory(status=Action.Status.DONE, outcome="fatto")
    with pytest.raises(ValidationError, match="Non è possibile passare"):
        services.action_set_status(action=action, to=Action.Status.OPEN, actor=staff)


def test_an_overdue_action_is_reminded_once_however_often_the_task_runs(
    django_capture_on_commit_callbacks,
):
    overdue = ActionFactory(overdue=True)
    ActionFactory()  # not due yet
    ActionFactory(overdue=True, status=Action.Status.DONE, outcome="fatto")  # closed
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_overdue_action_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_overdue_action_reminders() == 0
    assert OutgoingEmail.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[overdue.owner.email]]
    assert overdue.title in mail.outbox[0].subject
    overdue.refresh_from_db()
    assert overdue.reminder_sent_at is not None


def test_the_reminder_service_is_a_no_op_for_an_action_not_yet_due():
    action = ActionFactory(due_on=timezone.localdate() + timedelta(days=1))
    assert services.action_send_overdue_reminder(action_id=action.pk) is False
    assert services.action_send_overdue_reminder(action_id=0) is False
