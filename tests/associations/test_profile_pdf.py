"""The association's profile sheet as PDF: public data, same visibility as the page."""

from http import HTTPStatus

from django.urls import reverse

from tests.factories import AssociationFactory, CommunityFactory, MembershipFactory


def _pdf_url(association) -> str:
    return reverse("associations:profile-pdf", kwargs={"slug": association.slug})


def test_it_answers_a_pdf_with_the_associations_name(client, db, pdf_text):
    association = AssociationFactory(
        name="Associazione Senegalese di Reggio Emilia e provincia",
        founded_year=1990,
        communities=[CommunityFactory(name="Comunità senegalese")],
    )

    response = client.get(_pdf_url(association))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{association.slug}.pdf"'
    assert response.content.startswith(b"%PDF")
    text = " ".join(pdf_text(response.content).split())
    assert "Associazione Senegalese di Reggio Emilia e provincia" in text
    assert "1990" in text
    assert "Comunità senegalese" in text


def test_a_pending_associations_pdf_is_not_found_for_visitors(client, db):
    pending = AssociationFactory(pending=True)

    assert client.get(_pdf_url(pending)).status_code == HTTPStatus.NOT_FOUND


def test_its_leader_can_download_the_pdf_while_pending(client, db):
    pending = AssociationFactory(pending=True)
    client.force_login(MembershipFactory(association=pending, leader=True).user)

    response = client.get(_pdf_url(pending))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"


def test_markup_in_the_description_is_printed_as_text(client, db, pdf_text):
    association = AssociationFactory(description="Scuola & cultura <b>non grassetto</b>")

    text = pdf_text(client.get(_pdf_url(association)).content)

    assert "<b>non grassetto</b>" in text
