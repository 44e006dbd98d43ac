"""Pages: public list and detail, enrolment, my training, leaders' overview, staff attendance."""

from http import HTTPStatus

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from mondinsieme.ical import feed_token
from mondinsieme.models import OutgoingEmail
from tests.factories import AssociationFactory, MembershipFactory, UserFactory
from training.models import Attendance, Enrolment
from training.views import FEED_SALT

from .factories import (
    AttendanceFactory,
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    PathFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # These count the view's own queries: the anonymous page cache would answer instead.
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


def _grow(course, sessions: int, enrolments: int) -> None:
    for _ in range(sessions):
        SessionFactory(course=course)
    for _ in range(enrolments):
        EnrolmentFactory(course=course)


def test_the_course_list_runs_the_same_queries_as_courses_sessions_and_enrolments_grow(client):
    path = PathFactory()
    courses = [CourseFactory(path=path) for _ in range(2)]
    for course in courses:
        _grow(course, 1, 1)
    url = reverse("training:course-list")
    client.get(url)
    small = _count_queries(client, url)

    for course in courses:
        _grow(course, 5, 8)
    for _ in range(6):
        _grow(CourseFactory(path=PathFactory()), 3, 3)
    large = _count_queries(client, url)

    assert small == large


@pytest.mark.parametrize("as_leader", [False, True])
def test_the_course_detail_runs_the_same_queries_as_sessions_and_enrolments_grow(
    client, leader, association, as_leader
):
    if as_leader:
        client.force_login(leader)
    course = CourseFactory(capacity=100)
    _grow(course, 1, 1)
    url = reverse("training:course-detail", args=[course.slug])
    client.get(url)
    small = _count_queries(client, url)

    _grow(course, 10, 30)
    for _ in range(10):
        MembershipFactory(association=association)
    large = _count_queries(client, url)

    assert small == large


def test_the_course_list_filters_by_path_modality_language_and_open_enrolment(client):
    path = PathFactory(slug="cooperazione")
    wanted = CourseFactory(path=path, modality="online", language="it", title="Voluto")
    CourseFactory(path=path, modality="presence", title="Altra modalità")
    CourseFactory(modality="online", title="Altro percorso")
    CourseFactory(path=path, modality="online", enrolment_over=True, title="Chiuso")
    CourseFactory(path=path, modality="online", draft=True, title="Bozza")

    response = client.get(
        reverse("training:course-list"),
        {"path": "cooperazione", "modality": "online", "language": "it", "open": "on"},
    )

    assert [c.title for c in response.context["courses"]] == [wanted.title]


def test_bad_filters_do_not_break_the_list(client):
    CourseFactory(title="Visibile")

    response = client.get(reverse("training:course-list"), {"path": "nessuno", "modality": "x"})

    assert response.status_code == HTTPStatus.OK
    assert "Alcuni filtri non sono validi" in response.text


def test_the_detail_renders_markdown_and_hides_drafts(client):
    course = CourseFactory(description="Impariamo **AICS**\n\n<script>alert(1)</script>")
    response = client.get(course.get_absolute_url())
    assert "<strong>AICS</strong>" in response.text
    assert "<script>alert(1)</script>" not in response.text

    draft = CourseFactory(draft=True)
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_leader_enrols_a_member_through_the_page(leader_client, association):
    course = CourseFactory(capacity=1)
    member = MembershipFactory(association=association).user

    response = leader_client.post(
        reverse("training:enrol", args=[course.slug]),
        {"association": association.pk, "participant": member.pk},
        follow=True,
    )

    assert response.status_code == HTTPStatus.OK
    assert Enrolment.objects.get(course=course, participant=member).status == "confirmed"
    assert "iscritto o iscritta" in response.text


def test_the_enrol_form_invites_an_address_without_account(leader_client, association):
    course = CourseFactory()

    response = leader_client.post(
        reverse("training:enrol", args=[course.slug]),
        {"association": association.pk, "email": "nuovo@example.org"},
        follow=True,
    )

    assert "Abbiamo invitato nuovo@example.org" in response.text
    assert OutgoingEmail.objects.filter(to="nuovo@example.org").count() == 2


def test_the_enrol_form_needs_one_of_member_or_address(leader_client, association, leader):
    course = CourseFactory()

    response = leader_client.post(
        reverse("training:enrol", args=[course.slug]),
        {"association": association.pk, "participant": leader.pk, "email": "x@example.org"},
        follow=True,
    )

    assert "uno dei due" in response.text
    assert not Enrolment.objects.exists()


def test_a_leader_cannot_enrol_a_member_of_another_association(leader_client, association):
    other = AssociationFactory()
    stranger = MembershipFactory(association=other).user
    course = CourseFactory()

    for data in (
        {"association": other.pk, "participant": stranger.pk},
        {"association": association.pk, "participant": stranger.pk},
        {"association": other.pk, "email": "nuovo@example.org"},
    ):
        response = leader_client.post(reverse("training:enrol", args=[course.slug]), data)
        assert response.status_code == HTTPStatus.FORBIDDEN, data

    assert not Enrolment.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_someone_who_leads_nothing_gets_403_when_enrolling(client, user):
    client.force_login(user)
    course = CourseFactory()

    response = client.post(reverse("training:enrol", args=[course.slug]), {"participant": user.pk})

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_anonymous_enrolment_goes_to_login(client):
    course = CourseFactory()

    response = client.post(reverse("training:enrol", args=[course.slug]))

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response["Location"]


def test_a_leader_cannot_cancel_or_see_another_associations_enrolments(leader_client):
    other = AssociationFactory()
    enrolment = EnrolmentFactory(association=other)

    cancel = leader_client.post(reverse("training:enrolment-cancel", args=[enrolment.pk]))
    overview = leader_client.get(reverse("training:association-training", args=[other.slug]))
    feedback = leader_client.post(reverse("training:feedback", args=[enrolment.pk]), {"rating": 5})

    assert cancel.status_code == HTTPStatus.NOT_FOUND
    assert overview.status_code == HTTPStatus.FORBIDDEN
    assert feedback.status_code == HTTPStatus.NOT_FOUND
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CONFIRMED


def test_a_leader_sees_and_cancels_their_members_enrolments(leader_client, association):
    session = SessionFactory(past=True)
    enrolment = EnrolmentFactory(association=association, course=session.course)
    AttendanceFactory(session=session, enrolment=enrolment)
    SessionFactory(course=session.course)

    mine = leader_client.get(reverse("training:my-training"))
    assert reverse("training:association-training", args=[association.slug]) in mine.text
    page = leader_client.get(reverse("training:association-training", args=[association.slug]))
    assert enrolment.participant.full_name in page.text
    assert "50%" in page.text

    leader_client.post(
        reverse("training:enrolment-cancel", args=[enrolment.pk]), {"next_page": "association"}
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CANCELLED


def test_a_pending_association_page_is_404_for_strangers(client, user):
    client.force_login(user)
    pending = AssociationFactory(pending=True)

    response = client.get(reverse("training:association-training", args=[pending.slug]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_my_training_shows_attendance_and_the_certificate(client):
    certificate = CertificateFactory()
    enrolment = certificate.enrolment
    client.force_login(enrolment.participant)

    response = client.get(reverse("training:my-training"))

    assert enrolment.course.title in response.text
    assert reverse("training:certificate-pdf", args=[certificate.code]) in response.text
    pdf = client.get(reverse("training:certificate-pdf", args=[certificate.code]))
    assert pdf["Content-Type"] == "application/pdf"


def test_someone_else_cannot_download_a_certificate(client, user):
    certificate = CertificateFactory()
    client.force_login(user)

    response = client.get(reverse("training:certificate-pdf", args=[certificate.code]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_participant_cancels_from_my_training(client):
    enrolment = EnrolmentFactory()
    client.force_login(enrolment.participant)

    client.post(reverse("training:enrolment-cancel", args=[enrolment.pk]))

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CANCELLED


def test_staff_mark_attendance_with_htmx_and_without_js(staff_client):
    session = SessionFactory(past=True)
    first, second = (EnrolmentFactory(course=session.course) for _ in range(2))
    page_url = reverse("training:session-attendance", args=[session.pk])

    page = staff_client.get(page_url)
    assert first.participant.full_name in page.text
    assert 'hx-post="' in page.text

    row = staff_client.post(
        reverse("training:attendance-toggle", args=[session.pk, first.pk]),
        {"present": [str(first.pk)]},
        HTTP_HX_REQUEST="true",
    )
    assert row.status_code == HTTPStatus.OK
    assert "100%" in row.text
    assert Attendance.objects.get(enrolment=first).present is True

    staff_client.post(page_url, {"present": [str(second.pk)]})
    marks = dict(Attendance.objects.values_list("enrolment_id", "present"))
    assert marks == {first.pk: False, second.pk: True}


def test_the_attendance_page_is_refused_to_a_leader(leader_client):
    session = SessionFactory()

    response = leader_client.get(reverse("training:session-attendance", args=[session.pk]))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_staff_import_an_attendance_sheet(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    session = SessionFactory(past=True)
    enrolment = EnrolmentFactory(course=session.course)
    sheet = SimpleUploadedFile(
        "presenze.csv", f"email,presente\n{enrolment.participant.email},1\n".encode()
    )

    response = staff_client.post(
        reverse("training:attendance-import", args=[session.pk]), {"file": sheet}, follow=True
    )

    assert "1 presenza importata" in response.text
    assert Attendance.objects.get(enrolment=enrolment).present


def test_staff_close_a_course_from_its_page(staff_client):
    session = SessionFactory(past=True)
    enrolment = EnrolmentFactory(course=session.course)
    AttendanceFactory(session=session, enrolment=enrolment)

    response = staff_client.post(
        reverse("training:course-close", args=[session.course.slug]), follow=True
    )

    assert "1 attestato rilasciato" in response.text
    assert enrolment.certificate.code


def test_the_course_calendar_lists_its_sessions(client):
    course = CourseFactory()
    sessions = [SessionFactory(course=course, topic=f"Tema {n}") for n in range(3)]

    response = client.get(reverse("training:course-calendar", args=[course.slug]))

    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == [f"{course.title}: {s.topic}" for s in sessions]


def test_the_personal_feed_lists_only_confirmed_courses_and_needs_a_valid_token(client):
    enrolment = EnrolmentFactory()
    SessionFactory(course=enrolment.course, topic="Mio")
    waiting = EnrolmentFactory(participant=enrolment.participant, waitlisted=True)
    SessionFactory(course=waiting.course, topic="In attesa")
    token = feed_token(enrolment.participant, salt=FEED_SALT)

    response = client.get(reverse("training:my-calendar", args=[token]))
    forged = client.get(reverse("training:my-calendar", args=[token + "x"]))
    # A bare user id, signed as the feed's first version did, is not enough.
    bare = signing.dumps(enrolment.participant.pk, salt=FEED_SALT)

    summaries = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == [f"{enrolment.course.title}: Mio"]
    assert forged.status_code == HTTPStatus.NOT_FOUND
    assert (
        client.get(reverse("training:my-calendar", args=[bare])).status_code == HTTPStatus.NOT_FOUND
    )


def test_a_new_password_revokes_the_old_feed_address(client):
    enrolment = EnrolmentFactory()
    participant = enrolment.participant
    old_token = feed_token(participant, salt=FEED_SALT)
    participant.set_password("una-nuova-password-lunga")
    participant.save()

    assert (
        client.get(reverse("training:my-calendar", args=[old_token])).status_code
        == HTTPStatus.NOT_FOUND
    )
    fresh = client.get(
        reverse("training:my-calendar", args=[feed_token(participant, salt=FEED_SALT)])
    )
    assert fresh.status_code == HTTPStatus.OK


def test_home_figures_count_public_courses_participants_and_certificates():
    from training.selectors import home_figures

    CertificateFactory()
    CourseFactory(draft=True)

    assert [value for _label, value in home_figures()] == [1, 1, 1]


def test_the_objective_points_to_the_course_list(client):
    from django.apps import apps

    objective = apps.get_app_config("training").objective

    assert reverse(objective.url_name) == reverse("training:course-list")
    assert "training-session-reminders" in objective.beat_schedule
    assert UserFactory  # shared factories stay importable from training tests


def test_a_participant_rates_a_completed_course_from_my_training(client):
    enrolment = EnrolmentFactory(completed=True, course=CourseFactory(closed=True))
    client.force_login(enrolment.participant)

    page = client.get(reverse("training:my-training"))
    assert f'id="id_feedback{enrolment.pk}_rating_0"' in page.text
    response = client.post(
        reverse("training:feedback", args=[enrolment.pk]), {"rating": "4"}, follow=True
    )
    bad = client.post(
        reverse("training:feedback", args=[enrolment.pk]), {"rating": "9"}, follow=True
    )

    assert "Grazie per la tua valutazione" in response.text
    assert "Scegli un voto da 1 a 5" in bad.text
    assert enrolment.feedback.rating == 4


def test_the_english_course_list_speaks_english(client):
    CourseFactory(capacity=3)

    response = client.get("/en" + reverse("training:course-list"))

    assert "Training courses" in response.text
    assert "3 places left" in response.text


def test_my_training_and_the_leaders_page_run_constant_queries(client, leader, association):
    member = MembershipFactory(association=association).user

    def enrol_on_new_course():
        course = CourseFactory()
        session = SessionFactory(course=course, past=True)
        SessionFactory(course=course)
        enrolment = EnrolmentFactory(course=course, association=association, participant=member)
        AttendanceFactory(session=session, enrolment=enrolment)
        CertificateFactory(enrolment=EnrolmentFactory(course=course, association=association))

    enrol_on_new_course()
    client.force_login(leader)
    leader_url = reverse("training:association-training", args=[association.slug])
    client.get(leader_url)
    leader_small = _count_queries(client, leader_url)
    client.force_login(member)
    mine_url = reverse("training:my-training")
    client.get(mine_url)
    mine_small = _count_queries(client, mine_url)

    for _ in range(6):
        enrol_on_new_course()

    assert _count_queries(client, mine_url) == mine_small
    client.force_login(leader)
    assert _count_queries(client, leader_url) == leader_small


def test_the_attendance_toggle_refuses_another_courses_enrolment_and_works_without_htmx(
    staff_client,
):
    session = SessionFactory(past=True)
    stranger = EnrolmentFactory()
    mine = EnrolmentFactory(course=session.course)

    refused = staff_client.post(
        reverse("training:attendance-toggle", args=[session.pk, stranger.pk]),
        {"present": [str(stranger.pk)]},
    )
    plain = staff_client.post(
        reverse("training:attendance-toggle", args=[session.pk, mine.pk]),
        {"present": [str(mine.pk)]},
    )

    assert refused.status_code == HTTPStatus.NOT_FOUND
    assert plain.status_code == HTTPStatus.FOUND
    assert Attendance.objects.get().enrolment == mine


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"email,presente\n" + b"a" * 200_000 + b",1\n", "non è un CSV leggibile"),
        (b"\xff\xfe\x00", "non è in UTF-8"),
        (b"", "Il file inviato è vuoto"),
        (b"nome,cognome\nA,B\n", "deve avere le colonne"),
        (b"email,presente\nnobody@example.org,1,extra,cells\n", "non è tra gli iscritti"),
        (b'email;presente\n"unterminated;1\n', "non è tra gli iscritti"),
    ],
)
def test_an_unreadable_attendance_sheet_is_explained_not_a_500(staff_client, data, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    session = SessionFactory(past=True)

    response = staff_client.post(
        reverse("training:attendance-import", args=[session.pk]),
        {"file": SimpleUploadedFile("presenze.csv", data)},
        follow=True,
    )

    assert response.status_code == HTTPStatus.OK
    assert message in response.text
    assert not Attendance.objects.exists()


def test_bad_input_on_every_page_gives_an_answer_never_a_500(staff, leader, association):
    from django.test import Client

    course = CourseFactory()
    SessionFactory(course=course)
    enrolment = EnrolmentFactory(course=course, association=association)
    certificate = CertificateFactory()
    anonymous, leader_client, staff_client = Client(), Client(), Client()
    leader_client.force_login(leader)
    staff_client.force_login(staff)
    for url in (
        reverse("training:course-list") + "?path=zz&modality=x&language=%00&open=forse",
        reverse("training:certificate-verify", args=["x" * 500]),
        reverse("training:certificate-verify", args=["%00"]),
        reverse("training:my-calendar", args=["garbage"]),
        reverse("training:course-calendar", args=["nope"]),
    ):
        assert anonymous.get(url).status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), url
    enrol = reverse("training:enrol", args=[course.slug])
    assert leader_client.post(enrol, {"association": "x", "participant": "y"}).status_code == (
        HTTPStatus.FORBIDDEN
    )
    data = {"association": association.pk, "email": "A" * 300 + "@example.org"}
    response = leader_client.post(enrol, data, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "non contenga più di 254 caratteri" in response.text
    assert not OutgoingEmail.objects.exists()
    feedback = reverse("training:feedback", args=[enrolment.pk])
    assert leader_client.post(feedback, {"rating": "9"}).status_code == HTTPStatus.FOUND
    revoke = reverse("training:certificate-revoke", args=[certificate.code])
    assert staff_client.post(revoke, {"reason": "x" * 500}).status_code == HTTPStatus.FOUND
    toggle = reverse("training:attendance-toggle", args=[999, 999])
    assert staff_client.post(toggle).status_code == HTTPStatus.NOT_FOUND
    close = reverse("training:course-close", args=[course.slug])
    assert staff_client.post(close).status_code == HTTPStatus.FOUND
    zip_url = reverse("training:certificates-zip-download", args=[course.slug, "a" * 32])
    assert staff_client.get(zip_url).status_code == HTTPStatus.NOT_FOUND
