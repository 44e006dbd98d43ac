"""Citizens sign with a double opt-in; the answer never tells who has signed."""

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.models import Signature, token_hash
from forum.tasks import purge_unconfirmed_signatures
from mondinsieme.models import OutgoingEmail

from .factories import ManifestoFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    return {
        "name": "Awa Diop",
        "email": "awa@example.org",
        "residence_city": "Reggio Emilia",
        "country": "SN",
        "consent": "on",
        "public_listing": "on",
        **overrides,
    }


def _sign(client, manifesto, **overrides):
    url = reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug})
    return client.post(url, _data(**overrides))


def _token_from_last_email() -> str:
    body = OutgoingEmail.objects.filter(template="forum/signature_confirm").latest("pk").body_text
    return re.search(r"/forum/firma/([^/\s]+)/", body).group(1)


def test_it_records_a_pending_signature_and_sends_a_link(
    client, django_capture_on_commit_callbacks
):
    manifesto = ManifestoFactory(open=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = _sign(client, manifesto)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("forum:sign-done", kwargs={"slug": manifesto.slug})
    signature = Signature.objects.get()
    assert signature.status == Signature.Status.PENDING
    assert signature.version == manifesto.current_version
    assert signature.consent_at is not None
    assert signature.public_listing and not signature.news_opt_in
    token = _token_from_last_email()
    # Only the hash is stored.
    assert signature.token_hash == token_hash(token)
    assert token not in signature.token_hash


def test_signing_twice_gives_the_same_answer_and_keeps_one_row(client):
    manifesto = ManifestoFactory(open=True)
    first = _sign(client, manifesto)
    second = _sign(client, manifesto, email="AWA@Example.org")

    assert first.status_code == second.status_code == HTTPStatus.FOUND
    assert first.url == second.url
    assert Signature.objects.count() == 1


def test_an_already_confirmed_address_gets_the_same_answer(client):
    manifesto = ManifestoFactory(open=True)
    SignatureFactory(manifesto=manifesto, email="awa@example.org", confirmed=True)

    response = _sign(client, manifesto, email="Awa@example.org")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("forum:sign-done", kwargs={"slug": manifesto.slug})
    assert Signature.objects.count() == 1
    assert OutgoingEmail.objects.filter(template="forum/signature_already").count() == 1


def test_the_database_refuses_a_second_signature_for_the_same_email():
    manifesto = ManifestoFactory(open=True)
    SignatureFactory(manifesto=manifesto, email="awa@example.org")
    with pytest.raises(IntegrityError):
        SignatureFactory(manifesto=manifesto, email="AWA@EXAMPLE.ORG")


def test_the_honeypot_keeps_nothing(client):
    manifesto = ManifestoFactory(open=True)
    response = _sign(client, manifesto, website="http://spam.example")
    assert response.status_code == HTTPStatus.FOUND
    assert Signature.objects.count() == 0


def test_it_refuses_a_signature_without_consent(client):
    manifesto = ManifestoFactory(open=True)
    data = _data()
    del data["consent"]
    response = client.post(reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug}), data)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Per firmare serve il tuo consenso." in response.content.decode()
    assert Signature.objects.count() == 0


@pytest.mark.parametrize(
    "field,value",
    [("email", "not-an-email"), ("name", ""), ("country", "XX"), ("name", "<b>x</b>")],
)
def test_bad_input_is_answered_with_the_form(client, field, value):
    manifesto = ManifestoFactory(open=True)
    response = _sign(client, manifesto, **{field: value})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Signature.objects.count() == 0


def test_it_refuses_signatures_when_the_manifesto_is_not_open(client):
    manifesto = ManifestoFactory(consultation=True)
    response = _sign(client, manifesto)
    assert response.status_code == HTTPStatus.FOUND
    assert Signature.objects.count() == 0


def test_a_draft_manifesto_is_not_found(client):
    manifesto = ManifestoFactory()
    assert _sign(client, manifesto).status_code == HTTPStatus.NOT_FOUND
    url = reverse("forum:manifesto-detail", kwargs={"slug": manifesto.slug})
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_get_is_not_allowed_on_the_sign_url(client):
    manifesto = ManifestoFactory(open=True)
    url = reverse("forum:manifesto-sign", kwargs={"slug": manifesto.slug})
    assert client.get(url).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_too_many_requests_from_one_address_get_429(client):
    manifesto = ManifestoFactory(open=True)
    statuses = [_sign(client, manifesto, email=f"p{i}@example.org").status_code for i in range(21)]
    assert statuses[:20] == [HTTPStatus.FOUND] * 20
    assert statuses[20] == HTTPStatus.TOO_MANY_REQUESTS


def test_repeated_requests_for_one_email_send_at_most_three_links(client):
    manifesto = ManifestoFactory(open=True)
    for index in range(6):
        response = _sign(client, manifesto, REMOTE_ADDR=f"10.0.0.{index}")
        assert response.status_code == HTTPStatus.FOUND
    assert OutgoingEmail.objects.filter(template="forum/signature_confirm").count() == 3


