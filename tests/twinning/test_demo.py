"""The demo seed: real agreements as historical records, idempotent."""

from datetime import date

import pytest

from tests.factories import CityFactory, CommunityFactory
from twinning import demo
from twinning.models import CandidateAssessment, Score, TwinningFile

pytestmark = pytest.mark.django_db


def test_the_seed_records_the_real_twinnings_and_one_assessment_and_is_idempotent():
    for slug, *_rest in demo.HISTORICAL:
        CityFactory(slug=slug, name=slug.title())
    for slug in demo.CANDIDATES:
        CityFactory(slug=slug, name=slug.title())
    CommunityFactory(slug="marocchina", country="MA")

    first = demo.seed(scale=1)
    demo.seed(scale=1)

    assert len(first) == 2
    assert TwinningFile.objects.count() == len(demo.HISTORICAL) + 1
    sarajevo = TwinningFile.objects.get(partner_city__slug="sarajevo-centar")
    assert (sarajevo.signed_on, sarajevo.countersigned_on, sarajevo.expires_on) == (
        date(2022, 5, 9),
        date(2022, 7, 12),
        date(2027, 7, 12),
    )
    assert TwinningFile.objects.get(partner_city__slug="bydgoszcz").since == 1962
    assert TwinningFile.objects.get(partner_city__slug="beit-jala").term_years == 3
    assert CandidateAssessment.objects.count() == 3
    assert Score.objects.count() == 3 * len(demo.CRITERIA)
