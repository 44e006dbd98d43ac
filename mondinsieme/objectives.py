"""The six objectives of the programme, each owned by one app.

An objective app declares an :class:`Objective` on its ``AppConfig`` (attribute ``objective``).
The home page, the navigation and ``seed_demo`` read them from the app registry, so the core
never imports an objective app. Hooks are dotted paths, imported only when used::

    objective = Objective(
        number=1,
        title=_("Formazione"),
        summary=_("..."),
        url_name="training:course-list",
        figures="training.selectors.home_figures",   # () -> [(label, value), ...]
        news="training.selectors.home_news",         # () -> [NewsItem, ...] (a few, newest first)
        demo_seed="training.demo.seed",              # (*, scale: int) -> list[str] (report lines)
        beat_schedule={"training-reminders": {"task": "...", "schedule": 3600}},
    )
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.functional import Promise
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NewsItem:
    """One piece of news an objective shows on the home page (public data only)."""

    title: str
    url: str
    date: datetime.date | datetime.datetime | None
    #: What it is, in a few words the home page shows ("corso", "bando in scadenza").
    kind: str


#: How many news items of one objective the home page shows at most.
NEWS_PER_OBJECTIVE = 3


@dataclass(frozen=True)
class Objective:
    number: int
    title: Promise
    summary: Promise
    url_name: str
    icon: str = "it-star-outline"
    #: Dotted path of a callable returning [(label, value), ...]: live figures for the home page.
    figures: str = ""
    #: Dotted path of a callable returning [NewsItem, ...]: the objective's latest public news,
    #: newest first, in a bounded number of queries.
    news: str = ""
    #: Dotted path of a callable ``seed(*, scale: int) -> list[str]`` used by ``seed_demo``.
    demo_seed: str = ""
    #: Celery beat entries (``CELERY_BEAT_SCHEDULE`` format) this app needs.
    beat_schedule: dict = field(default_factory=dict)

    def live_figures(self) -> list[tuple[Promise, int]]:
        return import_string(self.figures)() if self.figures else []

    def latest_news(self) -> list[NewsItem]:
        return list(import_string(self.news)())[:NEWS_PER_OBJECTIVE] if self.news else []


def objectives() -> list[Objective]:
    """All declared objectives, in programme order."""
    found = [config.objective for config in apps.get_app_configs() if hasattr(config, "objective")]
    return sorted(found, key=lambda objective: objective.number)


def beat_schedule() -> dict:
    """The Celery beat schedule gathered from every objective app."""
    schedule: dict = {}
    for objective in objectives():
        schedule.update(objective.beat_schedule)
    return schedule
