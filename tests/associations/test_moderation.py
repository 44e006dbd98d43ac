"""Staff approve, suspend and reject associations; leaders are told by e-mail."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from associations import services
from associations.models import Association
from mondinsieme.models import ActivityLog
from mondinsieme.workflow import TransitionNotAllowed
from tests.factories import AssociationFactory, MembershipFactory


@pytest.fixture
def pending_with_leader(db):
    association = AssociationFactory(pending=True, name="Associazione Plai APS")
    leader = MembershipFactory(association=association, legal_rep=True).user
    return association, leader


def test_staff_approve_a_pending_association_and_its_leader_is_told(
    pending_with_leader, staff, django_capture_on_commit_callbacks
):
    association, leader = pending_with_leader

    with django_capture_on_commit_callbacks(execute=True):
        services.association_set_status(
            association=association, to=Association.Status.APPROVED, actor=staff
        )

    association.refresh_from_db()
    assert association.status == Association.Status.APPROVED
    assert association.is_public
    log = ActivityLog.objects.for_object(association).get()
    assert (log.actor, log.from_status, log.to_status) == (staff, "pending", "approved")
    [message] = mail.outbox
    assert message.to == [leader.email]
    assert message.subject == "«Associazione Plai APS» è ora pubblicata sul portale"


def test_staff_suspend_with_a_reason_that_reaches_the_leaders(
    staff, django_capture_on_commit_callbacks, db
):
    association = AssociationFactory()
    leaders = [
        MembershipFactory(association=association, leader=True).user,
        MembershipFactory(association=association, legal_rep=True).user,
    ]
    MembershipFactory(association=association)  # a plain member is not written to

    with django_capture_on_commit_callbacks(execute=True):
        services.association_set_status(
            association=association,
            to=Association.Status.SUSPENDED,
            actor=staff,
            note="Dati di contatto non più validi",
        )

    association.refresh_from_db()
    assert association.status == Association.Status.SUSPENDED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(u.email for u in leaders)
    assert all("Dati di contatto non più validi" in message.body for message in mail.outbox)


@pytest.mark.parametrize("to", [Association.Status.SUSPENDED, Association.Status.REJECTED])
def test_suspending_or_rejecting_needs_a_reason(staff, db, to):
    association = AssociationFactory(
        status=Association.Status.APPROVED if to == "suspended" else Association.Status.PENDING
    )
    before = association.status

    with pytest.raises(ValidationError) as excinfo:
        services.association_set_status(association=association, to=to, actor=staff, note="  ")

    assert excinfo.value.messages == [
        "Scrivi il motivo: verrà comunicato ai referenti dell'associazione."
    ]
    association.refresh_from_db()
    assert association.status == before
    assert not ActivityLog.objects.for_object(association).exists()
    assert mail.outbox == []


def test_a_leader_cannot_approve_their_own_association(pending_with_leader):
    association, leader = pending_with_leader

    with pytest.raises(PermissionDenied):
        services.association_set_status(
            association=association, to=Association.Status.APPROVED, actor=leader
        )

    association.refresh_from_db()
    assert association.status == Association.Status.PENDING


def test_a_stranger_cannot_suspend_an_association(user):
    association = AssociationFactory()

    with pytest.raises(PermissionDenied):
        services.association_set_status(
            association=association, to=Association.Status.SUSPENDED, actor=user, note="x"
        )

    association.refresh_from_db()
    assert association.status == Association.Status.APPROVED


def test_a_pending_association_cannot_be_suspended(pending_with_leader, staff):
    association, _leader = pending_with_leader

    with pytest.raises(TransitionNotAllowed) as excinfo:
        services.association_set_status(
            association=association, to=Association.Status.SUSPENDED, actor=staff, note="x"
        )

    assert excinfo.value.messages == ["Non è possibile passare da «in attesa» a «sospesa»."]


def test_a_suspended_association_can_be_approved_again(
    staff, django_capture_on_commit_callbacks, db
):
    association = AssociationFactory(suspended=True)
    MembershipFactory(association=association, leader=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.association_set_status(
            association=association, to=Association.Status.APPROVED, actor=staff
        )

    association.refresh_from_db()
    assert association.status == Association.Status.APPROVED
    assert len(mail.outbox) == 1


def test_suspending_twice_in_a_row_sends_one_email_per_suspension(
    staff, django_capture_on_commit_callbacks, db
):
    association = AssociationFactory()
    MembershipFactory(association=association, leader=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.association_set_status(
            association=association, to=Association.Status.SUSPENDED, actor=staff, note="Primo"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.association_set_status(
            association=association, to=Association.Status.APPROVED, actor=staff
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.association_set_status(
            association=association, to=Association.Status.SUSPENDED, actor=staff, note="Secondo"
        )

    suspensions = [m for m in mail.outbox if "sospesa" in m.subject]
    assert len(suspensions) == 2
    assert "Secondo" in suspensions[1].body
