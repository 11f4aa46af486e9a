import fcntl
import os

import pytest
from django.db import connection

from ifn.testing_server import manage, production_env


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """collectstatic with the manifest storage (gzip and brotli), once per run:
    with the tests spread over processes (pytest-xdist), the first process
    that needs it runs it and the others wait for it and read the same files."""
    run_directory = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_directory = run_directory.parent  # shared by this run's processes
    root = run_directory / "static"
    with open(run_directory / "static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (run_directory / "static.done").exists():
            result = manage("collectstatic", "--noinput", "--clear", env=production_env(STATIC_ROOT=root))
            assert result.returncode == 0, result.stdout + result.stderr
            (run_directory / "static.done").touch()
    return root


@pytest.fixture
def database_url(tmp_path):
    """The test database on PostgreSQL (tests mark themselves committed_data);
    a migrated SQLite file otherwise, as the in-memory test database is private."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    url = f"sqlite:///{tmp_path / 'production.sqlite3'}"
    result = manage("migrate", "--noinput", env=production_env(DATABASE_URL=url))
    assert result.returncode == 0, result.stdout + result.stderr
    return url
