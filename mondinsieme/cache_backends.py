"""The Redis cache, degraded instead of broken while Redis is unreachable.

The cache holds only what can be lost (rate-limit counters, cached public pages, "PDF already
queued" markers), so when Redis is down a read misses and a write is dropped: public pages,
signatures and enrolments keep working, and rate limits are not enforced until Redis is back
(each degraded call is logged).
"""

from __future__ import annotations

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
# Any Redis failure (refused, timed out, a proxy answering garbage) and the socket errors below it.
_DOWN = (RedisError, ConnectionError, TimeoutError)


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` around the same pool for every operation,
    which copies its table of ~170 response callbacks each time (a quarter of a millisecond,
    several times a request). A ``redis.Redis`` on a pool is thread-safe: keep one per pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class TolerantRedisCache(RedisCache):
    """``RedisCache`` whose operations fall back to a miss or a no-op when Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def count_hit(self, key: str, previous_key: str, timeout: int) -> tuple[int, int]:
        """Add one to the counter ``key`` and read ``previous_key``, in one round trip:
        (the new count, the previous count). For the rate limits (mondinsieme/ratelimit.py)."""
        key = self.make_and_validate_key(key)
        previous_key = self.make_and_validate_key(previous_key)
        try:
            pipe = self._cache.get_client(key, write=True).pipeline(transaction=False)
            pipe.incr(key)
            pipe.expire(key, timeout)
            pipe.get(previous_key)
            count, _expire, previous = pipe.execute()
        except _DOWN as exc:
            # As if the counter had just been created: the request goes through.
            return self._degraded("count_hit", exc, (1, 0))
        return int(count), int(previous or 0)

    def _degraded(self, operation: str, exc: Exception, fallback):
        logger.warning("Cache unavailable (%s): %s", operation, exc)
        return fallback

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except _DOWN as exc:
            return self._degraded("get", exc, default)

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except _DOWN as exc:
            return self._degraded("get_many", exc, {})

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except _DOWN as exc:
            return self._degraded("has_key", exc, False)

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except _DOWN as exc:
            # True: a caller that adds a marker before doing some work still does the work.
            return self._degraded("add", exc, True)

    def set(self, key, value, timeout=None, version=None):
        try:
            return super().set(key, value, timeout, version)
        except _DOWN as exc:
            return self._degraded("set", exc, None)

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except _DOWN as exc:
            return self._degraded("set_many", exc, [])

    def touch(self, key, timeout=None, version=None):
        try:
            return super().touch(key, timeout, version)
        except _DOWN as exc:
            return self._degraded("touch", exc, False)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except _DOWN as exc:
            return self._degraded("delete", exc, False)

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except _DOWN as exc:
            return self._degraded("delete_many", exc, None)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except _DOWN as exc:
            # As if the counter had just been created: a rate limit lets the request through.
            return self._degraded("incr", exc, delta)

    def clear(self):
        try:
            return super().clear()
        except _DOWN as exc:
            return self._degraded("clear", exc, False)
