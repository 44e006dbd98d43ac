"""Simultaneous staff actions on PostgreSQL: one transition wins, one reminder goes out."""

import pytest
from django.core.exceptions import ValidationError

from business_table import services
from business_table.models import Opportunity
from mondinsieme.models import ActivityLog, OutgoingEmail
from tests.business_table.factories import ActionFactory, OpportunityFactory
from tests.concurrency import run_at_once
from tests.factories import UserFactory

THREADS = 8
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql_only"),
]


def test_two_staff_concluding_at_once_log_one_transition():
    staff = UserFactory(staff=True)
    opportunity = OpportunityFactory(active=True)

    def conclude(index):
        return services.opportunity_set_status(
            opportunity=Opportunity.objects.get(pk=opportunity.pk),
            to=Opportunity.Status.CONCLUDED,
            actor=staff,
            outcome=f"esito {index}",
        )

    results, errors = run_at_once(conclude, THREADS)
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, ValidationError) for error in errors)
    assert ActivityLog.objects.for_object(opportunity).filter(to_status="concluded").count() == 1


def test_reminders_sent_from_many_workers_at_once_go_out_once():
    action = ActionFactory(overdue=True)
    results, errors = run_at_once(
        lambda i: services.action_send_overdue_reminder(action_id=action.pk), THREADS
    )
    assert errors == []
    assert sorted(results) == [False] * (THREADS - 1) + [True]
    assert OutgoingEmail.objects.filter(key=f"business-action-overdue-{action.pk}").count() == 1


def test_expiry_notices_sent_from_many_workers_at_once_go_out_once():
    opportunity = OpportunityFactory(expired=True, owner=UserFactory(staff=True))
    results, errors = run_at_once(
        lambda i: services.opportunity_send_expiry_notice(opportunity_id=opportunity.pk), THREADS
    )
    assert errors == []
    assert sorted(results) == [False] * (THREADS - 1) + [True]
    assert (
        OutgoingEmail.objects.filter(
            key__startswith=f"business-opportunity-expired-{opportunity.pk}-"
        ).count()
        == 1
    )
