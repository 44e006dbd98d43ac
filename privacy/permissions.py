"""Who may do what in the privacy app."""

from __future__ import annotations

import rules


@rules.predicate
def is_staff_member(user) -> bool:
    return bool(getattr(user, "is_staff", False) and user.is_active)


can_view_processing_register = is_staff_member
