"""A small cache-based rate limit for the portal's own forms (allauth has its own).

The counters live in the default cache: Redis in production, so every worker shares them.
"""

from __future__ import annotations

import functools
import time
from http import HTTPStatus

from django.core.cache import cache
from django.shortcuts import render

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _parse(rate: str) -> tuple[int, int]:
    count, per = rate.split("/")
    return int(count), _UNITS[per]


def client_ip(request) -> str:
    """The address a limit counts against.

    X-Forwarded-For is written by the client, so only the hops our own proxies appended are
    trusted: with ``PORTAL_TRUSTED_PROXIES = N`` the N-th address from the right; with 0 (no
    proxy in front) the socket address alone.
    """
    from django.conf import settings

    trusted = settings.PORTAL_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if trusted <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    return hops[-trusted] if len(hops) >= trusted else remote


def hit(scope: str, identity: str, rate: str) -> bool:
    """Count one hit; True while ``identity`` stays within ``rate`` (e.g. ``"10/m"``).

    A sliding window approximated from two fixed ones: the previous window's count weighs as
    much as it still overlaps the last ``window`` seconds, so a burst that straddles a window
    boundary is limited like any other.
    """
    limit, window = _parse(rate)
    now = time.time()
    bucket = int(now // window)
    key = f"rl:{scope}:{identity}:{bucket}"
    previous_key = f"rl:{scope}:{identity}:{bucket - 1}"
    count_hit = getattr(cache, "count_hit", None)
    if count_hit is not None:  # Redis: one round trip (mondinsieme/cache_backends.py)
        count, previous = count_hit(key, previous_key, 2 * window + 1)
    else:
        count, previous = _count_hit(key, previous_key, 2 * window + 1)
    overlap = 1 - (now % window) / window
    return count + previous * overlap <= limit


def _count_hit(key: str, previous_key: str, timeout: int) -> tuple[int, int]:
    """``count_hit`` on a cache without it (the local-memory cache of a first run)."""
    cache.add(key, 0, timeout=timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        count = 1
    return count, cache.get(previous_key, 0)


def ratelimit(scope: str, rate: str, *, methods: tuple[str, ...] = ("POST",)):
    """Answer HTTP 429 with a translated page when a user or address goes over ``rate``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                user = getattr(request, "user", None)
                identity = f"u{user.pk}" if user and user.is_authenticated else client_ip(request)
                if not hit(scope, identity, rate):
                    return render(request, "errors/429.html", status=HTTPStatus.TOO_MANY_REQUESTS)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
