"""The demo seed: calls with criteria, proposals at every stage, reviews, one award; idempotent."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.db.models import F
from django.urls import reverse

from associations.demo_data import DEMO_EMAIL_DOMAIN
from associations.permissions import is_leader_of
from funding import demo
from funding.models import Call, Criterion, Proposal, Review, Score
from tests.demo_seeding import seed_only
from tests.factories import AssociationFactory, CityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def core():
    UserFactory(email=f"staff@{DEMO_EMAIL_DOMAIN}", staff=True)
    CityFactory(slug="reggio-emilia", name="Reggio Emilia", country="IT")
    for slug in {row[0] for row in demo.PROPOSALS}:
        MembershipFactory(association=AssociationFactory(slug=slug, name=slug), leader=True)


def test_the_seed_is_complete_and_idempotent(core):
    first = demo.seed(scale=1)
    counts = (
        Call.objects.count(),
        Criterion.objects.count(),
        Proposal.objects.count(),
        Review.objects.count(),
    )
    demo.seed(scale=1)
    assert counts == (
        Call.objects.count(),
        Criterion.objects.count(),
        Proposal.objects.count(),
        Review.objects.count(),
    )
    assert counts[2] == len(demo.PROPOSALS)
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Proposal.Status.values)
    assert Proposal.objects.filter(status="awarded").count() == 1
    ndici = Call.objects.get(slug="ndici-organizzazioni-societa-civile")
    assert [(c.name, c.max_points) for c in ndici.criteria.all()] == [
        ("Pertinenza", 30),
        ("Disegno dell'azione", 20),
    ]
    assert Review.objects.filter(status="submitted").exists()
    assert any("Bandi" in line for line in first)


def _seed(monkeypatch, scale: int) -> str:
    return seed_only(monkeypatch, "funding", scale=scale)


def _counts() -> dict[str, int]:
    return {
        "calls": Call.objects.count(),
        "proposals": Proposal.objects.count(),
        "final": Proposal.objects.filter(status__in=Proposal.FINAL).count(),
        "reviews": Review.objects.count(),
    }


def test_the_scale_grows_the_pipeline_linearly_and_a_rerun_adds_nothing(monkeypatch):
    _seed(monkeypatch, 1)
    one = _counts()
    report = _seed(monkeypatch, 2)
    two = _counts()
    _seed(monkeypatch, 3)
    three = _counts()
    again = _seed(monkeypatch, 3)

    assert f"{len(demo.SCALE_STAGES)} proposte" in report
    assert "(nuovi ora): 0 bandi, 0 proposte, 0 valutazioni, 0 punteggi" in again
    assert _counts() == three
    for key in ("calls", "proposals", "final", "reviews"):
        assert three[key] - two[key] == two[key] - one[key] > 0, key
    assert 2.5 * one["proposals"] <= three["proposals"] <= 4 * one["proposals"]
    # Every stage of the board grows, the final ones most.
    generated = Proposal.objects.filter(title__startswith=demo.SCALE_PROPOSAL_PREFIX)
    assert set(generated.values_list("status", flat=True)) == set(Proposal.Status.values)
    assert generated.filter(status__in=Proposal.FINAL).count() == 2 * 5


def test_the_generated_rows_keep_the_rules_of_the_model(monkeypatch):
    _seed(monkeypatch, 2)
    generated = Proposal.objects.filter(title__startswith=demo.SCALE_PROPOSAL_PREFIX)

    for proposal in generated.select_related("association", "call"):
        assert proposal.association.status == "approved"
        assert is_leader_of(proposal.created_by, proposal.association)
        assert proposal.requested_amount + proposal.cofinancing <= proposal.budget
        assert (proposal.call_id is None) == (proposal.status == "idea")
        assert (proposal.awarded_amount or 0) > 0 if proposal.status == "awarded" else True
        if proposal.status == "info_requested":
            assert proposal.questions and proposal.returns_to in Proposal.QUESTION_STAGES
    reviews = Review.objects.filter(proposal__in=generated)
    assert reviews.filter(status="submitted").exists()
    for review in reviews.filter(status="submitted"):
        assert review.recommendation and review.submitted_at
        assert review.scores.count() == review.proposal.call.criteria.count()
    assert not Score.objects.filter(points__gt=F("criterion__max_points")).exists()
    assert not Score.objects.exclude(max_points=F("criterion__max_points")).exists()


def test_the_pages_answer_on_the_scaled_data(monkeypatch, client, staff):
    _seed(monkeypatch, 2)
    generated = Proposal.objects.filter(title__startswith=demo.SCALE_PROPOSAL_PREFIX)
    call = Call.objects.filter(slug__startswith=demo.SCALE_CALL_PREFIX, status="open").first()
    assert client.get(reverse("funding:call-list")).status_code == HTTPStatus.OK
    assert client.get(call.get_absolute_url()).status_code == HTTPStatus.OK

    proposal = generated.exclude(status="idea").first()
    client.force_login(proposal.created_by)
    page = client.get(reverse("funding:proposal-list"))
    assert page.status_code == HTTPStatus.OK
    assert proposal.title in page.text
    assert client.get(proposal.get_absolute_url()).status_code == HTTPStatus.OK

    client.force_login(staff)
    closed = Call.objects.filter(slug__startswith=demo.SCALE_CALL_PREFIX, status="closed").first()
    for url in (
        reverse("funding:board"),
        reverse("funding:call-ranking", args=[closed.slug]),
        reverse("funding:review-list"),
        reverse("admin:funding_proposal_changelist"),
    ):
        assert client.get(url).status_code == HTTPStatus.OK, url
