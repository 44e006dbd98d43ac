"""Simultaneous requests on PostgreSQL: the database, not a prior check, keeps one row."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from associations import services
from associations.models import Association, Membership
from mondinsieme.models import ActivityLog, OutgoingEmail
from mondinsieme.workflow import TransitionNotAllowed
from tests.concurrency import run_at_once
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

THREADS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql_only"),
]


def test_twenty_simultaneous_requests_keep_one_membership():
    association = AssociationFactory()
    leader = MembershipFactory(association=association, leader=True).user
    user = UserFactory()

    results, errors = run_at_once(
        lambda _i: services.membership_request(user=user, association=association),
        count=THREADS,
    )

    assert errors == []
    assert len(results) == THREADS
    assert Membership.objects.filter(user=user, association=association).count() == 1
    assert len({membership.pk for membership, _created in results}) == 1
    assert sum(created for _membership, created in results) == 1
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == [leader.email]


def test_twenty_simultaneous_join_posts_keep_one_membership():
    association = AssociationFactory()
    MembershipFactory(association=association, leader=True)
    user = UserFactory()
    url = reverse("associations:join", kwargs={"slug": association.slug})
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(user)
        clients.append(client)

    results, errors = run_at_once(lambda i: clients[i].post(url).status_code, count=THREADS)

    assert errors == []
    assert results == [HTTPStatus.FOUND] * THREADS
    assert Membership.objects.filter(user=user, association=association).count() == 1


def test_two_leaders_stepping_down_at_once_leave_one_leader():
    association = AssociationFactory()
    leaderships = [MembershipFactory(association=association, leader=True) for _ in range(2)]

    def step_down(index: int):
        mine = leaderships[index]
        try:
            return services.membership_set_role(
                membership=mine, role=Membership.Role.MEMBER, actor=mine.user
            )
        except ValidationError as error:
            return error

    results, errors = run_at_once(step_down, count=2)

    assert errors == []
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1
    assert refused[0].code == "last_leader"
    assert (
        Membership.objects.filter(
            association=association, role__in=Membership.ACTING_ROLES, status="active"
        ).count()
        == 1
    )


def test_two_staff_approving_at_once_log_one_transition():
    association = AssociationFactory(pending=True)
    staff_members = [UserFactory(staff=True) for _ in range(2)]

    def approve(index: int):
        try:
            return services.association_set_status(
                association=Association.objects.get(pk=association.pk),
                to="approved",
                actor=staff_members[index],
            )
        except TransitionNotAllowed as error:
            return error

    results, errors = run_at_once(approve, count=2)

    assert errors == []
    assert sum(isinstance(r, TransitionNotAllowed) for r in results) == 1
    assert ActivityLog.objects.for_object(association).filter(to_status="approved").count() == 1
