"""Enrolment by leaders: seats, waiting list, promotion, window, permissions, e-mails."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mondinsieme.models import ActivityLog, OutgoingEmail
from mondinsieme.workflow import TransitionNotAllowed
from tests.factories import AssociationFactory, InvitationFactory, MembershipFactory, UserFactory
from training import services
from training.models import Course, Enrolment

from .factories import CourseFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(association):
    return MembershipFactory(association=association).user


def test_it_confirms_while_seats_are_free_and_e_mails_the_participant(leader, association, member):
    course = CourseFactory(capacity=2)

    enrolment = services.enrolment_create(
        course=course, participant=member, association=association, actor=leader
    )

    assert enrolment.status == Enrolment.Status.CONFIRMED
    assert enrolment.waitlist_position is None
    assert enrolment.enrolled_by == leader
    email = OutgoingEmail.objects.get(to=member.email)
    assert email.template == "training/enrolment_confirmed"
    assert course.title in email.subject
    assert ActivityLog.objects.for_object(enrolment).filter(action="enrolled").exists()


def test_a_leader_enrols_themselves(leader, association):
    course = CourseFactory()

    enrolment = services.enrolment_create(
        course=course, participant=leader, association=association, actor=leader
    )

    assert enrolment.participant == leader


def test_it_puts_people_on_the_waiting_list_in_order_when_full(leader, association):
    course = CourseFactory(capacity=1)
    people = [MembershipFactory(association=association).user for _ in range(3)]

    enrolments = [
        services.enrolment_create(
            course=course, participant=person, association=association, actor=leader
        )
        for person in people
    ]

    assert [e.status for e in enrolments] == ["confirmed", "waitlisted", "waitlisted"]
    assert [e.waitlist_position for e in enrolments] == [None, 1, 2]
    waiting_email = OutgoingEmail.objects.get(to=people[2].email)
    assert waiting_email.template == "training/enrolment_waitlisted"
    assert "2" in waiting_email.body_text


def test_it_refuses_a_second_enrolment_of_the_same_person(leader, association, member):
    course = CourseFactory()
    services.enrolment_create(
        course=course, participant=member, association=association, actor=leader
    )

    with pytest.raises(ValidationError) as error:
        services.enrolment_create(
            course=course, participant=member, association=association, actor=leader
        )

    assert error.value.code == "already_enrolled"


def test_it_re_enrols_after_a_cancellation(leader, association, member):
    course = CourseFactory()
    enrolment = EnrolmentFactory(
        course=course, association=association, participant=member, cancelled=True
    )

    again = services.enrolment_create(
        course=course, participant=member, association=association, actor=leader
    )

    assert again.pk == enrolment.pk
    assert again.status == Enrolment.Status.CONFIRMED


@pytest.mark.parametrize("trait", ["enrolment_over", "draft", "closed"])
def test_it_refuses_enrolment_outside_the_window_or_when_not_published(
    leader, association, member, trait
):
    course = CourseFactory(**{trait: True})

    with pytest.raises(ValidationError) as error:
        services.enrolment_create(
            course=course, participant=member, association=association, actor=leader
        )

    assert error.value.code == "enrolment_closed"
    assert not Enrolment.objects.exists()


def test_it_refuses_a_leader_enrolling_for_another_association(leader):
    other = AssociationFactory()
    stranger = MembershipFactory(association=other).user

    with pytest.raises(PermissionDenied):
        services.enrolment_create(
            course=CourseFactory(), participant=stranger, association=other, actor=leader
        )


def test_it_refuses_a_plain_member_enrolling_others(association, member):
    colleague = MembershipFactory(association=association).user

    with pytest.raises(PermissionDenied):
        services.enrolment_create(
            course=CourseFactory(), participant=colleague, association=association, actor=member
        )


def test_it_refuses_someone_who_is_not_a_member_of_the_association(leader, association):
    outsider = UserFactory()

    with pytest.raises(ValidationError) as error:
        services.enrolment_create(
            course=CourseFactory(), participant=outsider, association=association, actor=leader
        )

    assert error.value.code == "not_a_member"


def test_cancelling_a_confirmed_seat_promotes_the_first_waiting_and_tells_them(leader, association):
    course = CourseFactory(capacity=1)
    seat = EnrolmentFactory(course=course, association=association)
    first = EnrolmentFactory(
        course=course, association=association, waitlisted=True, waitlist_position=1
    )
    second = EnrolmentFactory(
        course=course, association=association, waitlisted=True, waitlist_position=2
    )

    cancelled, promoted = services.enrolment_cancel(enrolment=seat, actor=leader)

    assert cancelled.status == Enrolment.Status.CANCELLED
    assert [e.pk for e in promoted] == [first.pk]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.waitlist_position) == ("confirmed", None)
    assert second.status == "waitlisted"
    email = OutgoingEmail.objects.get(template="training/enrolment_promoted")
    assert email.to == first.participant.email


def test_cancelling_a_waiting_person_promotes_nobody(leader, association):
    course = CourseFactory(capacity=1)
    EnrolmentFactory(course=course, association=association)
    waiting = EnrolmentFactory(course=course, association=association, waitlisted=True)

    _cancelled, promoted = services.enrolment_cancel(enrolment=waiting, actor=leader)

    assert promoted == []


def test_a_participant_cancels_their_own_enrolment(association):
    enrolment = EnrolmentFactory(association=association)

    cancelled, _promoted = services.enrolment_cancel(
        enrolment=enrolment, actor=enrolment.participant
    )

    assert cancelled.status == Enrolment.Status.CANCELLED


def test_it_refuses_cancelling_twice(leader, association):
    enrolment = EnrolmentFactory(association=association)
    services.enrolment_cancel(enrolment=enrolment, actor=leader)

    with pytest.raises(TransitionNotAllowed):
        services.enrolment_cancel(enrolment=enrolment, actor=leader)


def test_it_refuses_a_leader_cancelling_another_associations_enrolment(leader):
    enrolment = EnrolmentFactory()

    with pytest.raises(PermissionDenied):
        services.enrolment_cancel(enrolment=enrolment, actor=leader)


def test_it_refuses_cancelling_after_the_course_closed(association, leader):
    enrolment = EnrolmentFactory(association=association, course=CourseFactory(closed=True))

    with pytest.raises(ValidationError) as error:
        services.enrolment_cancel(enrolment=enrolment, actor=leader)

    assert error.value.code == "closed"


def test_staff_move_someone_from_the_waiting_list_beyond_capacity(staff, association):
    course = CourseFactory(capacity=1)
    EnrolmentFactory(course=course, association=association)
    waiting = EnrolmentFactory(course=course, association=association, waitlisted=True)

    promoted = services.enrolment_move_from_waitlist(enrolment=waiting, actor=staff)

    assert promoted.status == Enrolment.Status.CONFIRMED
    assert course.enrolments.filter(status="confirmed").count() == 2


def test_it_refuses_moving_someone_who_is_not_waiting(staff):
    with pytest.raises(ValidationError) as error:
        services.enrolment_move_from_waitlist(enrolment=EnrolmentFactory(), actor=staff)

    assert error.value.code == "not_waitlisted"


def test_it_refuses_a_leader_moving_someone_from_the_waiting_list(leader, association):
    waiting = EnrolmentFactory(association=association, waitlisted=True)

    with pytest.raises(PermissionDenied):
        services.enrolment_move_from_waitlist(enrolment=waiting, actor=leader)


def test_inviting_an_address_without_account_sends_the_association_invitation(leader, association):
    course = CourseFactory()

    result = services.enrolment_invite(
        course=course, association=association, actor=leader, email="Nuova@Example.org"
    )

    assert result is None
    assert association.invitations.filter(email="nuova@example.org").exists()
    templates = set(OutgoingEmail.objects.values_list("template", flat=True))
    assert templates == {"associations/invitation", "training/course_invitation"}
    assert not Enrolment.objects.exists()


def test_inviting_the_address_of_a_member_enrols_them(leader, association, member):
    enrolment = services.enrolment_invite(
        course=CourseFactory(), association=association, actor=leader, email=member.email.upper()
    )

    assert enrolment.participant == member


def test_inviting_twice_says_so(leader, association):
    InvitationFactory(association=association, email="due@example.org")

    with pytest.raises(ValidationError):
        services.enrolment_invite(
            course=CourseFactory(), association=association, actor=leader, email="due@example.org"
        )


def test_a_course_status_moves_only_along_its_workflow(staff):
    course = CourseFactory(draft=True)

    with pytest.raises(ValidationError) as error:
        services.course_publish(course=course, actor=staff)
    assert error.value.code == "no_sessions"

    from .factories import SessionFactory

    SessionFactory(course=course)
    services.course_publish(course=course, actor=staff)
    assert course.status == Course.Status.PUBLISHED
    with pytest.raises(TransitionNotAllowed):
        services.course_archive(course=course, actor=staff)


def test_it_refuses_a_leader_publishing_a_course(leader):
    with pytest.raises(PermissionDenied):
        services.course_publish(course=CourseFactory(draft=True), actor=leader)


def test_unpublishing_is_refused_once_people_are_enrolled(staff):
    enrolment = EnrolmentFactory()

    with pytest.raises(ValidationError) as error:
        services.course_unpublish(course=enrolment.course, actor=staff)

    assert error.value.code == "has_enrolments"
