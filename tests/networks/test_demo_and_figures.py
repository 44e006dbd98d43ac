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
from tests.demo_seeding import seed_only


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


# --- seed_demo --scale ------------------------------------------------------------------------


def _seed(monkeypatch, scale):
    seed_only(monkeypatch, None, scale=scale)
    return demo.seed(scale=scale)


def _lists():
    from networks.models import GoodPractice

    return (
        NetworkEvent.objects.count(),
        NetworkEvent.objects.filter(is_public=True).count(),
        Commitment.objects.count(),
        GoodPractice.objects.count(),
        FollowUpAction.objects.count(),
    )


def test_scale_grows_the_lists_linearly_and_a_second_run_adds_nothing(db, monkeypatch):
    from networks.models import CommitmentEvidence

    _seed(monkeypatch, 1)
    one = _lists()
    lines = _seed(monkeypatch, 3)
    three = _lists()
    assert lines[-1].startswith("Reti (--scale 3): generati ora 10 eventi")
    assert three[0] == one[0] + 2 * demo.SCALE_EVENTS_PER_STEP
    assert three[1] >= 2 * one[1]
    assert three[2] == one[2] + 2 * demo.SCALE_COMMITMENTS_PER_STEP
    assert three[3] == one[3] + 2 * demo.SCALE_PRACTICES_PER_STEP
    assert three[4] > one[4]
    _seed(monkeypatch, 3)
    assert _lists() == three
    _seed(monkeypatch, 4)
    assert Commitment.objects.count() == three[2] + demo.SCALE_COMMITMENTS_PER_STEP

    generated = Commitment.objects.filter(title__startswith="Impegno del piano d'azione n. ")
    assert set(generated.values_list("status", flat=True)) == set(Commitment.Status)
    completed = generated.filter(status="completed")
    assert not completed.filter(completed_on=None).exists()
    assert CommitmentEvidence.objects.filter(commitment__in=completed).count() == completed.count()
    assert not generated.exclude(status="completed").exclude(completed_on=None).exists()
    assert FollowUpAction.objects.exclude(commitment=None).exists()
    assert generated.overdue().exists()


def test_the_pages_answer_with_the_scaled_data(db, monkeypatch, client):
    from django.urls import reverse

    from mondinsieme.models import User
    from networks.models import GoodPractice

    _seed(monkeypatch, 2)
    event = NetworkEvent.objects.filter(title__startswith="Incontro di rete n. ", is_public=True)[0]
    practice = GoodPractice.objects.filter(slug__startswith="buona-pratica-demo-", is_public=True)[
        0
    ]
    for url in (
        reverse("networks:index"),
        reverse("networks:event-list"),
        event.get_absolute_url(),
        practice.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.get(email=STAFF_USER["email"]))
    commitment = Commitment.objects.filter(title__startswith="Impegno del piano d'azione n. ")[0]
    for url in (
        reverse("networks:manage"),
        reverse("networks:commitment-list"),
        reverse("networks:commitment-list") + "?overdue=1",
        reverse("networks:event-list"),
        commitment.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
