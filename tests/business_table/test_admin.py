"""Admin: filters, workflow actions that show guard messages, CSV/XLSX export."""

from http import HTTPStatus
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from openpyxl import load_workbook

from business_table.models import Action, Opportunity
from tests.business_table.factories import ActionFactory, MeetingFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def _action(client, model: str, action: str, pks):
    return client.post(
        reverse(f"admin:business_table_{model}_changelist"),
        {"action": action, "_selected_action": [str(pk) for pk in pks]},
    )


@pytest.mark.parametrize(
    "model", ["tradeassociation", "tradeassociationcontact", "meeting", "opportunity", "action"]
)
def test_the_admin_lists_open(staff_client, model):
    MeetingFactory()
    ActionFactory()
    url = reverse(f"admin:business_table_{model}_changelist")
    assert staff_client.get(url).status_code == HTTPStatus.OK


def test_the_expired_and_overdue_filters(staff_client):
    OpportunityFactory(title="SCADUTA", expired=True)
    OpportunityFactory(title="VALIDA")
    body = staff_client.get(
        reverse("admin:business_table_opportunity_changelist") + "?expired=yes"
    ).content.decode()
    assert "SCADUTA" in body and "VALIDA" not in body
    ActionFactory(title="IN-RITARDO", overdue=True)
    ActionFactory(title="PUNTUALE")
    body = staff_client.get(
        reverse("admin:business_table_action_changelist") + "?overdue=yes"
    ).content.decode()
    assert "IN-RITARDO" in body and "PUNTUALE" not in body


def test_a_transition_action_reports_the_guard_message(staff_client):
    ready = OpportunityFactory(ready=True)
    not_ready = OpportunityFactory(assessing=True, title="SENZA-PASSO")
    response = _action(staff_client, "opportunity", "move_to_active", [ready.pk, not_ready.pk])
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("SENZA-PASSO" in t and "prossimo passo" in t for t in texts)
    assert any("1 elemento aggiornato" in t for t in texts)
    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert (ready.status, not_ready.status) == ("active", "assessing")


def test_completing_an_action_without_result_is_refused_in_admin(staff_client):
    action = ActionFactory()
    response = _action(staff_client, "action", "mark_done", [action.pk])
    assert any("risultato" in str(m) for m in get_messages(response.wsgi_request))
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_publishing_summaries_from_the_admin(staff_client):
    meeting = MeetingFactory(held=True)
    _action(staff_client, "meeting", "publish_summary", [meeting.pk])
    meeting.refresh_from_db()
    assert meeting.summary_published


def test_opportunities_export_to_csv_and_xlsx(staff_client):
    opportunity = OpportunityFactory(title="=HYPERLINK(1)", country="GH")
    csv = _action(staff_client, "opportunity", "export_csv", [opportunity.pk])
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "Ghana" in text
    xlsx = _action(staff_client, "opportunity", "export_xlsx", [opportunity.pk])
    sheet = load_workbook(BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "titolo"
    assert rows[1][2] == "Ghana"


def test_meetings_and_actions_export(staff_client):
    meeting = MeetingFactory(title="Riunione esportata")
    action = ActionFactory(title="Azione esportata")
    assert "Riunione esportata" in _action(
        staff_client, "meeting", "export_csv", [meeting.pk]
    ).content.decode("utf-8-sig")
    assert "Azione esportata" in _action(
        staff_client, "action", "export_csv", [action.pk]
    ).content.decode("utf-8-sig")
    assert _action(staff_client, "action", "export_xlsx", [action.pk]).status_code == 200
    assert _action(staff_client, "meeting", "export_xlsx", [meeting.pk]).status_code == 200


def test_opportunity_status_cannot_be_edited_in_the_form(staff_client):
    opportunity = OpportunityFactory()
    page = staff_client.get(
        reverse("admin:business_table_opportunity_change", args=[opportunity.pk])
    ).content.decode()
    assert 'name="status"' not in page
    assert Opportunity.objects.get().status == "identified"
