"""Pages: what leaders of A can and cannot do with B's proposals, uploads, staff pages."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import Proposal, ProposalAttachment
from tests.factories import AssociationFactory, MembershipFactory
from tests.funding.factories import AttachmentFactory, CallFactory, ProposalFactory

pytestmark = pytest.mark.django_db
S = Proposal.Status


@pytest.fixture
def other_proposal():
    """A proposal of association B, with an attachment."""
    proposal = ProposalFactory(association=AssociationFactory(name="Associazione B"))
    AttachmentFactory(proposal=proposal)
    return proposal


def test_a_leader_creates_a_proposal_through_the_form(leader_client, association):
    call = CallFactory()
    response = leader_client.post(
        reverse("funding:proposal-create"),
        {
            "association": association.pk,
            "title": "Biblioteche a Dakar",
            "summary": "Libri in wolof e italiano.",
            "call": call.pk,
            "countries": ["SN"],
            "budget": "50000",
            "requested_amount": "40000",
            "cofinancing": "10000",
            "duration_months": "12",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == proposal.get_absolute_url()
    assert proposal.association == association and proposal.call == call
    page = leader_client.get(proposal.get_absolute_url()).content.decode()
    assert "Biblioteche a Dakar" in page and "ammissibile" in page


def test_the_form_shows_budget_errors_instead_of_failing(leader_client, association):
    response = leader_client.post(
        reverse("funding:proposal-create"),
        {
            "association": association.pk,
            "title": "Troppo",
            "summary": "x",
            "budget": "100",
            "requested_amount": "200",
            "cofinancing": "0",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "non può superare il budget" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_leader_cannot_create_for_another_association(leader_client):
    other = AssociationFactory()
    response = leader_client.post(
        reverse("funding:proposal-create"),
        {
            "association": other.pk,
            "title": "x",
            "summary": "x",
            "budget": "0",
            "requested_amount": "0",
            "cofinancing": "0",
        },
    )
    assert response.status_code == HTTPStatus.OK  # the choice is refused by the form
    assert not Proposal.objects.exists()


def test_someone_who_leads_nothing_cannot_open_the_form(client, user):
    client.force_login(user)
    assert client.get(reverse("funding:proposal-create")).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("funding:proposal-detail", "get"),
        ("funding:proposal-edit", "get"),
        ("funding:proposal-edit", "post"),
        ("funding:proposal-transition", "post"),
        ("funding:attachment-upload", "post"),
        ("funding:review-assign", "post"),
    ],
)
def test_a_leader_of_a_cannot_reach_bs_proposal(leader_client, other_proposal, name, method):
    url = reverse(name, args=[other_proposal.pk])
    response = getattr(leader_client, method)(url, {"to": "screening", "title": "Presa"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    other_proposal.refresh_from_db()
    assert other_proposal.status == S.IDEA and other_proposal.title != "Presa"


def test_a_leader_of_a_cannot_download_bs_attachments_by_guessing_ids(
    leader_client, association, other_proposal
):
    own = AttachmentFactory(proposal=ProposalFactory(association=association))
    assert leader_client.get(own.get_absolute_url()).status_code == HTTPStatus.OK
    for attachment in ProposalAttachment.objects.exclude(pk=own.pk):
        url = reverse("funding:attachment-download", args=[attachment.pk])
        assert leader_client.get(url).status_code == HTTPStatus.NOT_FOUND
    missing = reverse("funding:attachment-download", args=[own.pk + 1000])
    assert leader_client.get(missing).status_code == HTTPStatus.NOT_FOUND


def test_anonymous_visitors_are_sent_to_log_in(client, other_proposal):
    attachment = other_proposal.attachments.get()
    for url in (other_proposal.get_absolute_url(), attachment.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert "/account/login/" in response.url


def test_staff_download_any_attachment(staff_client, other_proposal):
    response = staff_client.get(other_proposal.attachments.get().get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_leader_cannot_move_their_own_proposal_through_staff_stages(leader_client, association):
    proposal = ProposalFactory(association=association, screening=True)
    response = leader_client.post(
        reverse("funding:proposal-transition", args=[proposal.pk]), {"to": "concept_note"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    proposal.refresh_from_db()
    assert proposal.status == S.SCREENING


def test_a_leader_cannot_edit_while_staff_have_it(leader_client, association):
    proposal = ProposalFactory(association=association, screening=True)
    url = reverse("funding:proposal-edit", args=[proposal.pk])
    assert leader_client.get(url).status_code == HTTPStatus.FORBIDDEN


def test_a_leader_sends_for_screening_and_answers(leader_client, association, staff):
    proposal = ProposalFactory(association=association)
    url = reverse("funding:proposal-transition", args=[proposal.pk])
    leader_client.post(url, {"to": "screening"})
    proposal.refresh_from_db()
    assert proposal.status == S.SCREENING
    from funding import services

    services.proposal_transition(
        proposal=proposal, actor=staff, to=S.INFO_REQUESTED, note="Quale scuola?"
    )
    page = leader_client.get(proposal.get_absolute_url()).content.decode()
    assert "Quale scuola?" in page and "Invia le risposte" in page
    response = leader_client.post(url, {"to": "screening", "note": "La scuola Malick Sy."})
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.status == S.SCREENING
    timeline = leader_client.get(proposal.get_absolute_url()).content.decode()
    assert "La scuola Malick Sy." in timeline and "Quale scuola?" in timeline


def test_a_refused_move_is_a_message_not_an_error(staff_client):
    proposal = ProposalFactory()
    response = staff_client.post(
        reverse("funding:proposal-transition", args=[proposal.pk]), {"to": "awarded"}, follow=True
    )
    assert response.status_code == HTTPStatus.OK
    assert "Non è possibile passare" in response.content.decode()
    response = staff_client.post(
        reverse("funding:proposal-transition", args=[proposal.pk]), {"to": "nonsense"}, follow=True
    )
    assert response.status_code == HTTPStatus.OK


def test_uploads_are_checked(leader_client, association):
    proposal = ProposalFactory(association=association)
    url = reverse("funding:attachment-upload", args=[proposal.pk])
    fake = SimpleUploadedFile("nota.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = leader_client.post(url, {"kind": "concept_note", "file": fake}, follow=True)
    assert "non corrisponde" in response.content.decode()
    assert not ProposalAttachment.objects.exists()
    good = SimpleUploadedFile(
        "Nota concettuale.pdf", b"%PDF-1.7 ok", content_type="application/pdf"
    )
    leader_client.post(url, {"kind": "concept_note", "file": good})
    attachment = ProposalAttachment.objects.get()
    assert attachment.original_name == "Nota concettuale.pdf"
    assert "Nota" not in attachment.file.name and attachment.file.name.endswith(".pdf")


def test_the_board_is_for_staff_only(leader_client, client):
    assert leader_client.get(reverse("funding:board")).status_code == HTTPStatus.FORBIDDEN
    client.logout()
    assert client.get(reverse("funding:board")).status_code == HTTPStatus.FOUND


def test_ranking_and_report_are_for_staff_only(leader_client):
    call = CallFactory()
    for name in ("funding:call-ranking", "funding:call-report"):
        assert leader_client.get(reverse(name, args=[call.slug])).status_code == 403


def test_my_proposals_lists_only_my_associations(leader_client, association, other_proposal):
    mine = ProposalFactory(association=association, title="Il mio progetto")
    page = leader_client.get(reverse("funding:proposal-list")).content.decode()
    assert mine.title in page and other_proposal.title not in page


def test_leaders_see_a_readable_timeline_without_reviewer_names(leader_client, association, staff):
    from datetime import date

    from funding import services
    from tests.factories import UserFactory

    proposal = ProposalFactory(association=association, evaluation=True)
    reviewer = UserFactory(full_name="Nome Del Revisore")
    services.review_assign(proposal=proposal, reviewer=reviewer, actor=staff, due_date=date.today())
    services.attachment_add(
        proposal=proposal,
        actor=staff,
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4", content_type="application/pdf"),
        kind="other",
    )
    page = leader_client.get(proposal.get_absolute_url()).content.decode()
    assert "Nome Del Revisore" not in page
    assert (
        "ha caricato un allegato" in page and "attachment" not in page.split("portal-timeline")[1]
    )


def test_a_leader_edits_through_the_form(leader_client, association):
    call = CallFactory()
    proposal = ProposalFactory(association=association, call=call)
    url = reverse("funding:proposal-edit", args=[proposal.pk])
    assert leader_client.get(url).status_code == HTTPStatus.OK
    response = leader_client.post(
        url,
        {
            "title": "Titolo nuovo",
            "summary": "Sintesi nuova",
            "call": call.pk,
            "countries": ["SN"],
            "budget": "60000",
            "requested_amount": "48000",
            "cofinancing": "12000",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.title == "Titolo nuovo" and proposal.budget == 60000


def test_the_home_page_shows_the_funding_figures(client):
    ProposalFactory(awarded=True)
    page = client.get(reverse("home")).content.decode()
    assert "progetti finanziati" in page and reverse("funding:call-list") in page


def test_a_member_who_is_not_a_leader_cannot_see_the_proposal(client, association):
    proposal = ProposalFactory(association=association)
    client.force_login(MembershipFactory(association=association).user)
    assert client.get(proposal.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
