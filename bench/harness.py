"""Servers the benchmark and the reliability checks start, and always stop.

Everything started here is registered with `Stack`, which stops it in
reverse order on exit, on an exception and on SIGTERM/SIGINT, so that a
failed run leaves no gunicorn, PostgreSQL or Redis behind.
"""

import http.client
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SHARED_POSTGRES = "postgres://postgres@127.0.0.1:5432"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message):
    print(message, flush=True)


class Stack:
    """Stops what was started, last first, whatever happens."""

    def __init__(self):
        self.stops = []
        self.tmp = Path(tempfile.mkdtemp(prefix="ifn-bench-"))

    def __enter__(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        return self

    def _on_signal(self, signum, frame):
        raise SystemExit(128 + signum)

    def add(self, stop):
        self.stops.append(stop)

    def __exit__(self, *exc):
        while self.stops:
            try:
                self.stops.pop()()
            except Exception as error:  # a failed stop must not hide the others
                log(f"warning: clean-up step failed: {error}")
        shutil.rmtree(self.tmp, ignore_errors=True)
        return False


def stop_process(process, timeout=10):
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- PostgreSQL -----------------------------------------------------------


def create_database(server_url, name, *, drop):
    """Create database `name` on the server (dropping it first if asked); return its URL."""
    connection = psycopg2.connect(server_url + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        if drop:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return f"{server_url}/{name}"


class PrivatePostgres:
    """A throwaway PostgreSQL cluster in a temp dir on a free port, owned by this run."""

    def __init__(self, stack):
        self.dir = stack.tmp / "pg"
        self.dir.mkdir()
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"
        # initdb refuses to run as root: run the server as the postgres user then.
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chmod(stack.tmp, 0o755)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        self._run([PG_BIN / "initdb", "-D", self.dir / "data", "-U", "postgres", "-A", "trust", "--no-sync"])
        conf = self.dir / "data" / "postgresql.conf"
        with open(conf, "a") as handle:
            handle.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}'\n"
            )
            handle.write("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
        stack.add(lambda: self.stop("immediate"))
        self.start()

    def _run(self, args):
        args = [str(a) for a in args]
        if self.user:
            args = ["runuser", "-u", self.user, "--", *args]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self):
        self._run([PG_BIN / "pg_ctl", "-D", self.dir / "data", "-l", self.dir / "log", "-w", "start"])

    def stop(self, mode="fast"):
        if (self.dir / "data" / "postmaster.pid").exists():
            self._run([PG_BIN / "pg_ctl", "-D", self.dir / "data", "-m", mode, "-w", "stop"])


class PrivateRedis:
    def __init__(self, stack, *, maxmemory=None):
        self.port = free_port()
        limits = ["--maxmemory", maxmemory, "--maxmemory-policy", "allkeys-lru"] if maxmemory else []
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(stack.tmp),
                *limits,
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        stack.add(self.stop)
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        stop_process(self.process)


# --- The portal under gunicorn ------------------------------------------------


def server_environment(database_url, *, port, static_root, manifest=True, redis_url=None):
    """Production settings over plain HTTP on 127.0.0.1, with the benchmark's URLs."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        BENCH_STATIC_ROOT=str(static_root),
        STATIC_MANIFEST="true" if manifest else "false",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


class Gunicorn:
    """gunicorn serving the portal with the repository's gunicorn.conf.py, or 2 workers without one."""

    def __init__(self, stack, env, port):
        self.port, self.env = port, env
        self.error_log = stack.tmp / f"gunicorn-{port}.log"
        args = [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--error-logfile",
            str(self.error_log),
        ]
        config = ROOT / "gunicorn.conf.py"
        if config.exists():
            args += ["--config", str(config)]
        else:
            args += ["--workers", "2", "--timeout", "60"]
        args.append("ifn.wsgi:application")
        self.config_used = "gunicorn.conf.py" if config.exists() else "--workers 2"
        # The portal's own log (tracebacks included) goes to the same file as gunicorn's.
        with open(self.error_log, "ab") as output:
            self.process = subprocess.Popen(
                args, cwd=ROOT, env=env, start_new_session=True, stdout=output, stderr=subprocess.STDOUT
            )
        stack.add(self.stop)
        self.wait_ready()

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.error_log.read_text()[-3000:]}")
            try:
                if fetch(self.port, "/bench/floor/", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer in time")

    def workers(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def stop(self):
        stop_process(self.process)

    def errors_logged(self):
        return self.error_log.read_text() if self.error_log.exists() else ""


def rss_kib(pid, field="VmRSS"):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# --- HTTP -------------------------------------------------------------------------


class Response:
    __slots__ = ("status", "seconds", "size", "queries", "body")

    def __init__(self, status, seconds, size, queries, body):
        self.status, self.seconds, self.size, self.queries, self.body = status, seconds, size, queries, body


def fetch(port, path, *, cookie=None, timeout=30, keep_body=False):
    """GET `path` on a fresh connection and read the whole answer; time it."""
    headers = {"Accept-Language": "id", "User-Agent": "ifn-bench"}
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        size, chunks = 0, []
        while chunk := answer.read(65536):
            size += len(chunk)
            if keep_body:
                chunks.append(chunk)
        queries = answer.getheader("X-Bench-Queries")
        return Response(
            answer.status,
            time.perf_counter() - started,
            size,
            int(queries) if queries else None,
            b"".join(chunks),
        )
    except http.client.HTTPException as error:
        # A reply cut short (worker killed mid-answer) is a failed request like a refused one.
        raise ConnectionError(f"{type(error).__name__}: {error}") from error
    finally:
        connection.close()


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]
