"""Training in the browser: a leader enrols two members (one waits), staff mark attendance and
close the course, the participant downloads the certificate; public pages pass axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from tests.e2e.accounts import log_in, log_out, pass_second_factor
from tests.e2e.axe import serious_violations
from tests.factories import AssociationFactory, MembershipFactory, UserFactory
from tests.training.factories import CertificateFactory, CourseFactory, PathFactory, SessionFactory
from training.models import Attendance, Certificate, Enrolment

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Una-password-lunga-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
EMAIL_LABEL = re.compile(r"^E-?mail$", re.I)


def _user(email: str, name: str, **extra):
    user = UserFactory(email=email, full_name=name, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def _log_in(page, live_server, email):
    log_in(page, live_server.url, email, PASSWORD)


def _log_out(page, live_server):
    log_out(page, live_server.url)


def test_enrol_wait_attend_close_and_download_the_certificate(page, live_server, totp_code):
    association = AssociationFactory(name="Associazione Ponti sul Mediterraneo")
    leader = _user("leader@example.org", "Amina El Idrissi")
    MembershipFactory(association=association, user=leader, leader=True)
    awa = _user("awa@example.org", "Awa Diop")
    bruno = _user("bruno@example.org", "Bruno Kelmendi")
    for member in (awa, bruno):
        MembershipFactory(association=association, user=member)
    staff = _user("staff@example.org", "Staff Mondinsieme", staff=True, is_superuser=True)
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    course = CourseFactory(title="Gestione del ciclo di progetto", capacity=1)
    session = SessionFactory(
        course=course,
        topic="Il quadro logico",
        starts_at=timezone.now() - timedelta(hours=3),
    )

    # The leader enrols two members: the second one lands on the waiting list.
    _log_in(page, live_server, leader.email)
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    page.get_by_label("Socio o socia da iscrivere").select_option(
        label="Awa Diop (awa@example.org)"
    )
    page.get_by_role("button", name="Iscrivi", exact=True).click()
    page.get_by_text("Awa Diop è iscritto o iscritta.").wait_for()
    page.get_by_label("Socio o socia da iscrivere").select_option(
        label="Bruno Kelmendi (bruno@example.org)"
    )
    page.get_by_role("button", name="Iscrivi", exact=True).click()
    page.get_by_text(re.compile("Bruno Kelmendi è in lista d'attesa")).wait_for()
    statuses = dict(Enrolment.objects.values_list("participant__email", "status"))
    assert statuses == {awa.email: "confirmed", bruno.email: "waitlisted"}
    _log_out(page, live_server)

    # Staff mark attendance with the htmx checkbox, then close the course.
    _log_in(page, live_server, staff.email)
    pass_second_factor(page, totp_code(TOTP_SECRET))
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Segna le presenze")).click()
    page.get_by_label("Awa Diop presente").check()
    page.locator("#attendance-" + str(Enrolment.objects.get(participant=awa).pk)).get_by_text(
        "100%"
    ).wait_for()
    assert Attendance.objects.get(session=session, enrolment__participant=awa).present
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    page.get_by_role("button", name="Concludi il corso e rilascia gli attestati").click()
    page.get_by_text("Corso concluso: 1 attestato rilasciato.").wait_for()
    certificate = Certificate.objects.get()
    assert certificate.enrolment.participant == awa
    _log_out(page, live_server)

    # The participant finds the certificate and downloads the PDF.
    _log_in(page, live_server, awa.email)
    page.goto(f"{live_server.url}/formazione/la-mia-formazione/")
    link = page.get_by_role("link", name=re.compile("Scarica l'attestato"))
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # Anyone can verify it.
    page.goto(f"{live_server.url}/formazione/attestati/{certificate.code}/")
    page.get_by_text("Attestato valido.").wait_for()
    assert page.csp_errors == []


@pytest.fixture
def public_training_pages():
    path = PathFactory(title="Cooperazione internazionale e diaspore")
    course = CourseFactory(
        path=path,
        title="Finanziamenti europei e AICS",
        description="Le basi di **AICS** e dei programmi europei.\n\n- CERV\n- AMIF",
    )
    for days in (3, 10):
        SessionFactory(course=course, starts_at=timezone.now() + timedelta(days=days))
    CourseFactory(path=path, closed=True, title="Comunicazione interculturale")
    certificate = CertificateFactory()
    revoked = CertificateFactory(revoked=True)
    return [
        "/formazione/",
        "/formazione/?modality=online&open=on",
        course.get_absolute_url(),
        f"/formazione/attestati/{certificate.code}/",
        f"/formazione/attestati/{revoked.code}/",
        "/en/formazione/",
    ]


def test_public_training_pages_have_no_serious_accessibility_violations(
    page, live_server, public_training_pages
):
    for path in public_training_pages:
        page.goto(f"{live_server.url}{path}")
        assert serious_violations(page) == [], path
    assert page.csp_errors == []
