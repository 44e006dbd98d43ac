"""The staff admin: courses with sessions, enrolment actions, exports, certificates."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse
from openpyxl import load_workbook

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
