"""Queued e-mail: rendered in the recipient's language, queued once per key, sent once."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from mondinsieme.emails import email_queue
from mondinsieme.models import OutgoingEmail
from mondinsieme.tasks import email_send
from tests.factories import MembershipFactory


class BrokenBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP non raggiungibile")


@pytest.fixture
def greeting_template(settings, tmp_path):
    """A throwaway e-mail template that shows the active language and a translated string."""
    folder = tmp_path / "emails" / "tests"
    folder.mkdir(parents=True)
    (folder / "greeting_subject.txt").write_text(
        '{% load i18n %}{% get_current_language as lang %}[{{ lang }}] {% translate "Yes" %}\n'
    )
    (folder / "greeting.txt").write_text(
        '{% load i18n %}{{ name }}: {% translate "Enter a valid email address." %}'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return "tests/greeting"


def test_it_renders_subject_and_body_in_italian(db, greeting_template):
    email = email_queue(
        key="k-it", to="a@example.org", template=greeting_template, context={"name": "Awa"}
    )

    assert email.subject == "[it] Sì"
    assert email.body_text == "Awa: Inserisci un indirizzo email valido."
    assert email.language == "it"
    assert email.status == OutgoingEmail.Status.QUEUED


def test_it_renders_subject_and_body_in_english(db, greeting_template):
    email = email_queue(
        key="k-en",
        to="a@example.org",
        template=greeting_template,
        context={"name": "Awa"},
        language="en",
    )

    assert email.subject == "[en] Yes"
    assert email.body_text == "Awa: Enter a valid email address."


def test_it_renders_the_portals_own_templates(db):
    membership = MembershipFactory(requested=True, association__name="Associazione Plai APS")

    email = email_queue(
        key="k-request",
        to="leader@example.org",
        template="associations/membership_requested",
        context={"membership": membership, "url": "https://portale.example.org/soci/"},
    )

    assert email.subject == "Nuova richiesta di adesione a Associazione Plai APS"
    assert "\n" not in email.subject
    assert membership.user.email in email.body_text
    assert "https://portale.example.org/soci/" in email.body_text


def test_it_queues_and_sends_only_once_per_key(
    db, greeting_template, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = email_queue(key="same", to="a@example.org", template=greeting_template)
        second = email_queue(key="same", to="b@example.org", template=greeting_template)

    assert first.pk == second.pk
    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.org"]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_nothing_is_sent_before_the_transaction_commits(
    db, greeting_template, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_queue(key="later", to="a@example.org", template=greeting_template)

    assert len(callbacks) == 1
    assert mail.outbox == []


def _queued(**overrides) -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        **{
            "key": "direct",
            "to": "awa@example.org",
            "subject": "Oggetto",
            "body_text": "Testo",
            "body_html": "<p>Testo</p>",
            "template": "tests/greeting",
            "language": "it",
            **overrides,
        }
    )


def _deliver(email_id: int) -> str:
    """Run the task as Celery runs it (eagerly here: the tests have no broker)."""
    return email_send.apply(args=[email_id]).get()


def test_the_task_sends_once_even_when_delivered_twice(db):
    email = _queued()

    assert _deliver(email.pk) == "sent"
    assert _deliver(email.pk) == "already-sent"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Oggetto"
    assert message.alternatives[0][0] == "<p>Testo</p>"
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attempts == 1
    assert email.sent_at is not None


def test_the_task_ignores_a_deleted_email(db):
    assert _deliver(987654) == "missing"
    assert mail.outbox == []


def test_a_failing_backend_marks_the_email_failed_with_the_error(db, settings):
    settings.EMAIL_BACKEND = "tests.mondinsieme.test_emails.BrokenBackend"
    email = _queued()

    assert _deliver(email.pk) == "failed"

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert "SMTP non raggiungibile" in email.last_error
    assert email.attempts == 1
    assert email.sent_at is None


def test_a_failing_backend_does_not_break_the_request_that_queued_the_email(
    db, settings, greeting_template, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mondinsieme.test_emails.BrokenBackend"

    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(key="smtp-down", to="a@example.org", template=greeting_template)

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert "SMTP non raggiungibile" in email.last_error


def test_a_failed_email_goes_out_on_the_retry(db, settings):
    settings.EMAIL_BACKEND = "tests.mondinsieme.test_emails.BrokenBackend"
    email = _queued()
    _deliver(email.pk)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert _deliver(email.pk) == "sent"

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1
