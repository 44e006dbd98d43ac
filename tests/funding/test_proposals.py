"""Proposal services: creation, editing while with the leaders, the pipeline and its guards."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from funding import services
from funding.models import Proposal
from mondinsieme.models import ActivityLog, OutgoingEmail
from tests.factories import AssociationFactory, MembershipFactory, UserFactory
from tests.funding.factories import CallFactory, ProposalFactory

pytestmark = pytest.mark.django_db
S = Proposal.Status


def _data(**overrides):
    data = {
        "title": "Orti scolastici a Thiès",
        "summary": "Orti in tre scuole, con le famiglie senegalesi di Reggio Emilia.",
        "countries": ["SN"],
        "budget": Decimal("50000"),
        "requested_amount": Decimal("40000"),
        "cofinancing": Decimal("10000"),
        "duration_months": 12,
        "call": None,
    }
    data.update(overrides)
    return data


def test_a_leader_creates_an_idea_without_a_call(association, leader):
    partner = AssociationFactory()
    proposal = services.proposal_create(
        association=association, actor=leader, data=_data(), partner_associations=[partner]
    )
    assert proposal.status == S.IDEA
    assert proposal.call is None
    assert list(proposal.partner_associations.all()) == [partner]
    assert ActivityLog.objects.for_object(proposal).get().action == "created"


def test_it_refuses_a_proposal_for_someone_elses_association(leader):
    other = AssociationFactory()
    with pytest.raises(PermissionDenied):
        services.proposal_create(association=other, actor=leader, data=_data())


def test_it_refuses_a_plain_member(association):
    member = MembershipFactory(association=association).user
    with pytest.raises(PermissionDenied):
        services.proposal_create(association=association, actor=member, data=_data())


@pytest.mark.parametrize(
    ("amounts", "field"),
    [
        ({"requested_amount": Decimal("60000")}, "requested_amount"),
        ({"cofinancing": Decimal("20000")}, "cofinancing"),
    ],
)
def test_it_refuses_amounts_that_exceed_the_budget(association, leader, amounts, field):
    with pytest.raises(ValidationError) as error:
        services.proposal_create(association=association, actor=leader, data=_data(**amounts))
    assert field in error.value.message_dict


def test_the_database_refuses_a_request_above_the_budget(association):
    with pytest.raises(IntegrityError):
        ProposalFactory(association=association, budget=100, requested_amount=200, cofinancing=0)


def test_leaders_edit_while_the_proposal_is_with_them(association, leader):
    proposal = ProposalFactory(association=association)
    services.proposal_update(proposal=proposal, actor=leader, data={"title": "Nuovo titolo"})
    proposal.refresh_from_db()
    assert proposal.title == "Nuovo titolo"


def test_leaders_cannot_edit_while_staff_have_it(association, leader):
    proposal = ProposalFactory(association=association, screening=True)
    with pytest.raises(PermissionDenied):
        services.proposal_update(proposal=proposal, actor=leader, data={"title": "No"})


def test_the_full_pipeline_with_a_request_for_information(
    association, leader, staff, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(association=association, call=CallFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_transition(proposal=proposal, actor=leader, to=S.SCREENING)
        services.proposal_transition(
            proposal=proposal, actor=staff, to=S.INFO_REQUESTED, note="Chi sono i partner?"
        )
    proposal.refresh_from_db()
    assert proposal.returns_to == S.SCREENING
    assert proposal.questions == "Chi sono i partner?"
    assert proposal.is_with_leaders
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_transition(
            proposal=proposal, actor=leader, to=S.SCREENING, note="Il comune di Thiès."
        )
        for to in (S.CONCEPT_NOTE, S.FULL_PROPOSAL, S.INTERNAL_EVALUATION, S.SUBMITTED):
            services.proposal_transition(proposal=proposal, actor=staff, to=to)
        services.proposal_transition(
            proposal=proposal, actor=staff, to=S.AWARDED, awarded_amount=Decimal("38000")
        )
    proposal.refresh_from_db()
    assert proposal.status == S.AWARDED
    assert proposal.awarded_amount == Decimal("38000")
    assert proposal.questions == ""
    moves = list(
        ActivityLog.objects.for_object(proposal)
        .filter(action="transition")
        .order_by("created_at", "id")
        .values_list("to_status", flat=True)
    )
    assert moves == [
        "screening",
        "info_requested",
        "screening",
        "concept_note",
        "full_proposal",
        "internal_evaluation",
        "submitted",
        "awarded",
    ]
    assert OutgoingEmail.objects.filter(to=leader.email).count() == len(moves)
    asked = OutgoingEmail.objects.get(to=leader.email, key__contains=":info_requested:")
    assert "Chi sono i partner?" in asked.body_text


@pytest.mark.parametrize(
    "to", [S.CONCEPT_NOTE, S.FULL_PROPOSAL, S.INFO_REQUESTED, S.REJECTED, S.AWARDED]
)
def test_a_leader_cannot_move_staff_stages(association, leader, to):
    proposal = ProposalFactory(association=association, screening=True)
    with pytest.raises(PermissionDenied):
        services.proposal_transition(proposal=proposal, actor=leader, to=to, note="x")
    proposal.refresh_from_db()
    assert proposal.status == S.SCREENING


def test_a_leader_of_another_association_cannot_even_send_for_screening(association):
    proposal = ProposalFactory(association=association)
    stranger = MembershipFactory(leader=True).user
    with pytest.raises(PermissionDenied):
        services.proposal_transition(proposal=proposal, actor=stranger, to=S.SCREENING)


def test_it_refuses_a_move_outside_the_map(staff):
    proposal = ProposalFactory()
    with pytest.raises(ValidationError, match="Non è possibile passare"):
        services.proposal_transition(proposal=proposal, actor=staff, to=S.AWARDED)


def test_it_refuses_questions_without_text(staff):
    proposal = ProposalFactory(screening=True)
    with pytest.raises(ValidationError, match="domande"):
        services.proposal_transition(proposal=proposal, actor=staff, to=S.INFO_REQUESTED)


def test_an_answer_needs_text_and_goes_back_where_it_came_from(association, leader):
    proposal = ProposalFactory(association=association, info_requested=True)
    with pytest.raises(ValidationError, match="risposta"):
        services.proposal_transition(proposal=proposal, actor=leader, to=S.SCREENING)
    with pytest.raises(PermissionDenied):
        services.proposal_transition(proposal=proposal, actor=leader, to=S.CONCEPT_NOTE, note="x")


def test_staff_cannot_send_an_answered_proposal_to_another_stage(staff):
    proposal = ProposalFactory(info_requested=True)
    with pytest.raises(ValidationError, match="fase da cui"):
        services.proposal_transition(proposal=proposal, actor=staff, to=S.FULL_PROPOSAL, note="x")


def test_a_concept_note_needs_a_call(staff):
    proposal = ProposalFactory(screening=True, call=None)
    with pytest.raises(ValidationError, match="bando"):
        services.proposal_transition(proposal=proposal, actor=staff, to=S.CONCEPT_NOTE)


def test_an_award_needs_an_amount(staff):
    proposal = ProposalFactory(submitted=True)
    with pytest.raises(ValidationError, match="contributo assegnato"):
        services.proposal_transition(
            proposal=proposal, actor=staff, to=S.AWARDED, awarded_amount=Decimal(0)
        )


def test_leaders_may_withdraw(association, leader):
    proposal = ProposalFactory(association=association, full_proposal=True)
    services.proposal_transition(proposal=proposal, actor=leader, to=S.WITHDRAWN)
    assert Proposal.objects.get(pk=proposal.pk).status == S.WITHDRAWN


def test_final_states_do_not_move(staff):
    proposal = ProposalFactory(awarded=True)
    with pytest.raises(ValidationError):
        services.proposal_transition(proposal=proposal, actor=staff, to=S.WITHDRAWN)


def test_a_non_staff_user_cannot_open_a_call():
    call = CallFactory(draft=True)
    with pytest.raises(PermissionDenied):
        services.call_transition(call=call, actor=UserFactory(), to="open")


def test_a_call_opens_only_with_criteria(staff):
    from tests.funding.factories import CriterionFactory

    call = CallFactory(draft=True)
    with pytest.raises(ValidationError, match="criterio"):
        services.call_transition(call=call, actor=staff, to="open")
    CriterionFactory(call=call)
    services.call_transition(call=call, actor=staff, to="open")
    services.call_transition(call=call, actor=staff, to="closed")
    services.call_transition(call=call, actor=staff, to="archived")
    call.refresh_from_db()
    assert call.status == "archived"


def test_past_the_idea_stage_the_call_cannot_be_removed(association, leader):
    proposal = ProposalFactory(association=association, concept_note=True)
    with pytest.raises(ValidationError, match="legata a un bando"):
        services.proposal_update(proposal=proposal, actor=leader, data={"call": None})


def test_the_call_cannot_change_once_reviewers_are_assigned(association, leader):
    from tests.funding.factories import ReviewFactory

    proposal = ProposalFactory(association=association)  # an idea, with a call
    ReviewFactory(proposal=proposal)
    for call in (None, CallFactory()):
        with pytest.raises(ValidationError, match="revisori assegnati"):
            services.proposal_update(proposal=proposal, actor=leader, data={"call": call})
    # Other fields still change.
    services.proposal_update(
        proposal=proposal, actor=leader, data={"call": proposal.call, "title": "Nuovo"}
    )
    assert Proposal.objects.get(pk=proposal.pk).title == "Nuovo"
