"""Factories of the business table, with traits for each state."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from business_table.models import (
    Action,
    Meeting,
    Opportunity,
    TradeAssociation,
    TradeAssociationContact,
)
from tests.factories import UserFactory


class TradeAssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradeAssociation

    name = factory.Sequence(lambda n: f"Associazione di categoria {n}")
    slug = factory.Sequence(lambda n: f"categoria-{n}")
    kind = TradeAssociation.Kind.INDUSTRY
    sectors = "25, 28"


class TradeContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradeAssociationContact

    trade_association = factory.SubFactory(TradeAssociationFactory)
    user = factory.SubFactory(UserFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Riunione {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Sala del Tricolore"
    agenda = "Apertura\nOpportunità in Marocco"
    minutes = "## Verbale\nSi discute di **export** verso il Marocco."
    decisions = "- Preparare una missione"
    staff_notes = "NOTA-INTERNA-RISERVATA"
    public_summary = "Sintesi pubblica della riunione."

    class Params:
        held = factory.Trait(status=Meeting.Status.HELD)
        published = factory.Trait(
            status=Meeting.Status.HELD,
            summary_published=True,
            summary_published_at=factory.LazyFunction(timezone.now),
        )
        upcoming = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
        )


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Opportunità {n}")
    kind = Opportunity.Kind.EXPORT
    country = "MA"
    sector = "28.30"
    description = "Macchine agricole per il Marocco."
    staff_notes = "VALUTAZIONE-INTERNA"

    class Params:
        assessing = factory.Trait(status=Opportunity.Status.ASSESSING)
        ready = factory.Trait(
            status=Opportunity.Status.ASSESSING,
            next_step="Incontrare le imprese",
            owner=factory.SubFactory(UserFactory, staff=True),
        )
        active = factory.Trait(
            status=Opportunity.Status.ACTIVE,
            next_step="Incontrare le imprese",
            owner=factory.SubFactory(UserFactory, staff=True),
        )
        expired = factory.Trait(
            expires_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
        )


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    title = factory.Sequence(lambda n: f"Azione {n}")
    opportunity = factory.SubFactory(OpportunityFactory)
    owner = factory.SubFactory(UserFactory, staff=True)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))

    class Params:
        overdue = factory.Trait(
            due_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
        )
