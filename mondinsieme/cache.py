"""Whole public pages cached for anonymous visitors, invalidated when their data changes.

A page is cached under its host, path, query string, language and the *generations* of the
areas (apps) whose data it shows. Every save, delete or many-to-many change of a model of an
area bumps that area's generation, so the next request misses
and renders fresh data; the old entries are never read again and expire on their own
(``PORTAL_PAGE_CACHE_SECONDS``, a safety net for changes that send no signal, such as
``bulk_create``/``update()``, and for pages that depend on the date).

Never cached: logged-in users, anything but GET/HEAD, answers other than 200, answers that set
cookies or say ``private``/``no-store``, streaming answers, requests with pending flash
messages. Every page carries the visitor's CSRF token (``base.html`` puts it on ``<body>`` for
htmx, forms have it too): before storing, each masked copy of the token is replaced with a
placeholder, and every answer served from the cache gets the current visitor's own token. So
a cached page holds no token, and a form on it (the manifesto's signing form) still works.

When many visitors miss the same page at once (just after a change), one renders it and the
others wait for its entry (``RENDER_LOCK_SECONDS`` at most) instead of rendering it too.

A model can declare ``affects_public_pages() -> bool`` to skip invalidation for changes that
no public page shows (a signature still waiting for its e-mail confirmation).
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.translation import get_language

#: Apps whose data appears on public pages; each one is an invalidation area.
AREAS = (
    "associations",
    "training",
    "forum",
    "twinning",
    "funding",
    "networks",
    "business_table",
    "privacy",  # the notices linked from public forms; nothing else of it is public
)
CSRF_PLACEHOLDER = "__portal_csrf_token__"
HIT_HEADER = "X-Page-Cache"
_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")
_GENERATION_KEY = "page-generation:{}"
#: How long other visitors wait for the request that is rendering a page they all missed.
RENDER_LOCK_SECONDS = 5
T = TypeVar("T")


def page_cache_seconds() -> int:
    return getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 600)


# --- Generations --------------------------------------------------------------------------


def generations(areas: tuple[str, ...]) -> list[int]:
    """The current generation of each area (one cache round trip)."""
    keys = [_GENERATION_KEY.format(area) for area in areas]
    found = cache.get_many(keys)
    values = []
    for key in keys:
        if key not in found:
            # A random start: an evicted counter must never come back to a value already used.
            cache.add(key, secrets.randbelow(2**31) + 1, timeout=None)
            found[key] = cache.get(key, 0)
        values.append(found[key])
    return values


def generation_bump(area: str) -> None:
    """Make every cached page that shows ``area`` stale at once."""
    key = _GENERATION_KEY.format(area)
    try:
        cache.incr(key)
    except ValueError:  # never read yet (or evicted): any fresh value will do
        cache.set(key, secrets.randbelow(2**31) + 1, timeout=None)


def _changed(sender, instance=None, **kwargs) -> None:
    area = sender._meta.app_label
    if area not in AREAS:
        return
    affects = getattr(instance, "affects_public_pages", None)
    if callable(affects) and not affects():
        return
    # At once, not on_commit: callers and tests count their own on-commit callbacks. The cost
    # is a window of a few milliseconds between this save and the commit in which a concurrent
    # request may store the old data under the new generation; the entry's timeout bounds it.
    generation_bump(area)


def _m2m_changed(sender, instance=None, action="", **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(type(instance), instance=instance)


def connect_signals() -> None:
    """Called once from ``MondinsiemeConfig.ready``."""
    post_save.connect(_changed, dispatch_uid="page-cache-save")
    post_delete.connect(_changed, dispatch_uid="page-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="page-cache-m2m")


# --- The decorator ------------------------------------------------------------------------


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or page_cache_seconds() <= 0:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # A flash message waiting to be shown would be lost behind a cached page.
    return not len(get_messages(request))


def _page_key(request: HttpRequest, areas: tuple[str, ...]) -> str:
    stamp = ".".join(str(value) for value in generations(areas))
    where = "|".join(
        (
            request.get_host(),
            request.get_full_path(),
            get_language() or "",
            request.headers.get("HX-Request", ""),
        )
    )
    return f"page:{stamp}:{hashlib.sha256(where.encode()).hexdigest()}"


def _without_csrf(request: HttpRequest, content: str) -> str | None:
    """The page with every copy of the visitor's CSRF token replaced, or None if unsafe."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content
    if secret in content:
        return None

    def swap(match: re.Match) -> str:
        token = match.group(0)
        return CSRF_PLACEHOLDER if _unmask_cipher_token(token) == secret else token

    return _TOKEN.sub(swap, content)


def _cacheable_response(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


def _from_cache(request: HttpRequest, entry: dict) -> HttpResponse:
    content = entry["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request))
    response = HttpResponse(content, content_type=entry["content_type"])
    response[HIT_HEADER] = "hit"
    return response


def cache_public_page(*areas: str):
    """Serve the view's answer to anonymous visitors from the cache while ``areas`` are
    unchanged (see the module docstring for what is never cached)."""
    unknown = set(areas) - set(AREAS)
    if unknown:
        raise ValueError(f"Unknown page-cache areas: {sorted(unknown)}")

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _page_key(request, areas)
            entry = cache.get(key)
            if entry is None:
                entry = _wait_for_other_render(key)
            if entry is not None:
                return _from_cache(request, entry)
            try:
                response = view(request, *args, **kwargs)
                _store(request, response, key, areas)
            finally:
                cache.delete(f"{key}:rendering")  # a waiter that timed out may delete ours
            return response

        return wrapper

    return decorator


def _wait_for_other_render(key: str) -> dict | None:
    """None if this request should render the page; the entry if another one just did.

    Just after a change every visitor misses at once; without this, 20 of them rendered the
    same page side by side (the home page answered in 4.4 s at p95 while a PDF was built).
    """
    lock = f"{key}:rendering"
    if cache.add(lock, 1, timeout=RENDER_LOCK_SECONDS):
        return None
    deadline = time.monotonic() + RENDER_LOCK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        found = cache.get_many([key, lock])
        if key in found:
            return found[key]
        if lock not in found:
            return None  # rendered but not kept (an error page, a cookie): render here too
    return None  # the other render is slow: render here


def _store(request, response, key: str, areas: tuple[str, ...]) -> None:
    """Keep the answer for the next anonymous visitors, if it may be kept."""
    if callable(getattr(response, "render", None)) and not response.is_rendered:
        response.render()
    # Skip storing if the data changed while this page rendered.
    unchanged = _page_key(request, areas) == key
    if not (unchanged and _cacheable_response(response) and _cacheable_request(request)):
        return
    content = _without_csrf(request, response.content.decode(response.charset or "utf-8"))
    if content is not None:
        cache.set(
            key,
            {"content": content, "content_type": response["Content-Type"]},
            page_cache_seconds(),
        )
        response[HIT_HEADER] = "miss"


def cached_for_areas(name: str, areas: tuple[str, ...], build: Callable[[], T]) -> T:
    """``build()``'s result, cached per language until one of ``areas`` changes."""
    stamp = ".".join(str(value) for value in generations(areas))
    key = f"data:{name}:{stamp}:{get_language() or ''}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, page_cache_seconds() or 60)
    return value
