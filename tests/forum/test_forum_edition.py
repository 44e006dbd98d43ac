"""The Forum page, its programme as iCal, and the delegations of the cities of origin."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forum import selectors, services
from forum.models import Delegation
from mondinsieme.workflow import TransitionNotAllowed
from tests.factories import AssociationFactory, CityFactory, CommunityFactory

from .factories import DelegationFactory, ForumEditionFactory, ProgrammeItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def origin_city(association):
    city = CityFactory(name="Dakar", country="SN")
    community = CommunityFactory(name="Comunità senegalese")
    community.origin_cities.add(city)
    association.communities.add(community)
    return city


def _data(edition):
    return {
        "head_name": "Awa Diop",
        "head_role": "assessora",
        "head_email": "awa@example.org",
        "arrival_on": edition.starts_on,
        "departure_on": edition.ends_on,
        "interpreting_language": "francese",
        "invitation_letter": True,
    }


def test_the_forum_page_shows_the_programme_and_the_cities(client, origin_city):
    edition = ForumEditionFactory()
    ProgrammeItemFactory(edition=edition, title="Apertura dei lavori", speakers="La sindaca")
    edition.cities.add(origin_city)

    html = client.get(edition.get_absolute_url()).content.decode()

    assert "Apertura dei lavori" in html
    assert "Dakar" in html and "Comunità senegalese" in html


def test_a_draft_edition_is_not_found(client):
    edition = ForumEditionFactory(draft=True)
    assert client.get(edition.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_the_programme_is_an_ical_file(client):
    edition = ForumEditionFactory()
    ProgrammeItemFactory(edition=edition, title="Tavola rotonda")
    response = client.get(reverse("forum:edition-ical", kwargs={"slug": edition.slug}))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "SUMMARY:Tavola rotonda" in body and "BEGIN:VEVENT" in body


def test_a_leader_registers_a_delegation_of_an_origin_city(leader_client, association, origin_city):
    edition = ForumEditionFactory()
    url = reverse("forum:delegation-create", kwargs={"slug": edition.slug})
    data = {**_data(edition), "association": association.pk, "city": origin_city.pk}

    response = leader_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    delegation = Delegation.objects.get()
    assert delegation.status == "requested" and delegation.invitation_letter


def test_it_refuses_a_city_not_linked_to_the_association(leader, association, origin_city):
    edition = ForumEditionFactory()
    with pytest.raises(ValidationError):
        services.delegation_register(
            edition=edition,
            city=CityFactory(name="Altrove"),
            association=association,
            actor=leader,
            data=_data(edition),
        )


def test_it_refuses_a_delegation_for_someone_elses_association(leader, origin_city):
    edition = ForumEditionFactory()
    with pytest.raises(PermissionDenied):
        services.delegation_register(
            edition=edition, city=origin_city, association=AssociationFactory(), actor=leader,
            data=_data(edition),
        )  # fmt: skip


def test_one_delegation_per_city(leader, association, origin_city):
    edition = ForumEditionFactory()
    services.delegation_register(
        edition=edition,
        city=origin_city,
        association=association,
        actor=leader,
        data=_data(edition),
    )
    with pytest.raises(ValidationError):
        services.delegation_register(
            edition=edition, city=origin_city, association=association, actor=leader,
            data=_data(edition),
        )  # fmt: skip


def test_departure_before_arrival_is_refused_by_the_form(leader_client, association, origin_city):
    edition = ForumEditionFactory()
    url = reverse("forum:delegation-create", kwargs={"slug": edition.slug})
    data = {**_data(edition), "association": association.pk, "city": origin_city.pk}
    data["departure_on"] = "2000-01-01"
    response = leader_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert Delegation.objects.count() == 0


def test_staff_confirm_and_the_city_appears(client, staff):
    delegation = DelegationFactory()
    services.delegation_set_status(delegation=delegation, to="confirmed", actor=staff)
    html = client.get(delegation.edition.get_absolute_url()).content.decode()
    assert delegation.city.name in html
    assert dict(selectors.home_figures())["delegazioni"] == 1


def test_it_refuses_confirmation_by_a_leader(leader):
    delegation = DelegationFactory()
    with pytest.raises(PermissionDenied):
        services.delegation_set_status(delegation=delegation, to="confirmed", actor=leader)


def test_it_refuses_confirming_a_cancelled_delegation(staff):
    delegation = DelegationFactory(status="cancelled")
    with pytest.raises(TransitionNotAllowed):
        services.delegation_set_status(delegation=delegation, to="confirmed", actor=staff)


def test_staff_download_the_invitation_letter(staff_client, pdf_text):
    delegation = DelegationFactory(head_name="Mamadou Ndiaye", invitation_letter=True)
    delegation.members.create(name="Aissatou Ba", role="interprete")
    response = staff_client.get(reverse("forum:delegation-letter", kwargs={"pk": delegation.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Lettera d'invito" in text
    assert "Mamadou Ndiaye" in text and "Aissatou Ba" in text
    assert delegation.city.name in text


def test_staff_download_the_badges_of_confirmed_delegations(staff_client, staff, pdf_text):
    confirmed = DelegationFactory(head_name="Capo Confermato")
    services.delegation_set_status(delegation=confirmed, to="confirmed", actor=staff)
    DelegationFactory(edition=confirmed.edition, head_name="Capo In Attesa")
    url = reverse("forum:edition-badges", kwargs={"slug": confirmed.edition.slug})
    text = pdf_text(staff_client.get(url).content)
    assert "Capo Confermato" in text and "Capo In Attesa" not in text


@pytest.mark.parametrize("name", ["delegation-letter", "edition-badges"])
def test_the_staff_pdfs_are_not_for_leaders(leader_client, name):
    delegation = DelegationFactory()
    kwargs = (
        {"pk": delegation.pk} if name == "delegation-letter" else {"slug": delegation.edition.slug}
    )
    response = leader_client.get(reverse(f"forum:{name}", kwargs=kwargs))
    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response.url
