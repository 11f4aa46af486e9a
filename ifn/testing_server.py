"""Run the portal as production does, for the tests: collectstatic and gunicorn
with the repository's gunicorn.conf.py, in subprocesses."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "a-long-random-production-secret-" + "k7Qz9xW2pL5mN8vB3cR6tY1uI4oP0aS"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(**overrides):
    """Production settings as the README describes them (DEBUG off, HTTPS on,
    manifest static files); the caller names the database and STATIC_ROOT."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "STATIC_MANIFEST")
    }
    env.update(
        DEBUG="false",
        HTTPS="true",
        STATIC_MANIFEST="true",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_HSTS_SECONDS="",
        REDIS_URL="",
    )
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def hashed_name(static_root, name):
    return json.loads((Path(static_root) / "staticfiles.json").read_text())["paths"][name]


class Server:
    def __init__(self, port, process, log_path):
        self.port = port
        self.process = process
        self.log_path = log_path

    def log(self):
        return self.log_path.read_text(errors="replace")

    def request(self, method, path, headers=None, body=None, timeout=30):
        """One request as the reverse proxy forwards it (HTTPS ended there)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        all_headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https", **(headers or {})}
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        return response

    def get(self, path, **headers):
        return self.request("GET", path, headers)


@contextmanager
def gunicorn(env, tmp_path, workers=2):
    """gunicorn -c gunicorn.conf.py ifn.wsgi on a free port; stopped on exit."""
    port = free_port()
    log_path = tmp_path / f"gunicorn-{port}.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "ifn.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Server(port, process, log_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{server.log()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start:\n{server.log()}") from None
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
