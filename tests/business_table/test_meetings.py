"""Meetings: recording, status changes and publishing the public summary."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from business_table import services
from business_table.models import Meeting
from mondinsieme.models import ActivityLog
from mondinsieme.workflow import TransitionNotAllowed
from tests.business_table.factories import MeetingFactory, TradeContactFactory

pytestmark = pytest.mark.django_db


def test_staff_record_a_meeting_with_attendees(staff, association):
    contact = TradeContactFactory()
    start = timezone.now() - timedelta(days=1)
    meeting = services.meeting_save(
        actor=staff,
        data={"title": "Tavolo", "starts_at": start, "ends_at": start + timedelta(hours=2),
              "place": "Sala", "minutes": "Verbale", "summary_published": True},
        trade_associations=[contact.trade_association],
        associations=[association],
        staff_attendees=[staff],
    )  # fmt: skip
    assert meeting.status == Meeting.Status.PLANNED
    assert not meeting.summary_published
    assert list(meeting.associations.all()) == [association]
    assert ActivityLog.objects.for_object(meeting).count() == 1


def test_a_trade_contact_cannot_record_a_meeting():
    contact = TradeContactFactory()
    with pytest.raises(PermissionDenied):
        services.meeting_save(actor=contact.user, data={"title": "x"})


def test_a_past_meeting_is_marked_held_and_logged(staff):
    meeting = MeetingFactory()
    services.meeting_set_status(meeting=meeting, to=Meeting.Status.HELD, actor=staff)
    entry = ActivityLog.objects.for_object(meeting).get()
    assert (entry.from_status, entry.to_status) == ("planned", "held")


def test_it_refuses_to_mark_held_a_meeting_not_yet_started(staff):
    meeting = MeetingFactory(upcoming=True)
    with pytest.raises(ValidationError, match="non è ancora iniziata"):
        services.meeting_set_status(meeting=meeting, to=Meeting.Status.HELD, actor=staff)


def test_it_refuses_to_cancel_a_held_meeting(staff):
    meeting = MeetingFactory(held=True)
    with pytest.raises(TransitionNotAllowed):
        services.meeting_set_status(meeting=meeting, to=Meeting.Status.CANCELLED, actor=staff)


def test_the_summary_is_published_only_after_the_meeting(staff):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError, match="dopo che la riunione"):
        services.meeting_publish_summary(meeting=meeting, actor=staff)
    meeting.status = Meeting.Status.HELD
    meeting.save()
    services.meeting_publish_summary(meeting=meeting, actor=staff)
    meeting.refresh_from_db()
    assert meeting.summary_published and meeting.summary_published_at


def test_it_refuses_to_publish_an_empty_summary(staff):
    meeting = MeetingFactory(held=True, public_summary=" ")
    with pytest.raises(ValidationError, match="Scrivi la sintesi"):
        services.meeting_publish_summary(meeting=meeting, actor=staff)


def test_a_trade_contact_cannot_publish_a_summary():
    contact = TradeContactFactory()
    with pytest.raises(PermissionDenied):
        services.meeting_publish_summary(meeting=MeetingFactory(held=True), actor=contact.user)
