"""Public page of the city's networks and the staff pages. Views parse input, call a service,
render."""

from .common import staff_required
from .memberships import (
    manage,
    membership_detail,
    membership_edit,
    membership_start,
    membership_transition,
    step_complete,
    step_document,
)
from .plan import (
    assessment_create,
    commitment_create,
    commitment_detail,
    commitment_edit,
    commitment_evidence,
    commitment_list,
    commitment_note,
    commitment_transition,
    event_form,
    evidence_file,
    followup_add,
    followup_convert,
)
from .public import event_detail, event_list, index, practice_detail, trend

__all__ = [
    "assessment_create",
    "commitment_create",
    "commitment_detail",
    "commitment_edit",
    "commitment_evidence",
    "commitment_list",
    "commitment_note",
    "commitment_transition",
    "event_detail",
    "event_form",
    "event_list",
    "evidence_file",
    "followup_add",
    "followup_convert",
    "index",
    "manage",
    "membership_detail",
    "membership_edit",
    "membership_start",
    "membership_transition",
    "practice_detail",
    "staff_required",
    "step_complete",
    "step_document",
    "trend",
]
