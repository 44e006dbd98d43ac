"""Bad input in the register and edit forms: a clear Italian message, never a 500, nothing saved."""

import html
import io
import os
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from associations.models import Association, Membership
from mondinsieme.models import ActivityLog
from tests.associations.test_profile_edit import profile_form_data
from tests.factories import AssociationFactory, valid_fiscal_code

SCRIPT = "<script>alert(1)</script>"
LONG = "x" * 10_000
REGISTER = reverse("associations:register")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _text(response) -> str:
    """The page as a reader sees it (entities decoded)."""
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def _png(size=(32, 32), noise=False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, "white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _register_data(**overrides) -> dict:
    return {
        "name": "Associazione Ghanese di Reggio Emilia",
        "legal_form": "aps",
        "fiscal_code": valid_fiscal_code(321),
        "description": "Comunità ghanese.",
        **overrides,
    }


BAD_REGISTRATIONS = [
    pytest.param({"name": ""}, "Questo campo è obbligatorio.", id="empty-name"),
    pytest.param({"name": LONG}, "200 caratteri", id="oversized-name"),
    pytest.param({"name": SCRIPT}, "Scrivi solo testo, senza i simboli < e >.", id="script-name"),
    pytest.param({"name": "Nome\x00nullo"}, "I caratteri null non sono ammessi.", id="null-name"),
    pytest.param({"acronym": SCRIPT}, "Scrivi solo testo", id="script-acronym"),
    pytest.param({"description": SCRIPT}, "Scrivi solo testo", id="script-description"),
    pytest.param({"description": LONG}, "5000 caratteri", id="oversized-description"),
    pytest.param({"legal_form": "spa"}, "Scegli un'opzione valida.", id="unknown-legal-form"),
    pytest.param({"legal_form": LONG}, "Scegli un'opzione valida.", id="oversized-legal-form"),
    pytest.param({"fiscal_code": "ABC"}, "Il codice fiscale deve avere 11 cifre", id="garbage-cf"),
    pytest.param({"fiscal_code": LONG}, "16 caratteri", id="oversized-cf"),
    pytest.param(
        {"fiscal_code": "12345678901"},
        "carattere di controllo finale è sbagliato",
        id="wrong-check-cf",
    ),
    pytest.param({"founded_year": "abc"}, "Inserisci un numero intero.", id="year-not-number"),
    pytest.param({"founded_year": "9" * 100}, "minore o uguale a 2100", id="year-huge"),
    pytest.param({"founded_year": "1492"}, "maggiore o uguale a 1900", id="year-too-old"),
    pytest.param({"email": "non-una-mail"}, "Inserisci un indirizzo email valido.", id="email"),
    pytest.param({"website": "javascript:alert(1)"}, "Inserisci un URL valido.", id="js-url"),
    pytest.param({"phone": SCRIPT}, "Scrivi il numero di telefono con sole cifre", id="phone"),
    pytest.param({"address": SCRIPT}, "Scrivi solo testo", id="script-address"),
    pytest.param({"communities": ["abc"]}, "non è un valore valido", id="community-not-pk"),
    pytest.param({"communities": ["999999"]}, "Scegli un'opzione valida.", id="community-none"),
    pytest.param({"themes": [LONG]}, "non è un valore valido", id="theme-oversized"),
    pytest.param(
        {"countries_of_intervention": ["XX"]}, "Scegli un'opzione valida.", id="country-unknown"
    ),
    pytest.param(
        {"register": "runts", "register_number": ""},
        "Indica il numero di iscrizione al registro scelto.",
        id="register-without-number",
    ),
    pytest.param({"register": "<b>"}, "Scegli un'opzione valida.", id="register-unknown"),
]


@pytest.mark.parametrize(("overrides", "message"), BAD_REGISTRATIONS)
def test_registration_refuses_bad_input_with_a_message(client, user, overrides, message):
    client.force_login(user)

    response = client.post(REGISTER, _register_data(**overrides))

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)
    page = _text(response)
    assert "Controlla i dati inseriti" in page
    assert message in page
    assert SCRIPT not in response.content.decode()
    assert not Association.objects.exists()
    assert not Membership.objects.exists()


