"""Production switches read from the environment."""

import json

from ifn.tests import manage

SHOW = (
    "import json; from django.conf import settings as s; from django.core.files.storage import storages; "
    "print(json.dumps({'cache': s.CACHES['default']['BACKEND'], 'storage': type(storages['default']).__name__, "
    "'options': s.DATABASES['default'].get('OPTIONS', {}), 'session': s.SESSION_ENGINE}))"
)


def settings_with(**env):
    result = manage("shell", "-c", SHOW, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_url_makes_redis_the_shared_cache():
    assert settings_with(REDIS_URL="redis://127.0.0.1:6379/4")["cache"] == "ifn.cache.FailOpenRedisCache"
    assert settings_with(REDIS_URL="")["cache"] == "django.core.cache.backends.db.DatabaseCache"


def test_a_bucket_sends_public_uploads_to_s3_storage():
    assert settings_with(AWS_STORAGE_BUCKET_NAME="ifn-media")["storage"] == "S3Storage"
    assert settings_with(AWS_STORAGE_BUCKET_NAME="")["storage"] == "FileSystemStorage"


def test_postgresql_connections_give_up_after_the_connect_timeout():
    found = settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ifn_deploy", DB_CONNECT_TIMEOUT="3"
    )
    assert found["options"]["connect_timeout"] == 3
    assert found["session"] == "django.contrib.sessions.backends.db"


def test_unreadable_timeouts_stop_start_up():
    result = manage("check", DB_STATEMENT_TIMEOUT="half a minute")
    assert result.returncode != 0 and "DB_STATEMENT_TIMEOUT" in result.stderr
