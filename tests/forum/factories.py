"""Factories for the forum app: manifestos with a published version, signatures, editions."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone

from forum.models import (
    Amendment,
    Article,
    Delegation,
    ForumEdition,
    Manifesto,
    ProgrammeItem,
    Signature,
    SignatureTally,
    Translation,
    Version,
)


class ManifestoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Manifesto
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Manifesto dell'amicizia {n}")
    slug = factory.Sequence(lambda n: f"manifesto-{n}")
    summary = "Un manifesto di prova."
    signature_target = 100
    status = Manifesto.Status.DRAFT

    class Params:
        consultation = factory.Trait(status=Manifesto.Status.CONSULTATION)
        open = factory.Trait(status=Manifesto.Status.OPEN)
        closed = factory.Trait(status=Manifesto.Status.CLOSED)

    @factory.post_generation
    def articles(obj, create, extracted, **kwargs):
        """Three articles and a first published version, unless ``articles=0``."""
        if not create or extracted == 0:
            return
        count = extracted or 3
        for position in range(1, count + 1):
            Article.objects.create(
                manifesto=obj,
                position=position,
                title=f"Titolo {position}",
                body=f"Testo dell'articolo {position}.",
            )
        version = Version.objects.create(
            manifesto=obj,
            number=1,
            title=obj.title,
            articles=[
                {"title": a.title, "body": a.body} for a in obj.articles.order_by("position")
            ],
        )
        obj.current_version = version
        obj.save(update_fields=["current_version"])


class TranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Translation

    language = "en"
    title = "Manifesto of friendship"
    body = "## Article 1\n\nText."


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    manifesto = factory.SubFactory(ManifestoFactory, open=True)
    version = factory.LazyAttribute(lambda o: o.manifesto.current_version)
    kind = Signature.Kind.CITIZEN
    name = factory.Sequence(lambda n: f"Persona {n}")
    email = factory.Sequence(lambda n: f"firma{n}@example.org")
    residence_city = "Reggio Emilia"
    country = "IT"
    consent_at = factory.LazyFunction(timezone.now)
    public_listing = True
    status = Signature.Status.PENDING

    class Params:
        confirmed = factory.Trait(
            status=Signature.Status.CONFIRMED, confirmed_at=factory.LazyFunction(timezone.now)
        )


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Amendment

    manifesto = factory.SubFactory(ManifestoFactory, consultation=True)
    article = factory.LazyAttribute(lambda o: o.manifesto.articles.order_by("position").first())
    article_title = factory.LazyAttribute(lambda o: str(o.article))
    kind = Amendment.Kind.CHANGE
    text = "Testo nuovo."
    rationale = "Perché è più chiaro."
    association = factory.SubFactory("tests.factories.AssociationFactory")

    class Params:
        accepted = factory.Trait(status=Amendment.Status.ACCEPTED, reply="Bene.")


class ForumEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumEdition

    title = factory.Sequence(lambda n: f"Forum delle città {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    starts_on = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: date.today() + timedelta(days=31))
    venue = "Reggio Emilia, Sala del Tricolore"
    status = ForumEdition.Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=ForumEdition.Status.DRAFT)


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    edition = factory.SubFactory(ForumEditionFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    title = factory.Sequence(lambda n: f"Sessione {n}")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    edition = factory.SubFactory(ForumEditionFactory)
    city = factory.SubFactory("tests.factories.CityFactory")
    association = factory.SubFactory("tests.factories.AssociationFactory")
    head_name = "Awa Diop"
    head_email = "awa@example.org"
    arrival_on = factory.LazyAttribute(lambda o: o.edition.starts_on)
    departure_on = factory.LazyAttribute(lambda o: o.edition.ends_on)
    interpreting_language = "francese"


def confirmed_public_citizens(manifesto, count: int, *, name: str, country) -> None:
    """``count`` confirmed, publicly listed citizens inserted in bulk (named ``name`` + a
    zero-padded number, ``country(i)`` for the i-th), with the stored counters rebuilt."""
    now = timezone.now()
    width = len(str(count))
    Signature.objects.bulk_create(
        (
            Signature(
                manifesto=manifesto,
                version=manifesto.current_version,
                kind="citizen",
                status="confirmed",
                confirmed_at=now,
                public_listing=True,
                name=f"{name}{i:0{width}d}",
                email=f"f{i}@example.org",
                country=country(i),
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    SignatureTally.objects.rebuild(manifesto_id=manifesto.pk)