def _logo_post(client, url, data, upload):
    return client.post(url, {**data, "logo": upload})


LOGOS = [
    pytest.param(
        lambda: SimpleUploadedFile("logo.png", b"\x00" * 2_000_000, "image/png"),
        "Carica un'immagine valida.",
        id="2MB-not-an-image",
    ),
    pytest.param(
        lambda: SimpleUploadedFile("logo.png", _png((800, 800), noise=True), "image/png"),
        "il massimo è 1,0 MB",
        id="image-over-1MB",
    ),
    pytest.param(
        lambda: SimpleUploadedFile(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        "Carica un'immagine valida.",
        id="svg",
    ),
    pytest.param(
        lambda: SimpleUploadedFile("logo.gif", _gif(), "image/gif"),
        "Le estensioni permesse sono: png, jpg, jpeg, webp.",
        id="gif-extension",
    ),
    pytest.param(
        lambda: SimpleUploadedFile("logo.png", b"", "image/png"),
        "Il file inviato è vuoto.",
        id="empty-file",
    ),
]


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="GIF")
    return buffer.getvalue()


def test_the_big_image_really_is_over_one_megabyte():
    assert len(_png((800, 800), noise=True)) > 1_048_576


@pytest.mark.parametrize(("upload", "message"), LOGOS)
def test_registration_refuses_a_bad_logo(client, user, upload, message):
    client.force_login(user)

    response = _logo_post(client, REGISTER, _register_data(), upload())

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)
    assert message in _text(response)
    assert not Association.objects.exists()


def test_registration_accepts_a_small_png_logo(client, user):
    client.force_login(user)

    response = _logo_post(
        client, REGISTER, _register_data(), SimpleUploadedFile("logo.png", _png(), "image/png")
    )

    assert response.status_code == HTTPStatus.FOUND
    association = Association.objects.get()
    assert association.logo.name.startswith("associations/logos/logo")


@pytest.fixture
def edit_url(association):
    return reverse("associations:edit", kwargs={"slug": association.slug})


@pytest.mark.parametrize(("overrides", "message"), BAD_REGISTRATIONS)
def test_editing_refuses_bad_input_and_changes_nothing(
    leader_client, association, edit_url, overrides, message
):
    before = Association.objects.values().get(pk=association.pk)

    response = leader_client.post(edit_url, profile_form_data(association, **overrides))

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)
    assert message in _text(response)
    assert SCRIPT not in response.content.decode()
    assert Association.objects.values().get(pk=association.pk) == before
    assert not ActivityLog.objects.for_object(association).exists()


@pytest.mark.parametrize(("upload", "message"), LOGOS)
def test_editing_refuses_a_bad_logo(leader_client, association, edit_url, upload, message):
    response = _logo_post(leader_client, edit_url, profile_form_data(association), upload())

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)
    assert message in _text(response)
    association.refresh_from_db()
    assert not association.logo


def test_editing_refuses_the_fiscal_code_of_another_association(
    leader_client, association, edit_url
):
    AssociationFactory(fiscal_code=valid_fiscal_code(999))

    response = leader_client.post(
        edit_url, profile_form_data(association, fiscal_code=valid_fiscal_code(999))
    )

    assert response.status_code == HTTPStatus.OK
    assert "Un'associazione con questo codice fiscale esiste già." in _text(response)
    association.refresh_from_db()
    assert association.fiscal_code != valid_fiscal_code(999)


def test_the_english_site_shows_django_errors_in_english(client, user):
    client.force_login(user)

    response = client.post("/en" + REGISTER, _register_data(email="non-una-mail"))

    assert response.status_code == HTTPStatus.OK
    assert "Enter a valid email address." in _text(response)


def test_the_english_site_shows_the_portals_errors_in_english(client, user):
    client.force_login(user)

    response = client.post("/en" + REGISTER, _register_data(fiscal_code="ABC"))

    assert response.status_code == HTTPStatus.OK
    page = _text(response)
    assert "11 cifre" not in page
    assert "11 digits" in page
