"""A Redis cache that keeps the portal serving while Redis is down."""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# After a failure, Redis is left alone for this long so that every request
# does not wait for a connection timeout of its own.
RETRY_AFTER_SECONDS = 30


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache that falls back to this process's memory on errors.

    Rate limits then still apply, per process, and cached numbers are
    recomputed; nothing fails for the visitor. Each failure is logged.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"redis-fallback-{id(self)}", params)
        self._down_until = 0.0


def _fail_open(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return redis_method(self, *args, **kwargs)
            except RedisError as error:
                logger.error("Redis cache unavailable, using process memory: %s", error)
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
        return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = redis_method.__doc__
    return method


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(FailOpenRedisCache, _name, _fail_open(_name))
