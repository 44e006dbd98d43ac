"""Registering an association: pending, the registrant acts for it, staff are told."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from associations import services
from associations.models import Association, Membership
from mondinsieme.models import ActivityLog, OutgoingEmail
from tests.factories import AssociationFactory, CommunityFactory, ThemeFactory, valid_fiscal_code


def _data(**overrides):
    return {
        "name": "Associazione Burkinabè di Reggio Emilia",
        "legal_form": Association.LegalForm.APS,
        "fiscal_code": valid_fiscal_code(555),
        "description": "Promuove la cultura del Burkina Faso.",
        **overrides,
    }


def test_it_registers_a_pending_association_with_the_user_as_legal_representative(
    user, staff, django_capture_on_commit_callbacks
):
    community, theme = CommunityFactory(), ThemeFactory()

    with django_capture_on_commit_callbacks(execute=True):
        association = services.association_register(
            user=user, data=_data(), communities=[community], themes=[theme]
        )

    association.refresh_from_db()
    assert association.status == Association.Status.PENDING
    assert association.slug == "associazione-burkinabe-di-reggio-emilia"
    assert association.created_by == user
    assert list(association.communities.all()) == [community]
    assert list(association.themes.all()) == [theme]
    membership = Membership.objects.get(association=association)
    assert membership.user == user
    assert membership.role == Membership.Role.LEGAL_REPRESENTATIVE
    assert membership.status == Membership.Status.ACTIVE
    assert membership.can_act
    [log] = ActivityLog.objects.for_object(association)
    assert (log.action, log.actor, log.to_status) == ("registered", user, "pending")
    email = OutgoingEmail.objects.get(to=staff.email)
    assert (
        email.subject == "Nuova associazione da approvare: Associazione Burkinabè di Reggio Emilia"
    )
    assert [message.to for message in mail.outbox] == [[staff.email]]


def test_it_gives_a_free_slug_when_the_name_slug_is_taken(user):
    AssociationFactory(slug="associazione-burkinabe-di-reggio-emilia", name="Altra")

    association = services.association_register(user=user, data=_data())

    assert association.slug == "associazione-burkinabe-di-reggio-emilia-2"


def test_it_refuses_a_name_that_exists_in_another_case_and_saves_nothing(user):
    # SQLite's LOWER() folds ASCII only, so the accented letter keeps its case here.
    AssociationFactory(name="ASSOCIAZIONE BURKINABè DI REGGIO EMILIA")

    with pytest.raises(ValidationError) as excinfo:
        services.association_register(user=user, data=_data())

    assert "Un'associazione con questo nome esiste già." in excinfo.value.messages
    assert Association.objects.count() == 1
    assert not Membership.objects.filter(user=user).exists()


def test_it_refuses_a_fiscal_code_already_registered(user):
    AssociationFactory(fiscal_code=valid_fiscal_code(555))

    with pytest.raises(ValidationError) as excinfo:
        services.association_register(user=user, data=_data())

    assert "Un'associazione con questo codice fiscale esiste già." in excinfo.value.messages
    assert not Membership.objects.filter(user=user).exists()


def test_the_register_page_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(reverse("associations:register"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def test_the_register_page_shows_the_form(client, user):
    client.force_login(user)

    response = client.get(reverse("associations:register"))

    assert response.status_code == HTTPStatus.OK
    assert "Registra un'associazione" in response.content.decode()


def test_the_register_form_creates_the_association_and_redirects_to_it(
    client, user, staff, django_capture_on_commit_callbacks
):
    client.force_login(user)
    community = CommunityFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("associations:register"),
            {
                "name": "Associazione Plai APS",
                "legal_form": "aps",
                "fiscal_code": " " + valid_fiscal_code(808)[:5] + " " + valid_fiscal_code(808)[5:],
                "communities": [community.pk],
                "description": "Comunità moldava.",
            },
            follow=True,
        )

    association = Association.objects.get(name="Associazione Plai APS")
    assert response.redirect_chain[-1][0] == association.get_absolute_url()
    assert response.status_code == HTTPStatus.OK
    assert "Abbiamo ricevuto la registrazione di «Associazione Plai APS»" in (
        response.content.decode()
    )
    assert association.fiscal_code == valid_fiscal_code(808)
    assert association.status == Association.Status.PENDING
    assert association.memberships.get().user == user
    assert [message.to for message in mail.outbox] == [[staff.email]]
