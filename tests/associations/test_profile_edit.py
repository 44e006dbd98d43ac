"""A leader keeps their association's profile; every save leaves a trace."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from associations import services
from associations.models import Association
from mondinsieme.models import ActivityLog
from tests.factories import AssociationFactory, CommunityFactory, MembershipFactory, ThemeFactory


def profile_form_data(association: Association, **overrides) -> dict:
    """What the edit form posts when the leader changes nothing but ``overrides``."""
    data = {
        "name": association.name,
        "acronym": association.acronym,
        "legal_form": association.legal_form,
        "register": association.register,
        "register_number": association.register_number,
        "fiscal_code": association.fiscal_code,
        "founded_year": association.founded_year or "",
        "communities": [c.pk for c in association.communities.all()],
        "countries_of_intervention": [c.code for c in association.countries_of_intervention],
        "themes": [t.pk for t in association.themes.all()],
        "description": association.description,
        "email": association.email,
        "phone": association.phone,
        "website": association.website,
        "address": association.address,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _edit_url(association) -> str:
    return reverse("associations:edit", kwargs={"slug": association.slug})


def test_the_leader_opens_the_edit_form_with_the_current_values(leader_client, association):
    response = leader_client.get(_edit_url(association))

    assert response.status_code == HTTPStatus.OK
    assert f'value="{association.name}"' in response.content.decode()


def test_the_leader_saves_the_profile_and_the_change_is_logged(leader_client, association, leader):
    community, theme = CommunityFactory(), ThemeFactory()

    response = leader_client.post(
        _edit_url(association),
        profile_form_data(
            association,
            description="Nuova descrizione.",
            phone="+39 0522 456789",
            communities=[community.pk],
            themes=[theme.pk],
        ),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == association.get_absolute_url()
    assert "Profilo aggiornato." in response.content.decode()
    association.refresh_from_db()
    assert association.description == "Nuova descrizione."
    assert association.phone == "+39 0522 456789"
    assert list(association.communities.all()) == [community]
    assert list(association.themes.all()) == [theme]
    log = ActivityLog.objects.for_object(association).get()
    assert (log.action, log.actor) == ("profile_updated", leader)
    assert "descrizione" in log.note
    assert "telefono" in log.note


def test_the_log_names_only_the_fields_that_changed(leader_client, association):
    association.countries_of_intervention = ["SN", "BF"]
    association.founded_year = 1990
    association.save()

    leader_client.post(
        _edit_url(association), profile_form_data(association, description="Solo questa.")
    )

    log = ActivityLog.objects.for_object(association).get()
    assert log.note == "descrizione"


def test_the_slug_stays_when_the_name_changes(leader_client, association):
    old_slug = association.slug

    leader_client.post(_edit_url(association), profile_form_data(association, name="Nuovo nome"))

    association.refresh_from_db()
    assert association.name == "Nuovo nome"
    assert association.slug == old_slug


def test_the_leader_cannot_change_what_staff_decide(leader_client, association):
    Association.objects.filter(pk=association.pk).update(status=Association.Status.PENDING)

    response = leader_client.post(
        _edit_url(association),
        profile_form_data(association, status="approved", aics_art26="on", slug="altro"),
    )

    assert response.status_code == HTTPStatus.FOUND
    association.refresh_from_db()
    assert association.status == Association.Status.PENDING
    assert association.aics_art26 is False
    assert association.slug != "altro"


def test_staff_may_edit_any_profile(staff_client, association):
    response = staff_client.post(
        _edit_url(association), profile_form_data(association, description="Dal personale.")
    )

    assert response.status_code == HTTPStatus.FOUND
    association.refresh_from_db()
    assert association.description == "Dal personale."


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_plain_member_gets_403(client, association, method):
    client.force_login(MembershipFactory(association=association).user)

    response = getattr(client, method)(_edit_url(association), profile_form_data(association))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_a_name_taken_by_another_association_is_refused_with_a_message(leader_client, association):
    AssociationFactory(name="Associazione Plai APS")

    response = leader_client.post(
        _edit_url(association), profile_form_data(association, name="associazione plai aps")
    )

    assert response.status_code == HTTPStatus.OK
    assert "Un&#x27;associazione con questo nome esiste già." in response.content.decode()
    association.refresh_from_db()
    assert association.name != "associazione plai aps"
    assert not ActivityLog.objects.for_object(association).exists()


def test_the_service_refuses_a_leader_of_another_association(association):
    outsider = MembershipFactory(leader=True).user

    with pytest.raises(PermissionDenied):
        services.association_update_profile(
            association=association, actor=outsider, data={"description": "Presa."}
        )

    association.refresh_from_db()
    assert association.description != "Presa."
    assert not ActivityLog.objects.for_object(association).exists()
