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


def test_a_leader_lists_the_members_of_the_delegation(
    leader_client, staff, association, origin_city, pdf_text
):
    edition = ForumEditionFactory()
    url = reverse("forum:delegation-create", kwargs={"slug": edition.slug})
    data = {
        **_data(edition),
        "association": association.pk,
        "city": origin_city.pk,
        "members": "Aissatou Ba; interprete; aissatou@example.org\n\nMoussa Sow\n",
    }

    response = leader_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    delegation = Delegation.objects.get()
    assert list(delegation.members.values_list("name", "role", "email")) == [
        ("Aissatou Ba", "interprete", "aissatou@example.org"),
        ("Moussa Sow", "", ""),
    ]
    leader_client.force_login(staff)
    letter = leader_client.get(reverse("forum:delegation-letter", kwargs={"pk": delegation.pk}))
    text = pdf_text(letter.content)
    assert "Aissatou Ba, interprete" in text and "Moussa Sow" in text


@pytest.mark.parametrize(
    "members,error",
    [
        ("Aissatou Ba; interprete; non-una-mail", "Riga 1:"),
        ("Moussa Sow\n; senza nome", "Riga 2: scrivi nome e cognome; ruolo; e-mail."),
        ("A; b; c@example.org; in più", "Riga 1: scrivi nome e cognome; ruolo; e-mail."),
        ("<script>x</script>", "Riga 1:"),
        ("\n".join(f"Persona {i}" for i in range(31)), "Al massimo 30 membri"),
        # Valid for the e-mail validator (up to 320 characters), too long for the column.
        (
            "Awa Diop; delegata; " + "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".org",
            "Riga 1: l&#x27;e-mail ha al massimo 254",
        ),
    ],
)
def test_bad_member_lines_are_explained_and_nothing_is_saved(
    leader_client, association, origin_city, members, error
):
    edition = ForumEditionFactory()
    url = reverse("forum:delegation-create", kwargs={"slug": edition.slug})
    data = {
        **_data(edition),
        "association": association.pk,
        "city": origin_city.pk,
        "members": members,
    }

    response = leader_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    assert error in response.content.decode()
    assert Delegation.objects.count() == 0


def test_the_form_offers_only_the_cities_of_the_leaders_communities(
    leader_client, association, origin_city
):
    edition = ForumEditionFactory()
    elsewhere = CityFactory(name="Città Estranea")
    url = reverse("forum:delegation-create", kwargs={"slug": edition.slug})

    page = leader_client.get(url).content.decode()
    assert "Dakar" in page and "Città Estranea" not in page

    data = {**_data(edition), "association": association.pk, "city": elsewhere.pk}
    assert leader_client.post(url, data).status_code == HTTPStatus.OK
    assert Delegation.objects.count() == 0


def test_a_member_of_the_public_cannot_register_a_delegation(client, user):
    edition = ForumEditionFactory()
    url = reverse("forum:delegation-create", kwargs={"slug": edition.slug})
    assert client.get(url).status_code == HTTPStatus.FOUND  # to the login page
    client.force_login(user)
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN


def test_the_leader_is_told_when_staff_confirm_or_cancel(leader, staff, association, origin_city):
    from mondinsieme.models import OutgoingEmail

    edition = ForumEditionFactory(title="Forum dell'amicizia")
    delegation = services.delegation_register(
        edition=edition, city=origin_city, association=association, actor=leader,
        data=_data(edition),
    )  # fmt: skip

    services.delegation_set_status(delegation=delegation, to="confirmed", actor=staff)
    services.delegation_set_status(
        delegation=delegation, to="cancelled", actor=staff, note="Voli annullati."
    )

    sent = list(
        OutgoingEmail.objects.filter(to=leader.email, template="forum/delegation_status")
        .order_by("pk")
        .values_list("subject", "body_text")
    )
    assert len(sent) == 2
    (confirmed_subject, confirmed_body), (cancelled_subject, cancelled_body) = sent
    assert confirmed_subject == "Delegazione di Dakar confermata: Forum dell'amicizia"
    assert "lettera d'invito" in confirmed_body  # it asked for one
    assert cancelled_subject.startswith("Delegazione di Dakar annullata")
    assert "Voli annullati." in cancelled_body
