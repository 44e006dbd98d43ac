"""Privacy hooks of the business table: trade-association contacts, meetings, actions."""

from __future__ import annotations

from mondinsieme.personal_data import rows


def export(user) -> dict:
    from .models import Action, Meeting, Opportunity, TradeAssociation, TradeAssociationContact

    return {
        "trade_association_contacts": rows(
            TradeAssociationContact.objects.filter(user=user), ["trade_association__name"]
        ),
        "trade_associations_listing_you": rows(
            TradeAssociation.objects.filter(contact_email__iexact=user.email),
            ["name", "contact_name", "contact_email"],
        ),
        "meetings_attended": rows(
            Meeting.objects.filter(staff_attendees=user), ["title", "status"]
        ),
        "opportunities_owned": rows(
            Opportunity.objects.filter(owner=user), ["title", "status", "created_at"]
        ),
        "actions_owned": rows(Action.objects.filter(owner=user), ["title", "status", "due_on"]),
    }


def erase(user) -> None:
    from .models import Meeting, TradeAssociation, TradeAssociationContact

    TradeAssociationContact.objects.filter(user=user).delete()
    TradeAssociation.objects.filter(contact_email__iexact=user.email).update(
        contact_name="", contact_email=""
    )
    for meeting in Meeting.objects.filter(staff_attendees=user):
        meeting.staff_attendees.remove(user)
