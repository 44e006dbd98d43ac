"""Versioned notices: the public pages, publishing a new version, consents pointing to it."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forum.models import Signature
from privacy.models import Consent, Notice, Purpose
from privacy.services import notice_publish
from tests.forum.factories import ManifestoFactory

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_current_notice_of_every_purpose_on_the_privacy_page(client):
    response = client.get(reverse("privacy"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for notice in Notice.objects.filter(version=1):
        assert notice.title_it in html
    assert "Il titolare del trattamento è" in html
    assert "Versione 1" in html


def test_it_shows_the_notices_in_english_under_en(client):
    html = client.get("/en/privacy/").content.decode()
    assert "Manifesto signatures" in html
    assert "explicit consent" in html


def test_it_lists_the_version_history_of_a_purpose(client, staff):
    draft = NoticeFactory(purpose=Purpose.SIGNATURES, version=2, title_it="Firme, seconda versione")
    notice_publish(notice=draft, actor=staff)

    response = client.get(reverse("privacy:purpose", args=["signatures"]))

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Firme, seconda versione" in html
    assert "Versione 1, pubblicata il" in html


def test_an_unknown_purpose_is_not_found(client):
    assert client.get("/privacy/nessuna/").status_code == HTTPStatus.NOT_FOUND


def test_a_draft_is_not_shown_until_published(client):
    NoticeFactory(purpose=Purpose.SIGNATURES, title_it="Bozza segreta")
    assert "Bozza segreta" not in client.get(reverse("privacy")).content.decode()


def test_new_consents_point_to_the_newly_published_version(client, staff):
    manifesto = ManifestoFactory(open=True)
    draft = NoticeFactory(purpose=Purpose.SIGNATURES, title_it="Firme v2")
    published = notice_publish(notice=draft, actor=staff)
    assert published.version == 2

    client.post(
        reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug}),
        {
            "name": "Awa Diop",
            "email": "awa@example.org",
            "residence_city": "Reggio Emilia",
            "country": "SN",
            "consent": "on",
        },
    )

    consent = Consent.objects.get(purpose=Purpose.SIGNATURES)
    assert consent.notice == published
    assert consent.subject == Signature.objects.get()
    assert "Firme v2" in client.get(reverse("privacy")).content.decode()


def test_only_staff_publish_and_a_published_version_cannot_be_published_again(user, staff):
    draft = NoticeFactory(purpose=Purpose.TRAINING)
    with pytest.raises(PermissionDenied):
        notice_publish(notice=draft, actor=user)
    notice_publish(notice=draft, actor=staff)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        notice_publish(notice=draft, actor=staff)


def test_staff_publish_a_new_version_from_the_admin(staff_client):
    response = staff_client.post(
        reverse("admin:privacy_notice_add"),
        {
            "purpose": "training",
            "title_it": "Formazione v2",
            "title_en": "Training v2",
            "body_it": "Testo",
            "body_en": "Text",
            "legal_basis": "art. 6.1.e",
            "data_categories": "iscrizioni",
            "data_subjects": "partecipanti",
            "recipients": "personale",
            "changes": "",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    draft = Notice.objects.get(title_it="Formazione v2")
    assert draft.version == 2 and draft.published_at is None

    staff_client.post(
        reverse("admin:privacy_notice_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )

    draft.refresh_from_db()
    assert draft.is_published
    assert "Formazione v2" in staff_client.get(reverse("privacy")).content.decode()
