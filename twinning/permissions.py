"""Who may do what with twinning files: staff run them; the public reads what is public."""

from __future__ import annotations

import rules

from associations.permissions import is_staff_member


@rules.predicate
def is_public_document(user, document) -> bool:
    return (
        document is not None
        and document.is_public
        and document.file.is_public
        and document.file.status in document.file.PUBLIC_STATUSES
    )


can_manage_twinning = is_staff_member
can_assess_twinning = is_staff_member
can_download_twinning_document = is_public_document | is_staff_member

rules.add_perm("twinning.manage", can_manage_twinning)
rules.add_perm("twinning.assess", can_assess_twinning)
rules.add_perm("twinning.download_document", can_download_twinning_document)
