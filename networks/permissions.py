"""Who may do what with networks: staff run everything; the public reads what is marked public."""

from __future__ import annotations

import rules

from associations.permissions import is_staff_member


@rules.predicate
def is_public_item(user, item) -> bool:
    return item is not None and bool(getattr(item, "is_public", False))


@rules.predicate
def can_manage_networks(user, item=None) -> bool:
    """Staff run the networks app; ``item`` is accepted so workflow transitions can ask too."""
    return bool(is_staff_member(user))


can_view_network_item = is_public_item | is_staff_member

rules.add_perm("networks.manage", can_manage_networks)
rules.add_perm("networks.view_item", can_view_network_item)
