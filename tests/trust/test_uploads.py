"""Every uploaded file goes through ``mondinsieme.uploads`` and is served only to who may see it.

The file fields are found through the app registry: a new ``FileField`` in any portal app fails
``test_every_file_field_is_known`` until it is listed below with the way its uploads are
checked, so it cannot be forgotten.
"""

from __future__ import annotations

import inspect
import io
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import get_resolver, reverse
from PIL import Image

from mondinsieme.uploads import GeneratedName, validate_document
from tests.factories import UserFactory
from tests.funding.factories import AttachmentFactory, ProposalFactory, ReviewFactory
from tests.trust.routes import all_routes

pytestmark = pytest.mark.django_db

# Files people upload: how the content is checked (magic bytes, size) before anything is saved.
UPLOADED = {
    "associations.Association.logo": "form: size limit, Pillow decodes the image, generated name",
    "forum.Signature.document": "forum.services.signature_record_city: validate_document",
    "funding.ProposalAttachment.file": "funding.services.attachment_add: validate_document",
    "networks.CommitmentEvidence.file": "networks.forms.EvidenceForm: validate_document",
    "networks.JoiningStep.document": "networks.forms.StepForm: validate_document",
    "twinning.TwinningDocument.document": "model validator validate_document (forms and admin)",
    "twinning.TwinningFile.signed_document": "model validator validate_document (forms, admin)",
}
# Files the portal writes itself (never a user's bytes): a generated name is all they need.
GENERATED = {
    "forum.ManifestoPdf.file": "the manifesto PDF rendered by a task",
    "privacy.DataExport.file": "the ZIP of a user's data, built by a task",
}
# Views that serve a stored file, and who may have it (their statuses are in the access matrix).
DOWNLOAD_ROUTES = {
    "funding:attachment-download": "the proposing association's leaders, staff, its reviewers",
    "networks:evidence-file": "staff",
    "networks:step-document": "staff",
    "twinning:document": "anyone if public, otherwise staff",
    "privacy:export-download": "the user the export belongs to",
    "forum:manifesto-pdf": "anyone: the published manifesto (generated)",
    "training:certificates-zip-download": "staff, with the token of the ZIP they asked for",
}

# A Windows executable renamed to look like a document or an image.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def _portal_file_fields():
    for model in apps.get_models():
        module_file = Path(inspect.getfile(model)).resolve()
        if settings.BASE_DIR not in module_file.parents or ".venv" in module_file.parts:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield f"{model._meta.app_label}.{model.__name__}.{field.name}", field


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_every_file_field_is_known():
    found = {label for label, _field in _portal_file_fields()}

    assert sorted(found - UPLOADED.keys() - GENERATED.keys()) == [], (
        "a new file field: check its uploads with mondinsieme.uploads and list it here"
    )
    assert found >= {"funding.ProposalAttachment.file", "twinning.TwinningDocument.document"}


@pytest.mark.parametrize(
    "label",
    sorted({label for label, _ in _portal_file_fields()} - {"associations.Association.logo"}),
)
def test_stored_files_get_a_generated_name(label):
    field = dict(_portal_file_fields())[label]

    assert isinstance(field.upload_to, GeneratedName), f"{label}: upload_to=GeneratedName(...)"
    stored = field.generate_filename(None, "Verbale riunione Mario Rossi.pdf")
    assert "Mario" not in stored
    assert re.fullmatch(r"[a-z_/]+/[0-9a-f]{32}\.pdf", stored)


@pytest.mark.parametrize(
    "label", ["twinning.TwinningDocument.document", "twinning.TwinningFile.signed_document"]
)
def test_model_validators_refuse_a_renamed_executable_in_every_form_and_the_admin(label):
    field = dict(_portal_file_fields())[label]
    upload = SimpleUploadedFile("accordo.pdf", EXECUTABLE, "application/pdf")

    with pytest.raises(ValidationError) as error:
        field.run_validators(upload)

    assert error.value.error_list[0].code == "content_mismatch"


@pytest.mark.parametrize(
    ("form_path", "field_name"),
    [("networks.forms.EvidenceForm", "file"), ("networks.forms.StepForm", "document")],
)
def test_forms_refuse_a_renamed_executable(form_path, field_name):
    module, name = form_path.rsplit(".", 1)
    form_class = getattr(__import__(module, fromlist=[name]), name)
    field = form_class.base_fields[field_name]

    assert validate_document in field.validators
    with pytest.raises(ValidationError):
        field.clean(SimpleUploadedFile("prova.pdf", EXECUTABLE, "application/pdf"))


