"""'Scarica i miei dati': a ZIP of everything about the user, for them only, for a few days."""

import io
import json
import re
import zipfile
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mondinsieme.models import OutgoingEmail
from privacy.models import DataExport, Purpose
from privacy.registry import hooks
from privacy.services import consent_record, retention_apply
from tests.factories import MembershipFactory, UserFactory
from tests.forum.factories import SignatureFactory
from tests.funding.factories import AttachmentFactory, ProposalFactory
from tests.training.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def _link() -> str:
    body = OutgoingEmail.objects.filter(template="privacy/export_ready").latest("pk").body_text
    return re.search(r"http://[^\s]+", body).group(0).split("8000", 1)[1]


@pytest.fixture
def person(db):
    user = UserFactory(email="awa@example.org", full_name="Awa Diop")
    membership = MembershipFactory(user=user, leader=True)
    EnrolmentFactory(participant=user, association=membership.association)
    SignatureFactory(email="awa@example.org", name="Awa Diop", confirmed=True)
    proposal = ProposalFactory(association=membership.association, created_by=user)
    AttachmentFactory(
        proposal=proposal,
        uploaded_by=user,
        file=SimpleUploadedFile("piano.pdf", b"%PDF-1.4 il mio piano"),
    )
    consent_record(purpose=Purpose.ACCOUNTS, user=user, source="tests")
    return user


def test_the_zip_holds_the_users_data_from_every_app_and_their_files(
    client, person, django_capture_on_commit_callbacks
):
    other = UserFactory(email="other@example.org", full_name="Kofi Mensah")
    SignatureFactory(email="other@example.org", name="Kofi Mensah", confirmed=True)
    EnrolmentFactory(participant=other)
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:export-request"))
    assert response.status_code == HTTPStatus.FOUND
    assert DataExport.objects.get().status == DataExport.Status.READY

    download = client.get(_link())

    assert download.status_code == HTTPStatus.OK
    assert download["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    for label, _module in hooks():
        assert f"{label}.json" in names
    everything = "".join(archive.read(name).decode("utf-8", "replace") for name in names)
    assert "Awa Diop" in everything and "awa@example.org" in everything
    forum = json.loads(archive.read("forum.json"))
    assert forum["signatures"][0]["email"] == "awa@example.org"
    assert json.loads(archive.read("training.json"))["enrolments"]
    assert json.loads(archive.read("funding.json"))["proposals_created"]
    assert json.loads(archive.read("privacy.json"))["consents"]
    files = [name for name in names if name.startswith("files/funding/")]
    assert files and archive.read(files[0]) == b"%PDF-1.4 il mio piano"
    assert "Kofi" not in everything and "other@example.org" not in everything


def test_the_link_is_refused_to_another_user(client, person, django_capture_on_commit_callbacks):
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:export-request"))
    link = _link()

    client.force_login(UserFactory())
    assert client.get(link).status_code == HTTPStatus.NOT_FOUND
    client.logout()
    assert client.get(link).status_code == HTTPStatus.FOUND  # to the login page


def test_the_link_expires_and_the_nightly_job_deletes_the_archive(
    client, person, django_capture_on_commit_callbacks
):
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:export-request"))
    link = _link()
    export = DataExport.objects.get()
    path = export.file.path
    DataExport.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    assert client.get(link).status_code == HTTPStatus.NOT_FOUND

    retention_apply()
    assert not DataExport.objects.exists()
    import os

    assert not os.path.exists(path)


def test_a_forged_token_is_refused(client, person):
    client.force_login(person)
    response = client.get(reverse("privacy:export-download", args=["not-a-token"]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_every_hook_exports_without_error_for_a_user_with_nothing(user):
    for _label, module in hooks():
        assert isinstance(module.export(user), dict)