def test_get_on_the_confirmation_link_never_confirms(client):
    manifesto = ManifestoFactory(open=True)
    _sign(client, manifesto)
    token = _token_from_last_email()

    response = client.get(reverse("forum:signature-confirm", kwargs={"token": token}))

    assert response.status_code == HTTPStatus.OK
    assert "Confermo la mia firma" in response.content.decode()
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_post_confirms_once(client):
    manifesto = ManifestoFactory(open=True)
    _sign(client, manifesto)
    token = _token_from_last_email()
    url = reverse("forum:signature-confirm", kwargs={"token": token})

    first = client.post(url)
    second = client.post(url)

    assert first.status_code == HTTPStatus.FOUND
    assert first.url == manifesto.get_absolute_url()
    assert second.status_code == HTTPStatus.GONE
    signature = Signature.objects.get()
    assert signature.status == Signature.Status.CONFIRMED
    assert signature.confirmed_at is not None
    assert signature.token_hash == ""
    assert OutgoingEmail.objects.filter(template="forum/signature_confirmed").count() == 1


def test_an_expired_link_does_not_confirm(client):
    manifesto = ManifestoFactory(open=True)
    _sign(client, manifesto)
    token = _token_from_last_email()
    Signature.objects.update(token_expires_at=timezone.now() - timedelta(seconds=1))

    response = client.post(reverse("forum:signature-confirm", kwargs={"token": token}))

    assert response.status_code == HTTPStatus.GONE
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_signing_again_replaces_the_link(client):
    manifesto = ManifestoFactory(open=True)
    _sign(client, manifesto)
    old = _token_from_last_email()
    _sign(client, manifesto)
    new = _token_from_last_email()

    assert old != new
    assert services.signature_for_token(old) is None
    assert services.signature_for_token(new) is not None


@pytest.mark.parametrize("token", ["x", "a" * 200, "abc.def-ghi"])
def test_a_made_up_token_is_gone(client, token):
    response = client.get(reverse("forum:signature-confirm", kwargs={"token": token}))
    assert response.status_code == HTTPStatus.GONE


def test_withdrawing_erases_the_personal_data(client):
    manifesto = ManifestoFactory(open=True)
    _sign(client, manifesto)
    client.post(reverse("forum:signature-confirm", kwargs={"token": _token_from_last_email()}))
    body = OutgoingEmail.objects.get(template="forum/signature_confirmed").body_text
    withdraw = re.search(r"/forum/firma/([^/\s]+)/ritira/", body).group(1)
    url = reverse("forum:signature-withdraw", kwargs={"token": withdraw})

    assert client.get(url).status_code == HTTPStatus.OK
    assert Signature.objects.get().status == Signature.Status.CONFIRMED
    response = client.post(url)

    assert response.status_code == HTTPStatus.FOUND
    signature = Signature.objects.get()
    assert signature.status == Signature.Status.WITHDRAWN
    assert (signature.name, signature.email, signature.residence_city, str(signature.country)) == (
        "",
        "",
        "",
        "",
    )
    assert not Signature.objects.filter(email__iexact="awa@example.org").exists()
    # The copies of the e-mails sent about the signature (address, name) are gone too.
    assert not OutgoingEmail.objects.filter(to__iexact="awa@example.org").exists()
    assert client.post(url).status_code == HTTPStatus.GONE


def test_a_withdrawn_signer_may_sign_again(client):
    manifesto = ManifestoFactory(open=True)
    signature = SignatureFactory(manifesto=manifesto, email="awa@example.org", confirmed=True)
    services.signature_withdraw(signature=signature)

    _sign(client, manifesto)

    assert Signature.objects.filter(status=Signature.Status.PENDING).count() == 1


def test_the_purge_deletes_old_unconfirmed_signatures_only():
    manifesto = ManifestoFactory(open=True)
    old = SignatureFactory(manifesto=manifesto)
    Signature.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = SignatureFactory(manifesto=manifesto)
    confirmed = SignatureFactory(manifesto=manifesto, confirmed=True)
    Signature.objects.filter(pk=confirmed.pk).update(created_at=timezone.now() - timedelta(days=90))

    assert purge_unconfirmed_signatures() == 1
    assert purge_unconfirmed_signatures() == 0
    assert set(Signature.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}


def test_the_emails_show_apostrophes_and_quotes_as_typed(client):
    manifesto = ManifestoFactory(open=True, title='Manifesto dell\'amicizia & dei "cittadini"')
    _sign(client, manifesto, name="Anna D'Angelo")

    email = OutgoingEmail.objects.get(template="forum/signature_confirm")

    assert email.subject == 'Conferma la tua firma: Manifesto dell\'amicizia & dei "cittadini"'
    assert "Ciao Anna D'Angelo," in email.body_text
    assert "&#x27;" not in email.body_text and "&amp;" not in email.body_text
