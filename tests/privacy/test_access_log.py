"""Staff access to lists of personal data leaves one row each time; public pages leave none."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from privacy.models import AccessLog
from tests.forum.factories import ManifestoFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_viewing_an_admin_list_of_people_writes_one_row(staff_client, staff):
    SignatureFactory.create_batch(3, confirmed=True)

    response = staff_client.get(reverse("admin:forum_signature_changelist") + "?status=confirmed")

    assert response.status_code == HTTPStatus.OK
    log = AccessLog.objects.get()
    assert log.user == staff and log.kind == "list" and log.what == "forum.signature"
    assert log.query == "status=confirmed" and log.row_count == 3
    assert log.ip == "127.0.0.1"


def test_opening_a_persons_record_is_logged_as_a_detail(staff_client):
    signature = SignatureFactory()
    staff_client.get(reverse("admin:forum_signature_change", args=[signature.pk]))
    log = AccessLog.objects.get()
    assert log.kind == "detail" and log.object_id == str(signature.pk)


def test_an_admin_export_is_logged_as_an_export(staff_client):
    signatures = SignatureFactory.create_batch(2, confirmed=True)

    response = staff_client.post(
        reverse("admin:forum_signature_changelist"),
        {"action": "export_confirmed_csv", "_selected_action": [s.pk for s in signatures]},
    )

    assert response["Content-Disposition"].startswith("attachment")
    log = AccessLog.objects.get()
    assert log.kind == "export" and "selected=2" in log.query and log.row_count == 2


def test_a_leader_viewing_the_members_page_is_logged(leader_client, association):
    response = leader_client.get(reverse("associations:members", args=[association.slug]))
    assert response.status_code == HTTPStatus.OK
    assert AccessLog.objects.get().what == "associations:members"


def test_public_pages_write_nothing(client, staff_client):
    manifesto = ManifestoFactory(open=True)
    client.get(reverse("home"))
    client.get(manifesto.get_absolute_url())
    staff_client.get(reverse("forum:signatory-list", kwargs={"slug": manifesto.slug}))
    staff_client.get(reverse("privacy"))
    assert not AccessLog.objects.exists()


def test_the_log_is_read_only_in_the_admin(staff_client, staff):
    staff_client.get(reverse("admin:forum_signature_changelist"))
    log = AccessLog.objects.get()
    assert staff_client.get(reverse("admin:privacy_accesslog_changelist")).status_code == 200
    response = staff_client.post(reverse("admin:privacy_accesslog_delete", args=[log.pk]))
    assert response.status_code == HTTPStatus.FORBIDDEN
