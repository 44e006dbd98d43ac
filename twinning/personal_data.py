"""Privacy hooks of twinning: staff responsibilities only (partner cities are not people)."""

from __future__ import annotations

from mondinsieme.personal_data import rows


def export(user) -> dict:
    from .models import TwinningFile

    return {
        "files_responsible_for": rows(
            TwinningFile.objects.filter(responsible=user), ["partner_city__name", "status"]
        ),
    }


def erase(user) -> None:
    # A twinning file records the office's work: it keeps its (anonymised) responsible person.
    return None
