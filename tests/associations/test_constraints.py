"""The database keeps the rules it can: uniqueness and sourced figures hold without the forms."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from associations.models import City, Community, Membership
from tests.factories import (
    AssociationFactory,
    CityFactory,
    CommunityFactory,
    MembershipFactory,
    UserFactory,
    valid_fiscal_code,
)


def _refused(factory, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**kwargs)


def test_it_refuses_a_second_association_with_the_same_slug(db):
    AssociationFactory(slug="plai-aps")

    _refused(AssociationFactory, slug="plai-aps")


def test_it_refuses_the_same_name_in_another_case(db):
    AssociationFactory(name="Associazione Plai APS")

    _refused(AssociationFactory, name="ASSOCIAZIONE plai aps")


def test_full_clean_explains_a_duplicate_name(db):
    AssociationFactory(name="Coro interculturale")
    duplicate = AssociationFactory.build(name="coro INTERCULTURALE")

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert "Un'associazione con questo nome esiste già." in excinfo.value.messages


def test_it_refuses_two_memberships_for_the_same_user_and_association(db):
    membership = MembershipFactory()

    _refused(
        MembershipFactory,
        user=membership.user,
        association=membership.association,
        role=Membership.Role.LEADER,
    )
    assert Membership.objects.count() == 1


def test_one_user_may_belong_to_several_associations(db):
    member = UserFactory()

    MembershipFactory(user=member)
    MembershipFactory(user=member)

    assert member.memberships.count() == 2


def test_it_refuses_a_fiscal_code_already_used(db):
    AssociationFactory(fiscal_code=valid_fiscal_code(77))

    _refused(AssociationFactory, fiscal_code=valid_fiscal_code(77))


def test_many_associations_may_have_no_fiscal_code(db):
    AssociationFactory(fiscal_code="")
    AssociationFactory(fiscal_code="")
    AssociationFactory(fiscal_code="")

    assert AssociationFactory._meta.model.objects.filter(fiscal_code="").count() == 3


def test_it_refuses_a_malformed_fiscal_code_at_database_level(db):
    _refused(AssociationFactory, fiscal_code="not a code")


def test_a_community_estimate_needs_a_year_and_a_source(db):
    _refused(CommunityFactory, residents_estimate=800)
    _refused(CommunityFactory, residents_estimate=800, residents_year=2018)
    _refused(CommunityFactory, residents_estimate=800, residents_source="Comune")

    community = CommunityFactory(
        residents_estimate=800, residents_year=2018, residents_source="Comune di Reggio Emilia"
    )
    assert Community.objects.get(pk=community.pk).residents_estimate == 800


def test_a_community_without_an_estimate_needs_nothing_else(db):
    CommunityFactory(residents_estimate=None)


def test_full_clean_explains_an_unsourced_estimate(db):
    community = CommunityFactory.build(residents_estimate=800, residents_year=2018)

    with pytest.raises(ValidationError) as excinfo:
        community.full_clean()

    assert "Una stima dei residenti richiede anno e fonte." in excinfo.value.messages


def test_a_city_population_needs_a_year(db):
    _refused(CityFactory, population=170_166)

    city = CityFactory(population=170_166, population_year=2022)
    assert City.objects.get(pk=city.pk).population_year == 2022


def test_full_clean_refuses_markup_in_a_city_name(db):
    city = CityFactory.build(name="<script>alert(1)</script>")

    with pytest.raises(ValidationError) as excinfo:
        city.full_clean()

    assert "name" in excinfo.value.message_dict
