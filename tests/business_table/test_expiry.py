"""Opportunities expire like a partnering profile: flagged, filtered, owner told once, renewable."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from business_table import services, tasks
from business_table.models import Opportunity
from mondinsieme.models import ActivityLog, OutgoingEmail
from mondinsieme.objectives import beat_schedule
from tests.business_table.factories import OpportunityFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _run(capture) -> int:
    with capture(execute=True):
        return tasks.send_expired_opportunity_notices()


def test_the_owner_of_an_expired_opportunity_is_told_once(django_capture_on_commit_callbacks):
    owner = UserFactory(staff=True, email="responsabile@example.org")
    expired = OpportunityFactory(title="Cacao in Ghana", owner=owner, expired=True)
    OpportunityFactory(owner=owner)  # no date: never expires
    OpportunityFactory(
        owner=owner, expires_on=timezone.localdate() + timedelta(days=3)
    )  # still valid
    OpportunityFactory(owner=owner, expired=True, status="concluded", outcome="fatto")  # closed
    OpportunityFactory(expired=True)  # nobody to tell

    assert _run(django_capture_on_commit_callbacks) == 1
    assert _run(django_capture_on_commit_callbacks) == 0

    assert [m.to for m in mail.outbox] == [["responsabile@example.org"]]
    assert "Cacao in Ghana" in mail.outbox[0].subject
    assert expired.get_absolute_url() in mail.outbox[0].body
    assert "aggiorna la data di scadenza" in mail.outbox[0].body
    assert OutgoingEmail.objects.count() == 1
    assert ActivityLog.objects.for_object(expired).filter(action="expiry_notice_sent").count() == 1


def test_a_renewed_opportunity_is_notified_again_when_the_new_date_passes(
    staff, django_capture_on_commit_callbacks
):
    opportunity = OpportunityFactory(owner=staff, expired=True)
    assert _run(django_capture_on_commit_callbacks) == 1

    # Staff renew it: the flag goes away and the notice is re-armed.
    services.opportunity_save(
        actor=staff,
        opportunity=opportunity,
        data={"expires_on": timezone.localdate() + timedelta(days=90)},
    )
    opportunity.refresh_from_db()
    assert opportunity.expiry_notice_sent_at is None
    assert not opportunity.is_expired
    assert _run(django_capture_on_commit_callbacks) == 0

    # The new date passes too.
    Opportunity.objects.filter(pk=opportunity.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    assert _run(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2


def test_editing_something_else_does_not_re_arm_the_notice(staff):
    opportunity = OpportunityFactory(owner=staff, expired=True)
    assert services.opportunity_send_expiry_notice(opportunity_id=opportunity.pk)
    services.opportunity_save(actor=staff, opportunity=opportunity, data={"title": "Nuovo titolo"})
    opportunity.refresh_from_db()
    assert opportunity.expiry_notice_sent_at is not None
    assert not services.opportunity_send_expiry_notice(opportunity_id=opportunity.pk)


def test_renewing_in_the_admin_re_arms_the_notice(staff_client, staff):
    opportunity = OpportunityFactory(owner=staff, expired=True)
    services.opportunity_send_expiry_notice(opportunity_id=opportunity.pk)
    url = reverse("admin:business_table_opportunity_change", args=[opportunity.pk])
    page = staff_client.get(url)
    assert page.status_code == HTTPStatus.OK
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update(
        {
            "country": "MA",
            "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "owner": staff.pk,
            "connector_associations": [],
            "connector_communities": [],
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    opportunity.refresh_from_db()
    assert opportunity.expiry_notice_sent_at is None


def test_the_notices_run_on_the_beat():
    entries = {entry["task"] for entry in beat_schedule().values()}
    assert "business_table.tasks.send_expired_opportunity_notices" in entries
    assert "business_table.tasks.send_overdue_action_reminders" in entries


def test_a_new_opportunity_is_valid_for_a_year_by_default(staff_client):
    form = staff_client.get(reverse("business_table:opportunity-create")).context["form"]
    assert form.initial["expires_on"] == timezone.localdate() + timedelta(days=365)
    opportunity = OpportunityFactory()
    edit = staff_client.get(reverse("business_table:opportunity-edit", args=[opportunity.pk]))
    assert edit.context["form"].initial["expires_on"] is None


def test_the_list_shows_only_the_expired_ones_on_request(staff_client):
    OpportunityFactory(title="DA-RIVEDERE", expired=True)
    OpportunityFactory(title="ANCORA-VALIDA", expires_on=timezone.localdate() + timedelta(days=5))
    OpportunityFactory(title="CHIUSA-SCADUTA", expired=True, status="dropped", outcome="no")
    body = staff_client.get(
        reverse("business_table:opportunity-list") + "?expiry=expired"
    ).content.decode()
    assert "DA-RIVEDERE" in body
    assert "ANCORA-VALIDA" not in body and "CHIUSA-SCADUTA" not in body
    assert "scaduta" in body


def test_an_expired_opportunity_is_flagged_to_trade_contacts_too(client):
    from tests.business_table.factories import TradeContactFactory

    client.force_login(TradeContactFactory().user)
    opportunity = OpportunityFactory(expired=True)
    body = client.get(opportunity.get_absolute_url()).content.decode()
    assert "scaduta: va rivista" in body


def test_the_notice_speaks_the_owners_language(django_capture_on_commit_callbacks):
    owner = UserFactory(staff=True, preferred_language="en")
    OpportunityFactory(title="Cocoa", owner=owner, expired=True)
    assert _run(django_capture_on_commit_callbacks) == 1
    assert mail.outbox[0].subject == "Opportunity expired: Cocoa"
    assert "update the expiry date" in mail.outbox[0].body
