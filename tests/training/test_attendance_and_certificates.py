"""Attendance, closing a course, certificates (PDF, QR, verification, revocation)."""

import io
import subprocess
import zipfile
from http import HTTPStatus

import pytest
import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from PIL import Image

from mondinsieme.models import OutgoingEmail
from mondinsieme.workflow import TransitionNotAllowed
from training import documents, selectors, services
from training.models import Attendance, Certificate, Course, Enrolment

from .factories import CertificateFactory, CourseFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_with_history():
    """A course of four past sessions and three participants at 100%, 75% and 50%."""
    course = CourseFactory(min_attendance_percent=75, hours=8)
    sessions = [SessionFactory(course=course, past=True) for _ in range(4)]
    enrolments = [EnrolmentFactory(course=course) for _ in range(3)]
    for enrolment, attended in zip(enrolments, (4, 3, 2), strict=True):
        for session in sessions[:attended]:
            Attendance.objects.create(session=session, enrolment=enrolment, present=True)
    return course, sessions, enrolments


def test_staff_record_attendance_and_percentages_follow(staff):
    course = CourseFactory()
    sessions = [SessionFactory(course=course) for _ in range(4)]
    enrolment = EnrolmentFactory(course=course)

    services.attendance_set(session=sessions[0], enrolment=enrolment, present=True, actor=staff)
    services.attendance_set(session=sessions[1], enrolment=enrolment, present=True, actor=staff)
    services.attendance_set(session=sessions[1], enrolment=enrolment, present=False, actor=staff)

    assert Attendance.objects.count() == 2
    assert selectors.attendance_summary(course).percent(enrolment.pk) == 25


def test_it_refuses_attendance_from_a_leader(leader):
    session = SessionFactory()
    enrolment = EnrolmentFactory(course=session.course)

    with pytest.raises(PermissionDenied):
        services.attendance_set(session=session, enrolment=enrolment, present=True, actor=leader)


def test_it_refuses_attendance_for_another_course_or_a_waiting_person(staff):
    session = SessionFactory()
    with pytest.raises(ValidationError):
        services.attendance_set(
            session=session, enrolment=EnrolmentFactory(), present=True, actor=staff
        )
    waiting = EnrolmentFactory(course=session.course, waitlisted=True)
    with pytest.raises(ValidationError):
        services.attendance_set(session=session, enrolment=waiting, present=True, actor=staff)


def test_csv_import_saves_known_rows_and_reports_the_others(staff):
    session = SessionFactory()
    present, absent = (EnrolmentFactory(course=session.course) for _ in range(2))
    sheet = (
        "email;presente\n"
        f"{present.participant.email.upper()};sì\n"
        f"{absent.participant.email};no\n"
        "sconosciuto@example.org;sì\n"
        f"{present.participant.email};forse\n"
    ).encode()

    saved, problems = services.attendance_import_csv(session=session, data=sheet, actor=staff)

    assert saved == 2
    assert len(problems) == 2
    assert "sconosciuto@example.org" in problems[0]
    marks = dict(Attendance.objects.values_list("enrolment_id", "present"))
    assert marks == {present.pk: True, absent.pk: False}


@pytest.mark.parametrize(
    "data", [b"nome,cognome\nA,B\n", "email,presente\nè,sì\n".encode("latin-1")]
)
def test_csv_import_refuses_a_sheet_it_cannot_read(staff, data):
    with pytest.raises(ValidationError):
        services.attendance_import_csv(session=SessionFactory(), data=data, actor=staff)


def test_closing_a_course_issues_certificates_to_those_above_the_minimum(
    staff, course_with_history
):
    course, _sessions, (full, enough, too_little) = course_with_history

    closed, certificates = services.course_close(course=course, actor=staff)

    assert closed.status == Course.Status.CLOSED
    assert {c.enrolment_id for c in certificates} == {full.pk, enough.pk}
    assert Certificate.objects.get(enrolment=enough).attendance_percent == 75
    assert Enrolment.objects.get(pk=full.pk).status == Enrolment.Status.COMPLETED
    assert Enrolment.objects.get(pk=too_little.pk).status == Enrolment.Status.CONFIRMED
    assert OutgoingEmail.objects.filter(template="training/certificate_issued").count() == 2
    # Issuing again gives nobody a second certificate.
    assert services.certificates_issue(course=closed, actor=staff) == []
    assert Certificate.objects.count() == 2


def test_it_refuses_closing_a_course_with_sessions_still_to_come(staff):
    course = CourseFactory()
    SessionFactory(course=course)

    with pytest.raises(ValidationError) as error:
        services.course_close(course=course, actor=staff)

    assert error.value.code == "sessions_pending"


def test_it_refuses_closing_a_draft_or_by_a_leader(staff, leader):
    with pytest.raises(TransitionNotAllowed):
        services.course_close(course=CourseFactory(draft=True), actor=staff)
    with pytest.raises(PermissionDenied):
        services.course_close(course=CourseFactory(), actor=leader)


def test_it_refuses_issuing_certificates_for_an_open_course(staff):
    with pytest.raises(ValidationError):
        services.certificates_issue(course=CourseFactory(), actor=staff)


DPI = 300
MM = DPI / 25.4


