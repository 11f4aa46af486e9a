"""The shared cache: Redis when configured, failing open when Redis is down."""

import logging
import socket

import pytest
from django.conf import settings

from ifn.cache import FailOpenRedisCache

SHARED_REDIS = "redis://127.0.0.1:6379/4"


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_cache(location, prefix):
    return FailOpenRedisCache(
        location, {"KEY_PREFIX": prefix, "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
    )


def test_without_redis_the_cache_is_the_database_not_process_memory():
    cache = settings.CACHES["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert cache["LOCATION"] == settings.CACHE_TABLE


@pytest.mark.django_db
def test_the_database_cache_table_exists_after_migrate():
    from django.core.cache import cache

    cache.set("ifn-test-key", 41)
    assert cache.incr("ifn-test-key") == 42


def test_a_redis_that_is_down_leaves_the_cache_working_in_process_memory(caplog):
    cache = redis_cache(f"redis://127.0.0.1:{closed_port()}/0", "down")
    with caplog.at_level(logging.ERROR, logger="ifn.cache"):
        assert cache.get("missing") is None
        assert cache.add("reports:10.0.0.1", 0, timeout=60)
        assert cache.incr("reports:10.0.0.1") == 1
        assert cache.incr("reports:10.0.0.1") == 2
        cache.set("count", 7)
        assert cache.get("count") == 7
    assert any("Redis cache unavailable" in r.getMessage() for r in caplog.records)


def test_redis_is_shared_between_two_processes_caches():
    pytest.importorskip("redis")
    import redis

    try:
        redis.Redis.from_url(SHARED_REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    prefix = f"ifn-test-{socket.gethostname()}-{id(object())}"
    first, second = redis_cache(SHARED_REDIS, prefix), redis_cache(SHARED_REDIS, prefix)
    try:
        first.set("counter", 1, timeout=60)
        assert second.incr("counter") == 2
        assert first.get("counter") == 2
    finally:
        first.delete("counter")
