from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from business_table.models import Action, Meeting, Opportunity
from tests.business_table.factories import (
    ActionFactory,
    MeetingFactory,
    OpportunityFactory,
    TradeContactFactory,
)

pytestmark = pytest.mark.django_db


def test_an_action_needs_a_meeting_or_an_opportunity(staff):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(opportunity=None, meeting=None, owner=staff)


def test_a_meeting_must_end_after_it_starts():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(ends_at=meeting.starts_at - timedelta(hours=1))


def test_an_empty_summary_cannot_be_published():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(published=True, public_summary="")


def test_a_concluded_opportunity_has_an_outcome():
    opportunity = OpportunityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Opportunity.objects.filter(pk=opportunity.pk).update(status="concluded")


def test_a_done_action_has_a_result():
    action = ActionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(status="done")


def test_a_person_is_contact_of_a_trade_association_once():
    contact = TradeContactFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TradeContactFactory(trade_association=contact.trade_association, user=contact.user)


def test_an_expired_open_opportunity_is_flagged_and_a_closed_one_is_not():
    assert OpportunityFactory(expired=True).is_expired
    assert not OpportunityFactory().is_expired
    closed = OpportunityFactory(expired=True, status="dropped", outcome="Troppo caro")
    assert not closed.is_expired
