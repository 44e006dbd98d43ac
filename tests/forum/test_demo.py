"""The forum's demo data: a manifesto with three versions, translations, signatures, a Forum."""

from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from forum.demo import EDITION_SLUG, MANIFESTO_SLUG
from forum.models import Amendment, Delegation, Manifesto, Signature, Translation

pytestmark = pytest.mark.django_db


def test_the_demo_seed_is_complete_and_idempotent(client):
    call_command("seed_demo", force=True, stdout=StringIO())
    counts = (Signature.objects.count(), Amendment.objects.count(), Delegation.objects.count())
    call_command("seed_demo", force=True, stdout=StringIO())

    assert (
        Signature.objects.count(),
        Amendment.objects.count(),
        Delegation.objects.count(),
    ) == counts
    manifesto = Manifesto.objects.get(slug=MANIFESTO_SLUG)
    assert manifesto.status == Manifesto.Status.OPEN
    assert manifesto.current_version.number == 3
    assert set(
        Translation.objects.filter(version=manifesto.current_version).values_list(
            "language", flat=True
        )
    ) == {"en", "ar"}
    assert Signature.objects.confirmed().count() >= 200
    assert Amendment.objects.filter(applied_in__isnull=False).count() == 2
    assert Delegation.objects.filter(status="confirmed").count() >= 3
    for url in (
        manifesto.get_absolute_url(),
        reverse("forum:edition-detail", kwargs={"slug": EDITION_SLUG}),
        reverse("forum:index"),
    ):
        assert client.get(url).status_code == HTTPStatus.OK
