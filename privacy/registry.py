"""The per-app privacy hooks: the ``<app>/personal_data.py`` modules (``autodiscover_modules``).

A hook module exposes ``export(user) -> dict`` and ``erase(user) -> None``; optionally
``consent_withdrawn(consent, *, actor) -> None`` (act on what a withdrawn consent was about) and
``RETENTION = {"<app>.<dataset>": apply}`` where ``apply(*, before, action, dry_run) -> int``
deletes or anonymises the rows older than ``before`` and returns how many it touched.

An export may put files under the key ``"_files"`` (a list of ``FieldFile``): they go into the
ZIP next to the JSON.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

# Erased last: the other apps still need the user's e-mail to find what is theirs.
_LAST = ("privacy", "mondinsieme")


def hooks() -> list[tuple[str, ModuleType]]:
    """(app label, hook module) for every installed app with a ``personal_data`` module."""
    autodiscover_modules("personal_data")
    found = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.personal_data")
        if module is not None and hasattr(module, "export"):
            found.append((config.label, module))
    return sorted(found, key=lambda item: _LAST.index(item[0]) + 1 if item[0] in _LAST else 0)


def retention_datasets() -> dict[str, Callable[..., int]]:
    """Every dataset key a retention rule may name, with the function that applies it."""
    datasets: dict[str, Callable[..., int]] = {}
    for _label, module in hooks():
        datasets.update(getattr(module, "RETENTION", {}))
    return datasets
