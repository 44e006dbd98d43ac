"""Demo data (idempotent, plainly illustrative) and the home page figures."""

from decimal import Decimal

from associations.demo_data import STAFF_USER
from associations.management.commands.seed_demo import seed_user
from networks import demo, selectors
from networks.models import (
    Assessment,
    Commitment,
    FollowUpAction,
    NetworkEvent,
    NetworkMembership,
)


def _counts():
    return (
        NetworkMembership.objects.count(),
        NetworkEvent.objects.count(),
        FollowUpAction.objects.count(),
        Commitment.objects.count(),
        Assessment.objects.count(),
    )


def test_the_demo_seed_is_idempotent_and_says_scores_are_illustrative(db):
    seed_user(STAFF_USER, "!", staff=True)
    lines = demo.seed(scale=1)
    first = _counts()
    demo.seed(scale=1)
    assert _counts() == first
    assert first[0] == 3 and first[4] == 3
    assert "illustrativi" in " ".join(lines)
    assert all("ILLUSTRATIVI" in a.notes for a in Assessment.objects.all())
    icc = NetworkMembership.objects.get(network__slug="intercultural-cities", organisation="comune")
    assert icc.founder and icc.status == "member"
    dialogo = NetworkMembership.objects.get(
        network__slug="citta-del-dialogo", organisation="comune"
    )
    assert str(dialogo.since) == "2010-09-21"
    assert Commitment.objects.values("area").distinct().count() >= 4


def test_home_figures_count_networks_done_commitments_and_the_latest_score(db):
    assert [value for _, value in selectors.home_figures()] == [0, 0]
    seed_user(STAFF_USER, "!", staff=True)
    demo.seed(scale=1)
    figures = selectors.home_figures()
    assert [value for _, value in figures[:2]] == [2, 1]
    latest = selectors.assessments()[-1]
    assert latest.year == 2024
    assert figures[2][1] == int(latest.overall.to_integral_value())
    assert latest.overall == Decimal("66.6")


def test_the_home_page_shows_the_networks_figures(client, db):
    from django.urls import reverse

    seed_user(STAFF_USER, "!", staff=True)
    demo.seed(scale=1)
    page = client.get(reverse("home")).content.decode()
    assert "impegni completati" in page and "il punteggio ICC del 2024" in page
