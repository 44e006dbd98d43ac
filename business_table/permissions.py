"""Who may read and run the table (``rules`` predicates).

Staff run the table. Contacts of an active trade association read meetings, minutes and
opportunities, never the staff's internal notes. The public reads only published summaries.
"""

from __future__ import annotations

import rules

from associations.permissions import is_staff_member

from .models import TradeAssociationContact


@rules.predicate
def is_trade_contact(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    # Views ask more than once per request: remember the answer on the user object.
    cached = getattr(user, "_business_table_contact", None)
    if cached is None:
        cached = TradeAssociationContact.objects.filter(
            user=user, active=True, trade_association__active=True
        ).exists()
        user._business_table_contact = cached
    return cached


can_view_table = is_staff_member | is_trade_contact
can_manage_table = is_staff_member
can_view_staff_notes = is_staff_member

rules.add_perm("business_table.view_table", can_view_table)
rules.add_perm("business_table.manage_table", can_manage_table)
