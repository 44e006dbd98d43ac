"""Publishing a version applies the accepted amendments and freezes the text."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forum import services
from forum.models import Amendment, Manifesto, Version
from mondinsieme.workflow import TransitionNotAllowed
from tests.factories import UserFactory

from .factories import AmendmentFactory, ManifestoFactory

pytestmark = pytest.mark.django_db


def _titles(version):
    return [article["title"] for article in version.articles]


def test_publishing_applies_change_add_and_delete(staff):
    manifesto = ManifestoFactory(consultation=True)
    first, second, third = manifesto.articles.order_by("position")
    AmendmentFactory(manifesto=manifesto, article=first, text="Nuovo testo 1.", accepted=True)
    AmendmentFactory(
        manifesto=manifesto,
        article=second,
        kind=Amendment.Kind.ADD_AFTER,
        new_title="Titolo aggiunto",
        text="Articolo aggiunto.",
        accepted=True,
    )
    AmendmentFactory(
        manifesto=manifesto, article=third, kind=Amendment.Kind.DELETE, text="", accepted=True
    )
    rejected = AmendmentFactory(manifesto=manifesto, article=first, text="No.")
    rejected.status = Amendment.Status.REJECTED
    rejected.save()

    version = services.manifesto_publish_version(manifesto=manifesto, actor=staff, notes="v2")

    assert version.number == 2
    assert _titles(version) == ["Titolo 1", "Titolo 2", "Titolo aggiunto"]
    assert version.articles[0]["body"] == "Nuovo testo 1."
    assert list(manifesto.articles.values_list("position", flat=True)) == [1, 2, 3]
    manifesto.refresh_from_db()
    assert manifesto.current_version == version
    assert Amendment.objects.filter(applied_in=version).count() == 3
    assert Amendment.objects.get(pk=rejected.pk).applied_in is None
    # The first version is untouched.
    assert _titles(Version.objects.get(manifesto=manifesto, number=1)) == [
        "Titolo 1",
        "Titolo 2",
        "Titolo 3",
    ]


def test_an_amendment_is_applied_only_once(staff):
    manifesto = ManifestoFactory(consultation=True)
    AmendmentFactory(
        manifesto=manifesto,
        kind=Amendment.Kind.ADD_AFTER,
        new_title="Aggiunto",
        text="Testo.",
        accepted=True,
    )
    services.manifesto_publish_version(manifesto=manifesto, actor=staff)
    third = services.manifesto_publish_version(manifesto=manifesto, actor=staff)
    assert len(third.articles) == 4


def test_a_published_version_cannot_change():
    manifesto = ManifestoFactory()
    version = manifesto.current_version
    version.title = "Altro"
    with pytest.raises(ValidationError):
        version.save()


def test_it_refuses_publishing_to_non_staff(leader):
    manifesto = ManifestoFactory(consultation=True)
    with pytest.raises(PermissionDenied):
        services.manifesto_publish_version(manifesto=manifesto, actor=leader)


def test_it_refuses_publishing_a_closed_manifesto(staff):
    manifesto = ManifestoFactory(closed=True)
    with pytest.raises(ValidationError):
        services.manifesto_publish_version(manifesto=manifesto, actor=staff)


def test_the_status_moves_along_the_workflow(staff):
    manifesto = ManifestoFactory()
    for status in ("consultation", "final", "open_for_signature", "closed"):
        services.manifesto_set_status(manifesto=manifesto, to=status, actor=staff)
    assert Manifesto.objects.get().status == "closed"


def test_it_refuses_a_jump_in_the_workflow(staff):
    manifesto = ManifestoFactory()
    with pytest.raises(TransitionNotAllowed):
        services.manifesto_set_status(manifesto=manifesto, to="closed", actor=staff)


def test_it_refuses_opening_without_a_version(staff):
    manifesto = ManifestoFactory(articles=0, status=Manifesto.Status.FINAL)
    with pytest.raises(ValidationError, match="Pubblica prima una versione"):
        services.manifesto_set_status(manifesto=manifesto, to="open_for_signature", actor=staff)


def test_it_refuses_status_changes_to_non_staff():
    manifesto = ManifestoFactory()
    with pytest.raises(PermissionDenied):
        services.manifesto_set_status(manifesto=manifesto, to="consultation", actor=UserFactory())


def test_the_diff_page_shows_what_changed(client, staff):
    manifesto = ManifestoFactory(consultation=True)
    AmendmentFactory(manifesto=manifesto, text="Una frase tutta nuova.", accepted=True)
    services.manifesto_publish_version(manifesto=manifesto, actor=staff)

    response = client.get(
        reverse("forum:version-diff", kwargs={"slug": manifesto.slug}), {"from": 1, "to": 2}
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Aggiunto:" in html and "Una frase tutta nuova." in html
    assert "Tolto:" in html and "Testo dell&#x27;articolo 1." in html


@pytest.mark.parametrize("query", [{"from": 9}, {"to": "x", "from": 7}, {"from": "-1"}])
def test_the_diff_page_answers_404_for_unknown_versions(client, query):
    manifesto = ManifestoFactory(consultation=True)
    response = client.get(reverse("forum:version-diff", kwargs={"slug": manifesto.slug}), query)
    assert response.status_code == HTTPStatus.NOT_FOUND
