"""Factories for the networks app (the reference networks and areas come from the migration)."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from networks.models import (
    AreaScore,
    Assessment,
    Commitment,
    FollowUpAction,
    GoodPractice,
    Network,
    NetworkEvent,
    PolicyArea,
)
from tests.factories import UserFactory


def icc() -> Network:
    return Network.objects.get(slug="intercultural-cities")


def dialogo() -> Network:
    return Network.objects.get(slug="citta-del-dialogo")


def area(slug: str = "istruzione") -> PolicyArea:
    return PolicyArea.objects.get(slug=slug)


class NetworkEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkEvent

    network = factory.LazyFunction(icc)
    kind = NetworkEvent.Kind.WEBINAR
    title = factory.Sequence(lambda n: f"Incontro di rete {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    is_public = True

    class Params:
        private = factory.Trait(is_public=False)


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    event = factory.SubFactory(NetworkEventFactory)
    text = factory.Sequence(lambda n: f"Azione da seguire {n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    network = factory.LazyFunction(icc)
    title = factory.Sequence(lambda n: f"Impegno {n}")
    area = factory.LazyFunction(area)
    owner = factory.SubFactory(UserFactory, staff=True)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))

    class Params:
        overdue = factory.Trait(
            due_date=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
        )
        in_progress = factory.Trait(status=Commitment.Status.IN_PROGRESS)
        completed = factory.Trait(status=Commitment.Status.COMPLETED)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    year = factory.Sequence(lambda n: 2010 + n)


class AreaScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaScore

    assessment = factory.SubFactory(AssessmentFactory)
    area = factory.LazyFunction(area)
    score = 50


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice

    title = factory.Sequence(lambda n: f"Buona pratica {n}")
    slug = factory.Sequence(lambda n: f"buona-pratica-{n}")
    area = factory.LazyFunction(area)
    description = "Una pratica da condividere."
    is_public = True

    class Params:
        private = factory.Trait(is_public=False)
