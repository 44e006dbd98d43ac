"""The staff admin: approve and suspend from the list, export to CSV and Excel."""

import csv
import io
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from associations.models import Association
from mondinsieme.models import ActivityLog
from tests.factories import AssociationFactory, CommunityFactory, MembershipFactory, UserFactory

CHANGELIST = reverse("admin:associations_association_changelist")


def _action(client, action: str, *associations, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in associations], **extra},
    )


def test_the_changelist_lists_associations(staff_client, association):
    response = staff_client.get(CHANGELIST)

    assert response.status_code == HTTPStatus.OK
    assert association.name in response.content.decode()


def test_the_change_page_shows_the_activity_log(staff_client, staff):
    association = AssociationFactory(pending=True)
    _action(staff_client, "approve", association)

    response = staff_client.get(
        reverse("admin:associations_association_change", args=[association.pk])
    )

    assert response.status_code == HTTPStatus.OK
    assert "in attesa → approvata" in response.content.decode()


def test_the_approve_action_publishes_and_tells_the_leaders(
    staff_client, staff, django_capture_on_commit_callbacks
):
    first, second = AssociationFactory(pending=True), AssociationFactory(pending=True)
    leader = MembershipFactory(association=first, leader=True).user

    with django_capture_on_commit_callbacks(execute=True):
        response = _action(staff_client, "approve", first, second)

    assert response.status_code == HTTPStatus.FOUND
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == Association.Status.APPROVED
    assert ActivityLog.objects.for_object(first).get().actor == staff
    assert [message.to for message in mail.outbox] == [[leader.email]]
    page = staff_client.get(response["Location"]).content.decode()
    assert "2 associazioni approvate." in page


def test_the_approve_action_reports_what_it_could_not_do(staff_client):
    approved = AssociationFactory()

    response = _action(staff_client, "approve", approved)

    page = staff_client.get(response["Location"]).content.decode()
    assert "0 associazioni approvate." in page
    assert "Non è possibile passare da «approvata» a «approvata»." in page.replace("&#x27;", "'")


def test_the_suspend_action_asks_for_a_reason_first(staff_client, association):
    response = _action(staff_client, "suspend", association)

    assert response.status_code == HTTPStatus.OK
    association.refresh_from_db()
    assert association.status == Association.Status.APPROVED


def test_the_suspend_action_with_a_reason_suspends(staff_client, association):
    response = _action(
        staff_client, "suspend", association, apply="1", reason="Statuto non aggiornato"
    )

    assert response.status_code == HTTPStatus.FOUND
    association.refresh_from_db()
    assert association.status == Association.Status.SUSPENDED
    assert ActivityLog.objects.for_object(association).get().note == "Statuto non aggiornato"


def test_the_csv_export_is_an_attachment_with_the_names(staff_client, db):
    community = CommunityFactory(name="Comunità ghanese")
    plai = AssociationFactory(name="Associazione Plai APS", communities=[community])
    coro = AssociationFactory(name="Coro interculturale")

    response = _action(staff_client, "export_csv", plai, coro)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith('attachment; filename="associazioni-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "nome"
    names = {row[0] for row in rows[1:]}
    assert names == {"Associazione Plai APS", "Coro interculturale"}
    assert any("Comunità ghanese" in row for row in rows)


def test_the_csv_export_neutralises_formulas_in_user_data(staff_client, db):
    evil = AssociationFactory(name='=HYPERLINK("http://evil.example")', acronym="@SUM")

    response = _action(staff_client, "export_csv", evil)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][1] == "'@SUM"


def test_the_xlsx_export_is_a_workbook_with_the_names(staff_client, db):
    plai = AssociationFactory(name="Associazione Plai APS")
    evil = AssociationFactory(name="=1+1")

    response = _action(staff_client, "export_xlsx", plai, evil)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith('attachment; filename="associazioni-')
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {"Associazione Plai APS", "'=1+1"}


def test_staff_without_totp_cannot_run_actions(client, db):
    pending = AssociationFactory(pending=True)
    client.force_login(UserFactory(staff=True, is_superuser=True))

    response = _action(client, "approve", pending)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("mfa_activate_totp")
    pending.refresh_from_db()
    assert pending.status == Association.Status.PENDING


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("<script>alert(1)</script>", "senza i simboli"),
        ("x" * 1001, "più di 1000 caratteri"),
        ("Statuto\x00scaduto", "caratteri non validi"),
        ("   ", "obbligatorio"),
    ],
)
def test_the_suspend_action_refuses_a_bad_reason_and_suspends_nothing(
    staff_client, association, reason, message
):
    response = _action(staff_client, "suspend", association, apply="1", reason=reason)

    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    association.refresh_from_db()
    assert association.status == Association.Status.APPROVED
    assert not ActivityLog.objects.for_object(association).exists()
    assert mail.outbox == []


def test_an_action_on_rows_that_do_not_exist_changes_nothing(staff_client, association):
    response = staff_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": ["999999", "-1"]}
    )

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    association.refresh_from_db()
    assert association.status == Association.Status.APPROVED


def test_a_forged_selection_is_refused_with_a_message(staff_client, association):
    response = staff_client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": ["abc", str(association.pk)]},
        follow=True,
    )

    assert response.status_code == HTTPStatus.OK
    assert "La selezione non è valida" in response.content.decode()
    association.refresh_from_db()
    assert association.status == Association.Status.APPROVED
