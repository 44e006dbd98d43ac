"""Leaders propose amendments during the consultation; staff answer in public."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forum import services
from forum.models import Amendment
from mondinsieme.models import OutgoingEmail
from mondinsieme.workflow import TransitionNotAllowed
from tests.factories import AssociationFactory, MembershipFactory

from .factories import AmendmentFactory, ManifestoFactory

pytestmark = pytest.mark.django_db


def _propose(manifesto, association, actor, **overrides):
    data = {
        "manifesto": manifesto,
        "article": manifesto.articles.first(),
        "association": association,
        "actor": actor,
        "kind": Amendment.Kind.CHANGE,
        "text": "Testo migliore.",
        "rationale": "Più chiaro.",
        **overrides,
    }
    return services.amendment_propose(**data)


def test_a_leader_proposes_an_amendment(leader, association):
    manifesto = ManifestoFactory(consultation=True)
    amendment = _propose(manifesto, association, leader)
    assert amendment.status == Amendment.Status.PENDING
    assert amendment.article_title.startswith("Art. 1")


def test_it_refuses_amendments_outside_the_consultation(leader, association):
    manifesto = ManifestoFactory(open=True)
    with pytest.raises(ValidationError, match="consultazione è chiusa"):
        _propose(manifesto, association, leader)


def test_it_refuses_an_amendment_for_someone_elses_association(leader):
    manifesto = ManifestoFactory(consultation=True)
    other = AssociationFactory()
    with pytest.raises(PermissionDenied):
        _propose(manifesto, other, leader)


def test_it_refuses_a_change_without_text(leader, association):
    manifesto = ManifestoFactory(consultation=True)
    with pytest.raises(ValidationError):
        _propose(manifesto, association, leader, text="")


def test_it_refuses_an_article_of_another_manifesto(leader, association):
    manifesto = ManifestoFactory(consultation=True)
    other = ManifestoFactory(consultation=True)
    with pytest.raises(ValidationError):
        _propose(manifesto, association, leader, article=other.articles.first())


def test_the_form_offers_only_the_leaders_associations(leader_client, association):
    manifesto = ManifestoFactory(consultation=True)
    other = AssociationFactory(name="Associazione altrui")
    url = reverse("forum:amendment-create", kwargs={"slug": manifesto.slug})

    page = leader_client.get(url).content.decode()
    assert association.name in page and "Associazione altrui" not in page

    response = leader_client.post(
        url,
        {
            "association": other.pk,
            "article": manifesto.articles.first().pk,
            "kind": "change",
            "text": "x",
            "rationale": "y",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert Amendment.objects.count() == 0


def test_a_leader_proposes_through_the_page(leader_client, association):
    manifesto = ManifestoFactory(consultation=True)
    url = reverse("forum:amendment-create", kwargs={"slug": manifesto.slug})
    response = leader_client.post(
        url,
        {
            "association": association.pk,
            "article": manifesto.articles.first().pk,
            "kind": "delete",
            "rationale": "Ripete l'articolo 2.",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Amendment.objects.get().kind == "delete"


def test_a_user_without_association_gets_403(client, user):
    client.force_login(user)
    manifesto = ManifestoFactory(consultation=True)
    url = reverse("forum:amendment-create", kwargs={"slug": manifesto.slug})
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN


def test_the_page_needs_a_login(client):
    manifesto = ManifestoFactory(consultation=True)
    url = reverse("forum:amendment-create", kwargs={"slug": manifesto.slug})
    assert client.get(url).status_code == HTTPStatus.FOUND


def test_staff_accept_with_a_public_reply_and_the_proposer_is_told(staff, leader, association):
    manifesto = ManifestoFactory(consultation=True)
    amendment = _propose(manifesto, association, leader)

    services.amendment_decide(amendment=amendment, accept=True, reply="Accolto.", actor=staff)

    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.ACCEPTED
    assert amendment.reply == "Accolto."
    assert OutgoingEmail.objects.filter(
        to=leader.email, template="forum/amendment_decided"
    ).exists()


def test_it_refuses_a_decision_without_reply(staff):
    amendment = AmendmentFactory()
    with pytest.raises(ValidationError):
        services.amendment_decide(amendment=amendment, accept=False, reply=" ", actor=staff)


def test_it_refuses_deciding_twice(staff):
    amendment = AmendmentFactory(accepted=True)
    with pytest.raises(TransitionNotAllowed):
        services.amendment_decide(amendment=amendment, accept=False, reply="No.", actor=staff)


def test_it_refuses_decisions_by_leaders(leader):
    amendment = AmendmentFactory()
    with pytest.raises(PermissionDenied):
        services.amendment_decide(amendment=amendment, accept=True, reply="Sì.", actor=leader)


def test_only_moderated_amendments_are_public(client, staff):
    manifesto = ManifestoFactory(consultation=True)
    AmendmentFactory(manifesto=manifesto, rationale="In attesa di valutazione")
    decided = AmendmentFactory(manifesto=manifesto, rationale="Già valutato")
    services.amendment_decide(
        amendment=decided, accept=False, reply="Risposta pubblica", actor=staff
    )

    html = client.get(
        reverse("forum:amendment-list", kwargs={"slug": manifesto.slug})
    ).content.decode()

    assert "Già valutato" in html and "Risposta pubblica" in html
    assert "In attesa di valutazione" not in html


def test_a_suspended_associations_leader_cannot_propose():
    association = AssociationFactory(suspended=True)
    leader = MembershipFactory(association=association, leader=True).user
    manifesto = ManifestoFactory(consultation=True)
    with pytest.raises(PermissionDenied):
        _propose(manifesto, association, leader)
