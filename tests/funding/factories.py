"""Factories for funding, with traits for each state."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from funding.models import Call, Criterion, Funder, Proposal, ProposalAttachment, Review, Score
from tests.factories import AssociationFactory, UserFactory


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Finanziatore {n}")
    slug = factory.Sequence(lambda n: f"finanziatore-{n}")
    kind = Funder.Kind.EU


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    funder = factory.SubFactory(FunderFactory)
    title = factory.Sequence(lambda n: f"Bando {n}")
    slug = factory.Sequence(lambda n: f"bando-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=60))
    grant_min = Decimal("10000")
    grant_max = Decimal("100000")
    funding_rate = Decimal("80")
    duration_min_months = 6
    duration_max_months = 24
    status = Call.Status.OPEN

    class Params:
        draft = factory.Trait(status=Call.Status.DRAFT)
        closed = factory.Trait(status=Call.Status.CLOSED)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Criterio {n}")
    max_points = 10
    weight = Decimal("1")
    order = factory.Sequence(lambda n: n)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    association = factory.SubFactory(AssociationFactory)
    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Progetto {n}")
    summary = "Un progetto con le città della diaspora."
    countries = ["SN"]
    budget = Decimal("50000")
    requested_amount = Decimal("40000")
    cofinancing = Decimal("10000")
    duration_months = 12
    status = Proposal.Status.IDEA

    class Params:
        screening = factory.Trait(status=Proposal.Status.SCREENING)
        concept_note = factory.Trait(status=Proposal.Status.CONCEPT_NOTE)
        full_proposal = factory.Trait(status=Proposal.Status.FULL_PROPOSAL)
        evaluation = factory.Trait(status=Proposal.Status.INTERNAL_EVALUATION)
        submitted = factory.Trait(status=Proposal.Status.SUBMITTED)
        awarded = factory.Trait(
            status=Proposal.Status.AWARDED, awarded_amount=factory.SelfAttribute("requested_amount")
        )
        info_requested = factory.Trait(
            status=Proposal.Status.INFO_REQUESTED,
            returns_to=Proposal.Status.SCREENING,
            questions="Chi sono i partner in Senegal?",
        )


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalAttachment

    proposal = factory.SubFactory(ProposalFactory)
    kind = ProposalAttachment.Kind.CONCEPT_NOTE
    file = factory.django.FileField(filename="nota.pdf", data=b"%PDF-1.4 test")
    original_name = "nota.pdf"
    size = 13


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    proposal = factory.SubFactory(ProposalFactory, evaluation=True)
    reviewer = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    status = Review.Status.ASSIGNED

    class Params:
        scoring = factory.Trait(status=Review.Status.SCORING)
        conflict = factory.Trait(status=Review.Status.CONFLICT)
        submitted = factory.Trait(
            status=Review.Status.SUBMITTED,
            recommendation=Review.Recommendation.FUND,
            submitted_at=factory.LazyFunction(timezone.now),
        )


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.SubFactory(CriterionFactory)
    points = Decimal("5")
