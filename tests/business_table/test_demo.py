"""The demo data loads twice without duplicates and covers the countries of the brief."""

import pytest
from django.core.management import call_command

from business_table import demo
from business_table.models import Action, Meeting, Opportunity, TradeAssociation
from tests.demo_seeding import seed_only

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


# --- seed_demo --scale ------------------------------------------------------------------------


def _seed(monkeypatch, scale):
    seed_only(monkeypatch, None, scale=scale)
    return demo.seed(scale=scale)


def _lists():
    return (
        Meeting.objects.count(),
        Meeting.objects.filter(summary_published=True).count(),
        Opportunity.objects.count(),
        Action.objects.count(),
    )


def test_scale_grows_the_lists_linearly_and_a_second_run_adds_nothing(monkeypatch):
    _seed(monkeypatch, 1)
    one = _lists()
    lines = _seed(monkeypatch, 3)
    three = _lists()
    assert lines[-1].startswith("Tavolo economico (--scale 3): generate ora 8 riunioni, 16 opp")
    assert three[0] == one[0] + 2 * demo.SCALE_MEETINGS_PER_STEP
    assert three[2] == one[2] + 2 * demo.SCALE_OPPORTUNITIES_PER_STEP
    assert three[1] > one[1] and three[3] >= 2 * one[3]
    _seed(monkeypatch, 3)
    assert _lists() == three
    _seed(monkeypatch, 4)
    assert Opportunity.objects.count() == three[2] + demo.SCALE_OPPORTUNITIES_PER_STEP

    generated = Opportunity.objects.filter(title__startswith="Opportunità n. ")
    assert set(generated.values_list("status", flat=True)) == set(Opportunity.Status)
    assert not generated.filter(status="concluded", outcome="").exists()
    assert not generated.exclude(status="identified").filter(status_changed_at=None).exists()
    assert not Action.objects.filter(status="done", outcome="").exists()
    assert all(o.connector_associations.exists() for o in generated)
    assert Meeting.objects.filter(title__startswith="Riunione del tavolo n. ", status="held")


def test_the_pages_answer_with_the_scaled_data(monkeypatch, client):
    from django.urls import reverse

    from business_table.models import TradeAssociationContact

    _seed(monkeypatch, 2)
    public = client.get(reverse("business_table:index"))
    assert public.status_code == 200
    contact = TradeAssociationContact.objects.select_related("user").get(
        user__email=demo.CONTACT_EMAIL
    )
    client.force_login(contact.user)
    for name in ("meeting-list", "opportunity-list", "country-list"):
        assert client.get(reverse(f"business_table:{name}")).status_code == 200
    from mondinsieme.models import User

    client.force_login(User.objects.get(email=demo.STAFF_EMAIL))
    for name in ("meeting-list", "opportunity-list", "country-list"):
        assert client.get(reverse(f"business_table:{name}")).status_code == 200
    opportunity = Opportunity.objects.filter(title__startswith="Opportunità n. ").first()
    meeting = Meeting.objects.filter(title__startswith="Riunione del tavolo n. ").first()
    assert client.get(opportunity.get_absolute_url()).status_code == 200
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get(reverse("business_table:country-detail", args=["MA"])).status_code == 200