def _qr_modules(pdf: bytes, tmp_path, size: int) -> list[list[bool]]:
    """Rasterise page 1 and read the QR code's ``size`` x ``size`` modules (dark = True).

    The certificate CSS puts the code at 20 mm from the left and 205 mm from the top of the
    page (content box + 180 mm), so the crop holds the code and nothing else.
    """
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-gray",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(tmp_path / "c.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    page = Image.open(tmp_path / "page.png").convert("L")
    crop = page.crop((int(15 * MM), int(200 * MM), int(65 * MM), int(250 * MM)))
    dark = crop.point(lambda value: 255 if value < 128 else 0)
    left, top, right, _bottom = dark.getbbox()
    # Finder patterns sit in three corners, so the dark box is exactly the symbol.
    module = (right - left) / size
    return [
        [
            crop.getpixel((int(left + (x + 0.5) * module), int(top + (y + 0.5) * module))) < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


def test_the_certificate_pdf_names_the_course_and_its_qr_code_is_the_verification_url(
    pdf_text, tmp_path
):
    certificate = CertificateFactory(attendance_percent=90)
    certificate.enrolment.course.title = "Europrogettazione di base"
    certificate.enrolment.course.save()

    pdf = documents.certificate_pdf(certificate)

    text = pdf_text(pdf)
    assert "Attestato di partecipazione" in text
    assert "Europrogettazione di base" in text
    assert certificate.enrolment.participant.full_name in text
    assert certificate.code in text
    assert "90%" in text
    url = documents.verification_url(certificate)
    assert url.endswith(reverse("training:certificate-verify", args=[certificate.code]))
    expected = [[bool(cell) for cell in row] for row in segno.make(url, error="m").matrix]
    modules = _qr_modules(pdf, tmp_path, size=len(expected))
    # No QR decoder is installed here: reading the modules back and comparing them with the
    # code of the expected URL proves the same thing (a different URL gives other modules).
    assert modules == expected
    other = segno.make(url.replace(certificate.code, "X" * len(certificate.code)), error="m")
    assert modules != [[bool(cell) for cell in row] for row in other.matrix]


def test_the_verification_page_confirms_then_says_revoked(client, staff):
    certificate = CertificateFactory()
    url = reverse("training:certificate-verify", args=[certificate.code])

    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert "Attestato valido" in response.text
    assert certificate.enrolment.course.title in response.text

    services.certificate_revoke(certificate=certificate, actor=staff, reason="Presenze errate")

    response = client.get(url)
    assert "è stato revocato" in response.text
    assert "Attestato valido" not in response.text


def test_an_unknown_code_is_a_404_page_that_says_what_to_do(client):
    response = client.get(reverse("training:certificate-verify", args=["NOPE"]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Controlla di averlo scritto bene" in response.text


def test_it_refuses_revoking_without_reason_twice_or_by_a_leader(staff, leader):
    certificate = CertificateFactory()
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, actor=staff, reason=" ")
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, actor=leader, reason="x")
    services.certificate_revoke(certificate=certificate, actor=staff, reason="x")
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, actor=staff, reason="x")


def test_staff_download_a_zip_of_the_valid_certificates(staff_client):
    course = CourseFactory(closed=True)
    valid = CertificateFactory(enrolment__course=course)
    CertificateFactory(enrolment__course=course, revoked=True)

    response = staff_client.post(reverse("training:certificates-zip", args=[course.slug]))

    assert response.status_code == HTTPStatus.OK
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == [f"{course.slug}-{valid.code}.pdf"]


def test_a_leader_cannot_download_the_zip(leader_client):
    course = CourseFactory(closed=True)

    response = leader_client.post(reverse("training:certificates-zip", args=[course.slug]))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_a_big_zip_is_built_by_celery_and_e_mailed_once(
    staff_client, leader, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(documents, "ZIP_SYNC_LIMIT", 1)
    course = CourseFactory(closed=True)
    certificates = [CertificateFactory(enrolment__course=course) for _ in range(2)]

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("training:certificates-zip", args=[course.slug]), follow=True
        )

    assert "ti mandiamo un'e-mail" in response.text.replace("&#x27;", "'")
    email = OutgoingEmail.objects.get(template="training/certificates_zip")
    link = email.body_text.split("http://127.0.0.1:8000")[1].split()[0]
    download = staff_client.get(link)
    assert download.status_code == HTTPStatus.OK
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert sorted(names) == sorted(f"{course.slug}-{c.code}.pdf" for c in certificates)
    # Running the task again (a Celery retry) sends no second e-mail.
    from training.tasks import build_certificates_zip

    token = link.rsplit("attestati-", 1)[1].removesuffix(".zip")
    build_certificates_zip(course.pk, email_user_pk(email), token)
    assert OutgoingEmail.objects.filter(template="training/certificates_zip").count() == 1
    leader_client = Client()
    leader_client.force_login(leader)
    assert leader_client.get(link).status_code == HTTPStatus.FORBIDDEN
    forged = link.replace(token, "0" * 32)
    assert staff_client.get(forged).status_code == HTTPStatus.NOT_FOUND


def email_user_pk(email) -> int:
    from mondinsieme.models import User

    return User.objects.get(email=email.to).pk


def test_feedback_from_the_participant_only(leader):
    enrolment = EnrolmentFactory(completed=True)

    feedback = services.feedback_submit(
        enrolment=enrolment, actor=enrolment.participant, rating=5, comment="Utile"
    )
    assert feedback.rating == 5
    with pytest.raises(ValidationError):
        services.feedback_submit(enrolment=enrolment, actor=enrolment.participant, rating=6)
    with pytest.raises(PermissionDenied):
        services.feedback_submit(enrolment=enrolment, actor=leader, rating=3)
    assert selectors.feedback_summary(enrolment.course) == {"count": 1, "average": 5.0}


def test_the_verification_page_is_rate_limited(client):
    certificate = CertificateFactory()
    url = reverse("training:certificate-verify", args=[certificate.code])

    statuses = {client.get(url).status_code for _ in range(61)}

    assert statuses == {HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS}
