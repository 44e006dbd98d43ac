"""Accessibility checks for the browser tests: axe-core through axe-playwright-python."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one readable line each."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
