"""The demo data loads twice without duplicates and covers the countries of the brief."""

import pytest
from django.core.management import call_command

from business_table import demo
from business_table.models import Action, Meeting, Opportunity, TradeAssociation

pytestmark = pytest.mark.django_db


@pytest.fixture
def core(monkeypatch):
    from associations.management.commands import seed_demo

    # Only the shared core and this app: the other objective apps seed themselves.
    monkeypatch.setattr(seed_demo, "objectives", lambda: [])
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seeding_twice_is_idempotent(core):
    first = demo.seed(scale=1)
    counts = [m.objects.count() for m in (TradeAssociation, Meeting, Opportunity, Action)]
    demo.seed(scale=1)
    assert [m.objects.count() for m in (TradeAssociation, Meeting, Opportunity, Action)] == counts
    assert counts[1] == 3
    assert set(TradeAssociation.objects.values_list("kind", flat=True)) >= {
        "industry", "crafts", "commerce", "cooperatives", "agriculture", "chamber"
    }  # fmt: skip
    assert set(Opportunity.objects.values_list("country", flat=True)) == {
        "MA", "AL", "IN", "CN", "GH", "SN"
    }  # fmt: skip
    assert len(set(Opportunity.objects.values_list("status", flat=True))) == 5
    assert first[0].startswith("Tavolo economico")


def test_the_demo_shows_what_each_role_sees(core, client):
    from django.urls import reverse

    from business_table.models import TradeAssociationContact

    demo.seed(scale=1)
    assert Meeting.objects.exclude(minutes="").count() == 2
    assert Meeting.objects.filter(summary_published=True).count() == 2
    assert any(action.is_overdue for action in Action.objects.all())
    contact = TradeAssociationContact.objects.select_related("user").get(
        user__email=demo.CONTACT_EMAIL
    )
    client.force_login(contact.user)
    for name in ("meeting-list", "opportunity-list", "country-list"):
        assert client.get(reverse(f"business_table:{name}")).status_code == 200
    client.logout()
    public = client.get(reverse("business_table:index")).content.decode()
    assert public.count('class="card card-bg mb-3"') == 2
