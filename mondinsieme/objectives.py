"""The six objectives of the programme, each owned by one app.

An objective app declares an :class:`Objective` on its ``AppConfig`` (attribute ``objective``).
The home page and the navigation read them from the app registry, so the core never imports an
objective app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.functional import Promise


@dataclass(frozen=True)
class Objective:
    number: int
    title: Promise
    summary: Promise
    url_name: str
    icon: str = "it-star-outline"
    #: Returns [(label, value), ...]: live figures shown on the home page.
    figures: Callable[[], list[tuple[Promise, int]]] = field(default=lambda: [])


def objectives() -> list[Objective]:
    """All declared objectives, in programme order."""
    found = [config.objective for config in apps.get_app_configs() if hasattr(config, "objective")]
    return sorted(found, key=lambda objective: objective.number)
