"""Walking the URLconf: every named pattern once, with the names of its arguments.

Shared by the security-headers walk and the access-control matrix, so both see the same routes.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", list(pattern.pattern.regex.groupindex)


def all_routes() -> list[tuple[str, list[str]]]:
    """Every named URL pattern once: (name, names of its arguments)."""
    seen: dict[str, list[str]] = {}
    for name, params in _walk(get_resolver()):
        seen.setdefault(name, params)
    return sorted(seen.items())
