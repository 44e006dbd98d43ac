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
    # Behind the proxy (SECURE_PROXY_SSL_HEADER) the first X-Forwarded-For hop is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def hit(scope: str, identity: str, rate: str) -> bool:
    """Count one hit; True while ``identity`` stays within ``rate`` (e.g. ``"10/m"``)."""
    limit, window = _parse(rate)
    bucket = int(time.time() // window)
    key = f"rl:{scope}:{identity}:{bucket}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    return count <= limit


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
