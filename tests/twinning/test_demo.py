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


# --- seed_demo --scale ------------------------------------------------------------------------


def _seed(scale):
    """The shared core at ``scale`` (no other objective app), then this app's seed."""
    from unittest import mock

    from django.core.management import call_command

    from associations.management.commands import seed_demo

    with mock.patch.object(seed_demo, "objectives", lambda: []):
        call_command("seed_demo", scale=scale, force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return demo.seed(scale=scale)


def _lists():
    from mondinsieme.models import ActivityLog
    from twinning.models import Activity

    return (
        TwinningFile.objects.count(),
        TwinningFile.objects.public().count(),
        Activity.objects.count(),
        ActivityLog.objects.filter(content_type__model="twinningfile").count(),
    )


def test_scale_grows_the_files_linearly_and_a_second_run_adds_nothing():
    _seed(1)
    one = _lists()
    lines = _seed(3)
    three = _lists()
    assert "generate ora 20 pratiche" in lines[-1]
    assert three[0] == one[0] + 2 * demo.SCALE_FILES_PER_STEP
    assert three[1] >= 1.5 * one[1]  # the public list grows too
    assert three[2] > one[2] and three[3] > one[3]
    _seed(3)
    assert _lists() == three
    # A larger scale later adds only the difference.
    _seed(4)
    assert TwinningFile.objects.count() == three[0] + demo.SCALE_FILES_PER_STEP

    generated = TwinningFile.objects.filter(slug__startswith=demo.SCALE_FILE_PREFIX)
    assert set(generated.values_list("status", flat=True)) == set(TwinningFile.Status)
    for file in generated:
        if file.status in TwinningFile.IN_FORCE_STATUSES:
            assert file.signed_on and file.countersigned_on and file.starts_on
        if file.expires_on:
            assert file.expires_on > file.starts_on
        if file.status == TwinningFile.Status.EXPIRED:
            assert file.expires_on < date.today()
        if file.status == TwinningFile.Status.PROPOSED:
            assert file.signed_on is None and file.resolution_number == ""
        assert file.proposing_associations.exists() and file.communities.exists()


def test_the_pages_answer_with_the_scaled_data(client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    _seed(2)
    page = client.get(reverse("twinning:index"))
    assert page.status_code == 200
    public = TwinningFile.objects.public().filter(slug__startswith=demo.SCALE_FILE_PREFIX)
    assert public.exists()
    first = public.first()
    assert first.partner_city.name in page.content.decode()
    assert client.get(first.get_absolute_url()).status_code == 200
    client.force_login(get_user_model().objects.get(email="staff@demo.example.org"))
    assert client.get(reverse("admin:twinning_twinningfile_changelist")).status_code == 200
    private = TwinningFile.objects.filter(slug__startswith=demo.SCALE_FILE_PREFIX).first()
    change = reverse("admin:twinning_twinningfile_change", args=[private.pk])
    assert client.get(change).status_code == 200