def test_a_city_signature_refuses_a_renamed_executable(staff):
    from forum import services
    from forum.models import Signature
    from tests.factories import CityFactory
    from tests.forum.factories import ManifestoFactory

    with pytest.raises(ValidationError):
        services.signature_record_city(
            manifesto=ManifestoFactory(open=True),
            city=CityFactory(),
            signatory="Sindaca",
            role="sindaca",
            document=SimpleUploadedFile("firma.pdf", EXECUTABLE, "application/pdf"),
            actor=staff,
        )

    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "saved"),
    [
        ("nota.pdf", EXECUTABLE, False),
        ("nota.exe", EXECUTABLE, False),
        ("nota.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), False),  # over 10 MB
        ("nota.pdf", b"%PDF-1.4 una nota", True),
    ],
)
def test_a_proposal_attachment_is_checked_by_content_and_size(
    leader_client, association, name, content, saved
):
    from funding.models import ProposalAttachment

    proposal = ProposalFactory(association=association)
    upload = SimpleUploadedFile(name, content, "application/pdf")

    response = leader_client.post(
        reverse("funding:attachment-upload", kwargs={"pk": proposal.pk}),
        {"kind": ProposalAttachment.Kind.CONCEPT_NOTE, "file": upload},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert ProposalAttachment.objects.filter(proposal=proposal).exists() is saved
    if saved:
        stored = ProposalAttachment.objects.get().file.name
        assert re.fullmatch(r"funding/attachments/[0-9a-f]{32}\.pdf", stored)


def test_a_logo_is_decoded_and_stored_under_a_generated_name(leader_client, association):
    from tests.associations.test_profile_edit import profile_form_data

    url = reverse("associations:edit", kwargs={"slug": association.slug})
    fake = SimpleUploadedFile("logo.png", EXECUTABLE, "image/png")
    real = SimpleUploadedFile("Logo Mario Rossi.png", _png(), "image/png")

    refused = leader_client.post(url, {**profile_form_data(association), "logo": fake})
    association.refresh_from_db()
    assert refused.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)
    assert not association.logo

    leader_client.post(url, {**profile_form_data(association), "logo": real})
    association.refresh_from_db()
    assert re.fullmatch(r"associations/logos/logo-[0-9a-f]{32}\.png", association.logo.name)


def test_every_view_that_serves_a_stored_file_is_listed():
    serving = set()
    for name, _params in all_routes():
        if name.startswith("admin:"):
            continue
        view = get_resolver().resolve(reverse_placeholder(name)).func
        source = inspect.getsource(inspect.unwrap(getattr(view, "view_class", view)))
        if "attachment_response(" in source or "FileResponse(" in source:
            serving.add(name)

    assert sorted(serving - DOWNLOAD_ROUTES.keys()) == [], (
        "list the new download view in DOWNLOAD_ROUTES"
    )


def reverse_placeholder(name: str) -> str:
    params = dict(all_routes())[name]
    kwargs = dict.fromkeys(params, "1")
    if "fmt" in kwargs:
        kwargs.update(slug="x", fmt="csv")
    return reverse(name, kwargs=kwargs or None)


def test_proposal_attachments_go_to_leaders_staff_and_reviewers_only(client, staff, association):
    from tests.factories import MembershipFactory

    attachment = AttachmentFactory(proposal=ProposalFactory(association=association))
    url = reverse("funding:attachment-download", kwargs={"pk": attachment.pk})
    leader = MembershipFactory(association=association, leader=True).user
    reviewer = ReviewFactory(proposal=attachment.proposal).reviewer
    conflicted = ReviewFactory(proposal=attachment.proposal, conflict=True).reviewer
    outsider = MembershipFactory(leader=True).user

    for user, allowed in [
        (leader, True),
        (staff, True),
        (reviewer, True),
        (conflicted, False),
        (outsider, False),
        (UserFactory(), False),
    ]:
        client.force_login(user)
        response = client.get(url)
        if allowed:
            assert response.status_code == HTTPStatus.OK, user
            assert response["Content-Disposition"].startswith("attachment;")
            assert response["X-Content-Type-Options"] == "nosniff"
            assert "no-store" in response["Cache-Control"]
        else:
            assert response.status_code == HTTPStatus.NOT_FOUND, user
    client.logout()
    assert client.get(url).status_code == HTTPStatus.FOUND


def test_a_reviewer_sees_the_attachments_on_the_review_page(client):
    attachment = AttachmentFactory(original_name="nota-concetto.pdf")
    review = ReviewFactory(proposal=attachment.proposal)
    client.force_login(review.reviewer)

    response = client.get(reverse("funding:review-detail", kwargs={"pk": review.pk}))

    assert reverse("funding:attachment-download", kwargs={"pk": attachment.pk}) in (
        response.content.decode()
    )


@pytest.mark.parametrize("route", ["twinning:document", "networks:evidence-file"])
def test_staff_documents_are_attachments_and_refused_to_leaders(client, staff, leader, route):
    from django.core.files.base import ContentFile

    from networks.models import CommitmentEvidence
    from tests.networks.factories import CommitmentFactory
    from tests.twinning.factories import TwinningDocumentFactory

    if route == "twinning:document":
        obj = TwinningDocumentFactory()
    else:
        obj = CommitmentEvidence.objects.create(
            commitment=CommitmentFactory(),
            description="Verbale",
            file=ContentFile(b"%PDF-1.4 verbale", name="verbale.pdf"),
        )
    url = reverse(route, kwargs={"pk": obj.pk})

    client.force_login(leader)
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment;")
