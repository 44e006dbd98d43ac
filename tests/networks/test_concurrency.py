"""Simultaneous requests on PostgreSQL: row locks and constraints, not prior checks."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from networks import services
from networks.models import Assessment, Commitment, PolicyArea
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tests.networks.factories import FollowUpActionFactory, area

THREADS = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql_only"),
]


def test_a_follow_up_converted_at_once_by_many_becomes_one_commitment():
    staff = UserFactory(staff=True)
    followup = FollowUpActionFactory()
    lingua = area("lingua")

    def convert(_):
        return services.event_followup_to_commitment(
            followup=followup, owner=staff, due_date=date(2030, 1, 1), area=lingua, actor=staff
        )

    results, errors = run_at_once(convert, count=THREADS)
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, ValidationError) for error in errors)
    assert Commitment.objects.count() == 1


def test_one_assessment_per_year_under_simultaneous_saves():
    staff = UserFactory(staff=True)
    first = PolicyArea.objects.first()

    def save(index):
        return services.assessment_create(year=2026, actor=staff, scores={first: {"score": index}})

    results, errors = run_at_once(save, count=THREADS)
    assert len(results) == 1, errors
    assert all(isinstance(error, ValidationError) for error in errors)
    assert Assessment.objects.filter(year=2026).count() == 1
