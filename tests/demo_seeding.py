"""``seed_demo`` for the demo-data tests: the shared core plus one objective app's hook."""

from __future__ import annotations

from io import StringIO

from django.apps import apps
from django.core.management import call_command


def seed_only(monkeypatch, app_label: str | None, *, scale: int = 1) -> str:
    """Run ``seed_demo --scale scale`` with only ``app_label``'s objective seeding (``None``: the
    shared core alone; the other apps test their own demo data); return what it printed."""
    objectives = [apps.get_app_config(app_label).objective] if app_label else []
    monkeypatch.setattr("associations.management.commands.seed_demo.objectives", lambda: objectives)
    out = StringIO()
    call_command("seed_demo", scale=scale, force=True, stdout=out)
    return out.getvalue()
