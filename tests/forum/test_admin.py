"""Staff moderate amendments and signatures, publish versions and export from the admin."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Amendment, Manifesto, Signature
from tests.factories import UserFactory

from .factories import (
    AmendmentFactory,
    DelegationFactory,
    ForumEditionFactory,
    ManifestoFactory,
    SignatureFactory,
)

pytestmark = pytest.mark.django_db


def _action(client, model, action, *objects, **extra):
    return client.post(
        reverse(f"admin:forum_{model}_changelist"),
        {"action": action, "_selected_action": [o.pk for o in objects], **extra},
    )


@pytest.mark.parametrize(
    "model",
    ["manifesto", "version", "translation", "amendment", "signature", "forumedition", "delegation"],
)
def test_every_changelist_opens(staff_client, model):
    ManifestoFactory(open=True)
    SignatureFactory(confirmed=True)
    AmendmentFactory()
    DelegationFactory()
    response = staff_client.get(reverse(f"admin:forum_{model}_changelist"))
    assert response.status_code == HTTPStatus.OK


def test_accepting_asks_for_a_reply_then_decides(staff_client):
    amendment = AmendmentFactory()
    page = _action(staff_client, "amendment", "accept", amendment)
    assert page.status_code == HTTPStatus.OK
    assert Amendment.objects.get().status == "pending"

    _action(staff_client, "amendment", "accept", amendment, apply="1", text="Accolto, grazie.")

    amendment.refresh_from_db()
    assert amendment.status == "accepted" and amendment.reply == "Accolto, grazie."


def test_publishing_a_version_from_the_admin_applies_accepted_amendments(staff_client):
    amendment = AmendmentFactory(accepted=True, text="Testo emendato.")
    manifesto = amendment.manifesto

    _action(staff_client, "manifesto", "publish_version", manifesto, apply="1", text="")

    manifesto.refresh_from_db()
    assert manifesto.current_version.number == 2
    assert manifesto.current_version.articles[0]["body"] == "Testo emendato."


def test_status_actions_follow_the_workflow(staff_client):
    manifesto = ManifestoFactory(status=Manifesto.Status.FINAL)
    _action(staff_client, "manifesto", "open_for_signature", manifesto)
    assert Manifesto.objects.get().status == "open_for_signature"
    response = _action(staff_client, "manifesto", "to_consultation", manifesto)
    assert response.status_code == HTTPStatus.FOUND
    assert Manifesto.objects.get().status == "open_for_signature"


def test_the_export_has_confirmed_signatures_only(staff_client):
    manifesto = ManifestoFactory(open=True)
    confirmed = SignatureFactory(manifesto=manifesto, email="si@example.org", confirmed=True)
    pending = SignatureFactory(manifesto=manifesto, email="no@example.org")

    response = _action(staff_client, "signature", "export_confirmed_csv", confirmed, pending)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert "si@example.org" in rows[1]


def test_the_export_is_not_for_non_staff(client):
    client.force_login(UserFactory())
    signature = SignatureFactory(confirmed=True)
    response = _action(client, "signature", "export_confirmed_csv", signature)
    assert response.status_code == HTTPStatus.FOUND
    assert "/login/" in response.url


def test_withdrawing_from_the_admin_erases_the_data(staff_client):
    signature = SignatureFactory(confirmed=True)
    _action(staff_client, "signature", "withdraw", signature)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.WITHDRAWN and signature.email == ""


def test_confirming_delegations_from_the_admin(staff_client):
    delegation = DelegationFactory(edition=ForumEditionFactory())
    _action(staff_client, "delegation", "confirm", delegation)
    delegation.refresh_from_db()
    assert delegation.status == "confirmed"


def test_the_signature_list_counts_confirmed_signatures_per_month(staff_client):
    from datetime import datetime

    from django.utils import timezone

    manifesto, other = ManifestoFactory(open=True), ManifestoFactory(open=True)
    for month, count in ((1, 2), (3, 1)):
        for _ in range(count):
            signature = SignatureFactory(manifesto=manifesto, confirmed=True)
            Signature.objects.filter(pk=signature.pk).update(
                confirmed_at=timezone.make_aware(datetime(2026, month, 15))
            )
    SignatureFactory(manifesto=manifesto)  # pending: not counted
    SignatureFactory(manifesto=other, confirmed=True)
    url = reverse("admin:forum_signature_changelist")

    html = staff_client.get(url, {"manifesto__id__exact": manifesto.pk}).content.decode()

    start = html.index("Firme confermate per mese")
    table = html[start : html.index("</table>", start)]
    assert "<td>Gennaio 2026</td><td>2</td>" in table
    assert "<td>Marzo 2026</td><td>1</td>" in table
    assert table.count("<tr>") == 3  # header and two months: not the other manifesto's
