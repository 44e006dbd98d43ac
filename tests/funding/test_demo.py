"""The demo seed: calls with criteria, proposals at every stage, reviews, one award; idempotent."""

from __future__ import annotations

import pytest

from associations.demo_data import DEMO_EMAIL_DOMAIN
from funding import demo
from funding.models import Call, Criterion, Proposal, Review
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
