"""Opportunities move identified → assessing → active → concluded / dropped, with guards."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from business_table import services
from business_table.models import Opportunity
from mondinsieme.models import ActivityLog
from mondinsieme.workflow import TransitionNotAllowed
from tests.business_table.factories import OpportunityFactory, TradeContactFactory

pytestmark = pytest.mark.django_db
S = Opportunity.Status


def test_the_whole_path_is_logged(staff):
    opportunity = OpportunityFactory()
    services.opportunity_set_status(opportunity=opportunity, to=S.ASSESSING, actor=staff)
    opportunity.next_step = "Telefonare"
    opportunity.owner = staff
    opportunity.save()
    services.opportunity_set_status(opportunity=opportunity, to=S.ACTIVE, actor=staff)
    services.opportunity_set_status(
        opportunity=opportunity, to=S.CONCLUDED, actor=staff, outcome="Contratto firmato"
    )
    opportunity.refresh_from_db()
    assert opportunity.status == S.CONCLUDED
    assert opportunity.outcome == "Contratto firmato"
    moves = list(
        ActivityLog.objects.for_object(opportunity)
        .filter(action="transition")
        .order_by("created_at", "pk")
        .values_list("from_status", "to_status", "actor")
    )
    assert moves == [
        ("identified", "assessing", staff.pk),
        ("assessing", "active", staff.pk),
        ("active", "concluded", staff.pk),
    ]


def test_it_refuses_to_activate_without_next_step_and_owner(staff):
    opportunity = OpportunityFactory(assessing=True)
    with pytest.raises(ValidationError) as error:
        services.opportunity_set_status(opportunity=opportunity, to=S.ACTIVE, actor=staff)
    text = " ".join(error.value.messages)
    assert "prossimo passo" in text
    assert "responsabile" in text
    opportunity.refresh_from_db()
    assert opportunity.status == S.ASSESSING


def test_it_refuses_to_activate_an_expired_opportunity(staff):
    opportunity = OpportunityFactory(ready=True, expired=True)
    with pytest.raises(ValidationError, match="scaduta"):
        services.opportunity_set_status(opportunity=opportunity, to=S.ACTIVE, actor=staff)


def test_it_refuses_to_conclude_without_an_outcome(staff):
    opportunity = OpportunityFactory(active=True)
    with pytest.raises(ValidationError, match="esito"):
        services.opportunity_set_status(opportunity=opportunity, to=S.CONCLUDED, actor=staff)
    opportunity.refresh_from_db()
    assert opportunity.status == S.ACTIVE


def test_it_refuses_to_drop_without_a_reason(staff):
    opportunity = OpportunityFactory()
    with pytest.raises(ValidationError, match="perché"):
        services.opportunity_set_status(opportunity=opportunity, to=S.DROPPED, actor=staff)


def test_it_refuses_to_skip_assessment(staff):
    opportunity = OpportunityFactory(next_step="x", owner=staff)
    with pytest.raises(TransitionNotAllowed, match="Non è possibile passare"):
        services.opportunity_set_status(opportunity=opportunity, to=S.ACTIVE, actor=staff)


def test_it_refuses_to_reopen_a_concluded_opportunity(staff):
    opportunity = OpportunityFactory(status=S.CONCLUDED, outcome="fatto")
    with pytest.raises(TransitionNotAllowed):
        services.opportunity_set_status(opportunity=opportunity, to=S.IDENTIFIED, actor=staff)


def test_a_dropped_opportunity_can_be_identified_again(staff):
    opportunity = OpportunityFactory(status=S.DROPPED, outcome="rinviata")
    services.opportunity_set_status(opportunity=opportunity, to=S.IDENTIFIED, actor=staff)
    assert opportunity.status == S.IDENTIFIED


def test_a_trade_contact_cannot_move_an_opportunity():
    contact = TradeContactFactory()
    opportunity = OpportunityFactory()
    with pytest.raises(PermissionDenied):
        services.opportunity_set_status(opportunity=opportunity, to=S.ASSESSING, actor=contact.user)
    opportunity.refresh_from_db()
    assert opportunity.status == S.IDENTIFIED


def test_saving_an_opportunity_never_changes_its_status(staff):
    opportunity = OpportunityFactory()
    services.opportunity_save(
        actor=staff,
        opportunity=opportunity,
        data={"status": S.CONCLUDED, "outcome": "x", "title": "Nuovo titolo"},
    )
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.title) == (S.IDENTIFIED, "Nuovo titolo")


def test_it_refuses_a_bad_sector_code(staff):
    with pytest.raises(ValidationError):
        services.opportunity_save(
            actor=staff,
            data={"title": "X", "kind": "export", "country": "MA", "description": "d",
                  "sector": "99.99"},
        )  # fmt: skip
