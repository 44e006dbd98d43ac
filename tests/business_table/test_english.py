"""The table speaks English under /en/."""

import pytest

from tests.business_table.factories import MeetingFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def test_the_public_page_is_in_english_under_en(client):
    body = client.get("/en/tavolo-economico/").content.decode()
    assert "Business round table with trade associations" in body
    assert "Come funziona" not in body


def test_the_table_pages_are_in_english_under_en(staff_client):
    meeting = MeetingFactory()
    opportunity = OpportunityFactory(assessing=True)
    body = staff_client.get(f"/en/tavolo-economico/riunioni/{meeting.pk}/").content.decode()
    assert "Actions agreed and results" in body
    body = staff_client.get(f"/en/tavolo-economico/opportunita/{opportunity.pk}/").content.decode()
    assert "being assessed" in body and "Change the status" in body
