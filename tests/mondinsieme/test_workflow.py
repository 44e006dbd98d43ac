"""The shared transition helper: lock, check, save, log, and side effects only after commit."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from associations.models import Association
from mondinsieme.models import ActivityLog
from mondinsieme.workflow import TransitionNotAllowed, allowed_transitions, transition
from tests.factories import AssociationFactory


@pytest.fixture
def pending(db):
    return AssociationFactory(pending=True)


def test_it_moves_the_status_and_writes_one_log_row(pending, staff):
    result = transition(
        pending, to=Association.Status.APPROVED, actor=staff, note="Tutto in regola"
    )

    pending.refresh_from_db()
    assert result.status == pending.status == Association.Status.APPROVED
    assert pending.status_changed_at is not None
    [entry] = ActivityLog.objects.for_object(pending)
    assert entry.actor == staff
    assert entry.action == "transition"
    assert entry.from_status == Association.Status.PENDING
    assert entry.to_status == Association.Status.APPROVED
    assert entry.note == "Tutto in regola"


def test_it_keeps_the_callers_object_in_step(pending, staff):
    transition(pending, to=Association.Status.APPROVED, actor=staff)

    assert pending.status == Association.Status.APPROVED


def test_it_refuses_a_move_outside_the_map_with_a_translated_message(pending, staff):
    with pytest.raises(TransitionNotAllowed) as excinfo:
        transition(pending, to=Association.Status.SUSPENDED, actor=staff)

    assert excinfo.value.code == "transition_not_allowed"
    assert excinfo.value.messages == ["Non è possibile passare da «in attesa» a «sospesa»."]
    pending.refresh_from_db()
    assert pending.status == Association.Status.PENDING
    assert not ActivityLog.objects.for_object(pending).exists()


def test_the_refusal_is_a_validation_error_views_can_show(pending, staff):
    with pytest.raises(ValidationError):
        transition(pending, to=Association.Status.SUSPENDED, actor=staff)


def test_it_refuses_an_actor_without_permission_and_changes_nothing(pending, user):
    with pytest.raises(PermissionDenied) as excinfo:
        transition(
            pending,
            to=Association.Status.APPROVED,
            actor=user,
            permission=lambda actor, _obj: actor.is_staff,
        )

    assert str(excinfo.value) == "Non hai i permessi per questa operazione."
    pending.refresh_from_db()
    assert pending.status == Association.Status.PENDING
    assert not ActivityLog.objects.for_object(pending).exists()


def test_a_guard_can_refuse_and_nothing_is_saved(pending, staff):
    def guard(association):
        raise ValidationError("Manca il codice fiscale.", code="guard")

    with pytest.raises(ValidationError) as excinfo:
        transition(pending, to=Association.Status.APPROVED, actor=staff, guard=guard)

    assert excinfo.value.messages == ["Manca il codice fiscale."]
    pending.refresh_from_db()
    assert pending.status == Association.Status.PENDING
    assert not ActivityLog.objects.for_object(pending).exists()


def test_changes_are_saved_with_the_new_status(pending, staff):
    transition(
        pending,
        to=Association.Status.APPROVED,
        actor=staff,
        changes={"aics_art26": True},
    )

    pending.refresh_from_db()
    assert pending.aics_art26 is True


def test_side_effects_run_only_after_commit(pending, staff, django_capture_on_commit_callbacks):
    seen = []

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition(
            pending,
            to=Association.Status.APPROVED,
            actor=staff,
            on_commit=[lambda saved: seen.append(saved.status)],
        )
        assert seen == []

    assert len(callbacks) == 1
    assert seen == []
    callbacks[0]()
    assert seen == [Association.Status.APPROVED]


def test_side_effects_do_not_run_when_the_move_is_refused(
    pending, staff, django_capture_on_commit_callbacks
):
    seen = []

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(TransitionNotAllowed),
    ):
        transition(
            pending,
            to=Association.Status.SUSPENDED,
            actor=staff,
            on_commit=[lambda saved: seen.append(saved.status)],
        )

    assert callbacks == []
    assert seen == []


def test_anonymous_actor_is_logged_without_a_user(pending):
    transition(pending, to=Association.Status.APPROVED, actor=AnonymousUser())

    [entry] = ActivityLog.objects.for_object(pending)
    assert entry.actor is None


def test_allowed_transitions_follow_the_map(db):
    assert allowed_transitions(AssociationFactory(pending=True)) == {
        Association.Status.APPROVED,
        Association.Status.REJECTED,
    }
    assert allowed_transitions(AssociationFactory()) == {Association.Status.SUSPENDED}
