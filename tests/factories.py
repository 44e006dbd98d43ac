"""Factories shared by every app's tests (the shared core: users, cities, associations)."""

from __future__ import annotations

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from associations.models import Association, City, Community, Invitation, Membership, Theme
from mondinsieme.models import User


def valid_fiscal_code(seed: int) -> str:
    """An 11-digit codice fiscale with a correct check digit, different for each seed."""
    body = f"9{seed:09d}"[:10]
    total = 0
    for index, char in enumerate(body):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return body + str((10 - total % 10) % 10)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="it_IT")
    password = factory.PostGenerationMethodCall("set_password", "password-123!")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    class Params:
        staff = factory.Trait(is_staff=True)


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Città {n}")
    slug = factory.Sequence(lambda n: f"citta-{n}")
    country = "MA"


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"Comunità {n}")
    slug = factory.Sequence(lambda n: f"comunita-{n}")
    country = "SN"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Associazione {n}")
    slug = factory.Sequence(lambda n: f"associazione-{n}")
    legal_form = Association.LegalForm.APS
    fiscal_code = factory.Sequence(valid_fiscal_code)
    description = "Un'associazione di prova."
    email = factory.Sequence(lambda n: f"info{n}@assoc.example.org")
    status = Association.Status.APPROVED

    class Params:
        pending = factory.Trait(status=Association.Status.PENDING)
        suspended = factory.Trait(status=Association.Status.SUSPENDED)

    @factory.post_generation
    def communities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.communities.set(extracted)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.ACTIVE
    status_changed_at = factory.LazyFunction(timezone.now)

    class Params:
        leader = factory.Trait(role=Membership.Role.LEADER)
        legal_rep = factory.Trait(role=Membership.Role.LEGAL_REPRESENTATIVE)
        requested = factory.Trait(status=Membership.Status.REQUESTED, status_changed_at=None)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    association = factory.SubFactory(AssociationFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Membership.Role.MEMBER
    invited_by = None

    class Params:
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
        )
