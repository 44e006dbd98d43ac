"""The manifesto PDF is built by a task, cached, and rebuilt when signatures change."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from forum import services
from forum.models import ManifestoPdf

from .factories import (
    ManifestoFactory,
    SignatureFactory,
    TranslationFactory,
    confirmed_public_citizens,
)

pytestmark = pytest.mark.django_db


def _get_pdf(client, manifesto, capture, **query):
    url = reverse("forum:manifesto-pdf", kwargs={"slug": manifesto.slug})
    with capture(execute=True) as callbacks:
        response = client.get(url, query)
    return response, callbacks


def test_the_first_request_queues_the_task_and_the_next_gets_the_file(
    client, django_capture_on_commit_callbacks, pdf_text, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    manifesto = ManifestoFactory(open=True)
    SignatureFactory(manifesto=manifesto, name="Awa Diop", confirmed=True)
    SignatureFactory(
        manifesto=manifesto, name="Nascosta Riservata", confirmed=True, public_listing=False
    )
    SignatureFactory(manifesto=manifesto, name="Ancora In Attesa")

    first, callbacks = _get_pdf(client, manifesto, django_capture_on_commit_callbacks)
    assert first.status_code == HTTPStatus.ACCEPTED
    assert "Riprova tra qualche secondo" in first.content.decode()
    assert len(callbacks) == 1
    assert ManifestoPdf.objects.count() == 1

    second, callbacks = _get_pdf(client, manifesto, django_capture_on_commit_callbacks)
    assert second.status_code == HTTPStatus.OK
    assert second["Content-Type"] == "application/pdf"
    assert callbacks == []
    text = pdf_text(b"".join(second.streaming_content))
    assert manifesto.title in text
    assert "Titolo 1" in text
    assert "Awa Diop" in text
    assert "Nascosta Riservata" not in text and "Ancora In Attesa" not in text


def test_a_new_confirmed_signature_makes_a_new_pdf(
    client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    manifesto = ManifestoFactory(open=True)
    _get_pdf(client, manifesto, django_capture_on_commit_callbacks)
    signature = SignatureFactory(manifesto=manifesto, confirmed=True)
    services.signature_withdraw(signature=signature)  # moves signatures_changed_at

    response, callbacks = _get_pdf(client, manifesto, django_capture_on_commit_callbacks)

    assert response.status_code == HTTPStatus.ACCEPTED
    assert len(callbacks) == 1
    assert ManifestoPdf.objects.count() == 1  # the stale copy is gone


def test_many_readers_queue_the_task_once(client, django_capture_on_commit_callbacks):
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:manifesto-pdf", kwargs={"slug": manifesto.slug})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        statuses = {client.get(url).status_code for _ in range(5)}
    assert statuses == {HTTPStatus.ACCEPTED}
    assert len(callbacks) == 1


def test_the_pdf_of_a_translation(
    client, django_capture_on_commit_callbacks, pdf_text, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    manifesto = ManifestoFactory(open=True)
    TranslationFactory(
        version=manifesto.current_version, language="en", title="Friendship Manifesto"
    )

    _get_pdf(client, manifesto, django_capture_on_commit_callbacks, lang="en")
    response, _callbacks = _get_pdf(
        client, manifesto, django_capture_on_commit_callbacks, lang="en"
    )

    assert response.status_code == HTTPStatus.OK
    assert "Friendship Manifesto" in pdf_text(b"".join(response.streaming_content))


def test_a_draft_has_no_pdf(client):
    manifesto = ManifestoFactory()
    url = reverse("forum:manifesto-pdf", kwargs={"slug": manifesto.slug})
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_with_ten_thousand_signatures_the_request_only_queues_the_task(
    client, django_capture_on_commit_callbacks, pdf_text, settings, tmp_path, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mondinsieme import pdf as pdf_module

    settings.MEDIA_ROOT = tmp_path
    manifesto = ManifestoFactory(open=True)
    confirmed_public_citizens(
        manifesto, 10_000, name="Firmatario", country=lambda i: "SN" if i % 3 else "MA"
    )
    url = reverse("forum:manifesto-pdf", kwargs={"slug": manifesto.slug})

    # The request renders nothing: it answers 202 with a few queries and queues one task.
    def no_rendering_in_the_request(*args, **kwargs):
        raise AssertionError("the PDF was rendered in the request")

    with monkeypatch.context() as patch:
        patch.setattr(pdf_module, "render_pdf", no_rendering_in_the_request)
        with (
            django_capture_on_commit_callbacks(execute=False) as callbacks,
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.get(url)
    assert response.status_code == HTTPStatus.ACCEPTED
    assert len(queries) <= 5
    assert len(callbacks) == 1

    # The task (run here as the worker would) builds it once; then the file is served.
    callbacks[0]()
    with CaptureQueriesContext(connection) as queries:
        ready = client.get(url)
    assert ready.status_code == HTTPStatus.OK
    assert len(queries) <= 5
    text = " ".join(pdf_text(b"".join(ready.streaming_content)).split())
    assert re.search(r"10\.?000 firme confermate", text), text[:400]
    assert "Firmatario00000" in text and "Firmatario09999" in text


def test_a_corrected_translation_makes_a_new_pdf(
    client, django_capture_on_commit_callbacks, pdf_text, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    manifesto = ManifestoFactory(open=True)
    translation = TranslationFactory(
        version=manifesto.current_version, language="en", title="Friendship Manifsto"
    )
    _get_pdf(client, manifesto, django_capture_on_commit_callbacks, lang="en")

    translation.title = "Friendship Manifesto"  # a typo corrected in the admin
    translation.save()
    first, _callbacks = _get_pdf(client, manifesto, django_capture_on_commit_callbacks, lang="en")
    second, _callbacks = _get_pdf(client, manifesto, django_capture_on_commit_callbacks, lang="en")

    assert first.status_code == HTTPStatus.ACCEPTED
    text = pdf_text(b"".join(second.streaming_content))
    assert "Friendship Manifesto" in text and "Manifsto" not in text
