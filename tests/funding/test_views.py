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


WITH_LEADERS = [S.IDEA, S.CONCEPT_NOTE, S.FULL_PROPOSAL, S.INFO_REQUESTED]
WITH_STAFF = [S.SCREENING, S.INTERNAL_EVALUATION, S.SUBMITTED, S.AWARDED, S.REJECTED, S.WITHDRAWN]


@pytest.mark.parametrize("status", WITH_LEADERS + WITH_STAFF)
def test_leaders_edit_and_upload_only_while_the_proposal_is_with_them(
    leader_client, association, status
):
    proposal = ProposalFactory(
        association=association, status=status, returns_to=S.SCREENING, title="Prima"
    )
    with_them = status in WITH_LEADERS
    edit = reverse("funding:proposal-edit", args=[proposal.pk])
    page = leader_client.get(proposal.get_absolute_url()).content.decode()
    assert ("Modifica la proposta" in page) is with_them
    assert ("Carica l'allegato" in page) is with_them
    assert leader_client.get(edit).status_code == (HTTPStatus.OK if with_them else 403)
    response = leader_client.post(
        edit,
        {
            "title": "Dopo",
            "summary": "Sintesi",
            "call": proposal.call_id,
            "countries": ["SN"],
            "budget": "50000",
            "requested_amount": "40000",
            "cofinancing": "10000",
        },
    )
    assert response.status_code == (HTTPStatus.FOUND if with_them else HTTPStatus.FORBIDDEN)
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget", content_type="application/pdf")
    response = leader_client.post(
        reverse("funding:attachment-upload", args=[proposal.pk]),
        {"kind": "budget", "file": upload},
    )
    assert response.status_code == (HTTPStatus.FOUND if with_them else HTTPStatus.FORBIDDEN)
    proposal.refresh_from_db()
    assert (proposal.title == "Dopo") is with_them
    assert proposal.attachments.exists() is with_them


def test_the_proposal_page_gives_the_reason_for_each_call_it_cannot_go_to(
    leader_client, association
):
    from datetime import timedelta

    from django.utils import timezone

    CallFactory(title="Bando giusto")
    CallFactory(title="Solo Marocco", eligible_countries=["MA"])
    CallFactory(title="Solo art. 26", requires_art26=True)
    CallFactory(title="Già scaduto", deadline=timezone.now() - timedelta(hours=2))
    CallFactory(title="Bando in bozza", draft=True)
    proposal = ProposalFactory(association=association, call=None, countries=["SN"])
    page = leader_client.get(proposal.get_absolute_url()).content.decode()
    section = page.split("A quali bandi aperti può andare")[1].split("Storia della proposta")[0]
    items = {
        title: section.split(title)[1].split("</li>\n")[0]
        for title in ("Bando giusto", "Solo Marocco", "Solo art. 26", "Già scaduto")
    }
    assert ">ammissibile<" in items["Bando giusto"]
    assert "Senegal" in items["Solo Marocco"]
    assert "art. 26" in items["Solo art. 26"]
    assert "scadenza del bando è passata" in items["Già scaduto"]
    assert "Bando in bozza" not in section


def test_a_reviewer_downloads_only_the_attachments_of_the_proposals_they_review(client):
    from tests.funding.factories import ReviewFactory

    reviewed = AttachmentFactory()
    other = AttachmentFactory()
    review = ReviewFactory(proposal=reviewed.proposal, scoring=True)
    client.force_login(review.reviewer)
    assert client.get(reviewed.get_absolute_url()).status_code == HTTPStatus.OK
    assert client.get(other.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    # Reviewers do not get the proposal's page (the review page shows what they need).
    assert client.get(reviewed.proposal.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_leader_cannot_see_bs_reviews_or_assign_reviewers_to_their_own(
    leader_client, association, other_proposal
):
    from tests.funding.factories import ReviewFactory

    review = ReviewFactory(proposal=other_proposal)
    own_review = ReviewFactory(proposal=ProposalFactory(association=association, evaluation=True))
    for pk in (review.pk, own_review.pk, own_review.pk + 1000):
        url = reverse("funding:review-detail", args=[pk])
        assert leader_client.get(url).status_code == HTTPStatus.NOT_FOUND
    response = leader_client.post(
        reverse("funding:review-assign", args=[own_review.proposal.pk]),
        {"email": "chiunque@example.org", "due_date": "2030-01-01"},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_the_ranking_page_shows_totals_and_the_recommendations(staff_client):
    from decimal import Decimal

    from tests.factories import UserFactory
    from tests.funding.factories import CriterionFactory, ReviewFactory, ScoreFactory

    call = CallFactory()
    relevance = CriterionFactory(call=call, name="Pertinenza", max_points=30, weight=2)
    proposal = ProposalFactory(call=call, evaluation=True, title="Scuole aperte")
    for name, points, advice in [("Anna Rossi", 24, "fund"), ("Luca Bianchi", 21, "revise")]:
        review = ReviewFactory(
            proposal=proposal,
            reviewer=UserFactory(full_name=name),
            submitted=True,
            recommendation=advice,
        )
        ScoreFactory(review=review, criterion=relevance, points=Decimal(points))
    page = staff_client.get(reverse("funding:call-ranking", args=[call.slug])).content.decode()
    assert "Scuole aperte" in page
    assert "45" in page  # (24 + 21) / 2 × 2
    assert "Anna Rossi: da finanziare" in page
    assert "Luca Bianchi: da finanziare con modifiche" in page


@pytest.mark.parametrize(
    ("name", "method", "data"),
    [
        ("funding:proposal-list", "get", {"page": "abc"}),
        ("funding:proposal-list", "get", {"page": "99999"}),
        ("funding:board", "get", {"call": "abc", "country": "ZZ", "association": "-1"}),
        ("funding:board", "get", {"format": "pdf"}),
        ("funding:proposal-transition", "post", {"to": "awarded", "awarded_amount": "abc"}),
        ("funding:proposal-transition", "post", {"to": "awarded", "awarded_amount": "1e40"}),
        ("funding:proposal-transition", "post", {}),
        ("funding:attachment-upload", "post", {"kind": "nonsense"}),
        ("funding:review-assign", "post", {"email": "nessuno@example.org", "due_date": "x"}),
        ("funding:proposal-edit", "post", {"call": "999999", "budget": "-5"}),
        ("funding:proposal-edit", "post", {"duration_months": "99999999", "budget": "1e20"}),
    ],
)
def test_bad_input_gets_a_message_never_an_error(staff_client, staff, name, method, data):
    from tests.factories import MembershipFactory

    proposal = ProposalFactory(submitted=True)
    MembershipFactory(association=proposal.association, user=staff, leader=True)
    if name == "funding:proposal-edit":
        proposal.status = S.IDEA
        proposal.save()
    args = [] if name in ("funding:proposal-list", "funding:board") else [proposal.pk]
    response = getattr(staff_client, method)(reverse(name, args=args), data, follow=True)
    assert response.status_code == HTTPStatus.OK
    proposal.refresh_from_db()
    assert proposal.status in (S.SUBMITTED, S.IDEA) and proposal.awarded_amount is None
