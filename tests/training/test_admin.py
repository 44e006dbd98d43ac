"""The staff admin: courses with sessions, enrolment actions, exports, certificates."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mondinsieme.models import OutgoingEmail
from training.models import Course, Enrolment

from .factories import (
    AttendanceFactory,
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    FeedbackFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

COURSES = reverse("admin:training_course_changelist")
ENROLMENTS = reverse("admin:training_enrolment_changelist")


def _action(client, url, action, *objects):
    return client.post(url, {"action": action, "_selected_action": [o.pk for o in objects]})


def test_the_admin_pages_open(staff_client):
    course = CourseFactory()
    enrolment = EnrolmentFactory(course=course)
    FeedbackFactory(enrolment=enrolment, rating=4)
    certificate = CertificateFactory()
    pages = [
        COURSES,
        reverse("admin:training_course_change", args=[course.pk]),
        reverse("admin:training_course_add"),
        ENROLMENTS,
        reverse("admin:training_enrolment_change", args=[enrolment.pk]),
        reverse("admin:training_certificate_changelist"),
        reverse("admin:training_certificate_change", args=[certificate.pk]),
        reverse("admin:training_feedback_changelist"),
        reverse("admin:training_path_changelist"),
    ]
    for url in pages:
        assert staff_client.get(url).status_code == HTTPStatus.OK, url
    change = staff_client.get(reverse("admin:training_course_change", args=[course.pk]))
    assert "1 valutazione, media 4.0 su 5." in change.text


def test_the_course_list_runs_constant_queries(staff_client, django_assert_max_num_queries):
    for _ in range(3):
        EnrolmentFactory(course=CourseFactory())
    staff_client.get(COURSES)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        staff_client.get(COURSES)
    for _ in range(10):
        EnrolmentFactory(course=CourseFactory())
    with CaptureQueriesContext(connection) as large:
        staff_client.get(COURSES)
    assert len(small) == len(large)


def test_cancel_action_promotes_the_waiting_person(staff_client):
    course = CourseFactory(capacity=1)
    seat = EnrolmentFactory(course=course)
    waiting = EnrolmentFactory(course=course, waitlisted=True)

    _action(staff_client, ENROLMENTS, "cancel", seat)

    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED


def test_move_from_waitlist_action_and_its_refusal(staff_client):
    waiting = EnrolmentFactory(waitlisted=True)
    cancelled = EnrolmentFactory(cancelled=True)

    response = _action(staff_client, ENROLMENTS, "move_from_waitlist", waiting, cancelled)

    assert response.status_code == HTTPStatus.FOUND
    waiting.refresh_from_db()
    cancelled.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED
    assert cancelled.status == Enrolment.Status.CANCELLED


def test_close_action_refuses_a_course_with_sessions_to_come(staff_client):
    course = CourseFactory()
    SessionFactory(course=course)

    response = _action(staff_client, COURSES, "close", course)

    assert response.status_code == HTTPStatus.FOUND
    course.refresh_from_db()
    assert course.status == Course.Status.PUBLISHED


def test_exports_of_participants_and_attendance(staff_client):
    session = SessionFactory(past=True)
    enrolment = EnrolmentFactory(course=session.course)
    AttendanceFactory(session=session, enrolment=enrolment)

    participants = _action(staff_client, COURSES, "export_participants", session.course)
    rows = list(csv.reader(io.StringIO(participants.content.decode("utf-8-sig"))))
    assert rows[0][0] == "corso"
    assert rows[1][2] == enrolment.participant.email
    assert rows[1][6] == "100"

    attendance = _action(staff_client, COURSES, "export_attendance", session.course)
    sheet = load_workbook(io.BytesIO(attendance.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][4] == enrolment.participant.email


def test_enrolments_cannot_be_added_by_hand_in_the_admin(staff_client):
    response = staff_client.get(reverse("admin:training_enrolment_add"))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_confirm_action_fills_free_seats_restores_cancelled_and_refuses_a_full_course(
    staff_client,
):
    course = CourseFactory(capacity=2)
    EnrolmentFactory(course=course)
    waiting = EnrolmentFactory(course=course, waitlisted=True)
    cancelled = EnrolmentFactory(course=course, cancelled=True)
    later = EnrolmentFactory(course=course, waitlisted=True)

    response = _action(staff_client, ENROLMENTS, "confirm", waiting, cancelled, later)

    assert response.status_code == HTTPStatus.FOUND
    for enrolment in (waiting, cancelled, later):
        enrolment.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED
    # The course is full again: the restored enrolment queues after the people already waiting.
    assert cancelled.status == Enrolment.Status.WAITLISTED
    assert cancelled.waitlist_position > later.waitlist_position
    assert later.status == Enrolment.Status.WAITLISTED
    page = staff_client.get(ENROLMENTS).text
    assert "Il corso è al completo" in page, "the refusal is explained"
    assert OutgoingEmail.objects.filter(template="training/enrolment_promoted").count() == 1
    assert OutgoingEmail.objects.filter(template="training/enrolment_waitlisted").count() == 1


def test_raising_the_capacity_in_the_admin_promotes_the_people_waiting(staff_client):
    course = CourseFactory(capacity=1)
    EnrolmentFactory(course=course)
    first, second, third = (
        EnrolmentFactory(course=course, waitlisted=True, waitlist_position=i) for i in (1, 2, 3)
    )
    url = reverse("admin:training_course_change", args=[course.pk])
    closes = timezone.localtime(course.enrolment_closes_at)
    data = {
        "path": "",
        "position": course.position,
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "language": course.language,
        "modality": course.modality,
        "capacity": 3,
        "enrolment_closes_at_0": closes.strftime("%d/%m/%Y"),
        "enrolment_closes_at_1": closes.strftime("%H:%M:%S"),
        "min_attendance_percent": course.min_attendance_percent,
        "hours": course.hours,
        "sessions-TOTAL_FORMS": 0,
        "sessions-INITIAL_FORMS": 0,
        "sessions-MIN_NUM_FORMS": 0,
        "sessions-MAX_NUM_FORMS": 1000,
    }

    response = staff_client.post(url, data, follow=True)

    assert response.status_code == HTTPStatus.OK
    assert "2 persone sono passate dalla lista d&#x27;attesa ai confermati." in response.text
    statuses = dict(Enrolment.objects.filter(course=course).values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == Enrolment.Status.CONFIRMED
    assert statuses[third.pk] == Enrolment.Status.WAITLISTED
    assert OutgoingEmail.objects.filter(template="training/enrolment_promoted").count() == 2


def test_the_enrolment_list_shows_attendance_and_the_inline_records_who_marked_it(
    staff_client, staff
):
    first, second = (SessionFactory(past=True) for _ in range(2))
    second.course = first.course
    second.save()
    enrolment = EnrolmentFactory(course=first.course)
    AttendanceFactory(session=first, enrolment=enrolment)

    assert "50%" in staff_client.get(ENROLMENTS).text

    url = reverse("admin:training_enrolment_change", args=[enrolment.pk])
    attendance = enrolment.attendances.get()
    response = staff_client.post(
        url,
        {
            "attendances-TOTAL_FORMS": 2,
            "attendances-INITIAL_FORMS": 1,
            "attendances-MIN_NUM_FORMS": 0,
            "attendances-MAX_NUM_FORMS": 1000,
            "attendances-0-id": attendance.pk,
            "attendances-0-enrolment": enrolment.pk,
            "attendances-0-session": first.pk,
            "attendances-1-enrolment": enrolment.pk,
            "attendances-1-session": second.pk,
            "attendances-1-present": "on",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    marks = dict(enrolment.attendances.filter(recorded_by=staff).values_list("session", "present"))
    assert marks == {first.pk: False, second.pk: True}


def test_certificates_missed_at_closing_are_issued_after_a_correction(staff_client):
    session = SessionFactory(past=True)
    course = session.course
    enrolment = EnrolmentFactory(course=course)
    open_course = CourseFactory()
    course.status = Course.Status.CLOSED
    course.save()
    # The sheet arrives late: the participant was there after all.
    AttendanceFactory(session=session, enrolment=enrolment)

    _action(staff_client, COURSES, "issue_certificates", course, open_course)

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.certificate.attendance_percent == 100
    assert OutgoingEmail.objects.filter(template="training/certificate_issued").count() == 1
    assert "Gli attestati si rilasciano quando il corso è concluso." in (
        staff_client.get(COURSES).text
    )


def test_the_enrolment_list_runs_constant_queries(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def grow():
        session = SessionFactory(past=True)
        for _ in range(3):
            AttendanceFactory(session=session, enrolment=EnrolmentFactory(course=session.course))

    grow()
    staff_client.get(ENROLMENTS)
    with CaptureQueriesContext(connection) as small:
        staff_client.get(ENROLMENTS)
    for _ in range(3):
        grow()
    with CaptureQueriesContext(connection) as large:
        staff_client.get(ENROLMENTS)
    assert len(small) == len(large)
