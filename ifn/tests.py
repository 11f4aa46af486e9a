import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    # The test run's own switch must not leak into the production check.
    full_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True
    )


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        HTTPS="true",
        SECRET_KEY="a-long-random-production-secret-" + "k7Qz9xW2pL5mN8vB3cR6tY1uI4oP0aS",
        ALLOWED_HOSTS="ifn.example.id",
        SECURE_HSTS_SECONDS="",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize("name, value", [("DEBUG", "maybe"), ("EMAIL_PORT", "twenty")])
def test_settings_refuse_unreadable_values(name, value):
    result = manage("check", **{name: value})
    assert result.returncode != 0
    assert name in result.stderr


def debug_in(result):
    return result.stdout.strip().splitlines()[-1]


def test_manage_py_runs_in_development_mode_in_a_bare_checkout():
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    command = [
        sys.executable,
        "manage.py",
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
    ]
    bare = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert bare.returncode == 0, bare.stderr
    assert debug_in(bare) == "True"
    # With a production secret, DEBUG stays off unless asked for.
    production = subprocess.run(
        command, cwd=ROOT, env=env | {"SECRET_KEY": "x" * 50}, capture_output=True, text=True
    )
    assert production.returncode == 0, production.stderr
    assert debug_in(production) == "False"
