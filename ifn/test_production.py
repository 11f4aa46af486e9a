"""The README's production steps, run as written: collectstatic with the
manifest storage, gunicorn with gunicorn.conf.py, DEBUG off, HTTPS on."""

import gzip
import socket
import threading
import time

import brotli
import pytest
from django.db import connection

from ifn.testing_server import gunicorn, hashed_name, manage, production_env

# Committed data that the gunicorn processes can read, restored afterwards
# like the browser tests' (a plain flush would recreate content types).
committed_data = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_collectstatic_with_the_manifest_storage_passes_on_a_clean_checkout(static_root):
    css = hashed_name(static_root, "css/ifn.css")
    assert css != "css/ifn.css"
    for suffix in ("", ".gz", ".br"):
        assert (static_root / (css + suffix)).exists(), suffix
    assert (static_root / hashed_name(static_root, "vendor/leaflet/leaflet.js")).exists()
    # Only the hashed names the pages link to are deployed, and nothing no page uses.
    assert not (static_root / "css/ifn.css").exists()
    redoc = hashed_name(static_root, "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")
    assert (static_root / redoc).exists()
    assert not list(static_root.glob("drf_spectacular_sidecar/swagger-ui-dist"))
    assert not list(static_root.glob("django_htmx")) and not list(static_root.glob("flags"))
    assert not list(static_root.rglob("*.map.br"))


@committed_data
def test_the_readme_production_steps_serve_the_portal(static_root, database_url, tmp_path):
    env = production_env(STATIC_ROOT=static_root, DATABASE_URL=database_url)
    check = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no issues" in check.stdout

    with gunicorn(env, tmp_path) as server:
        home = server.get("/", **{"Accept-Encoding": "gzip"})
        assert home.status == 200
        assert home.getheader("Content-Encoding") == "gzip"
        assert "IFN Directory" in gzip.decompress(home.body).decode()
        assert home.getheader("Content-Security-Policy")
        assert home.getheader("Strict-Transport-Security")

        assert server.get("/healthz").status == 200
        # Plain HTTP from a load balancer: not redirected to HTTPS.
        assert server.request("GET", "/healthz", {"X-Forwarded-Proto": "http"}).status == 200
        assert server.request("GET", "/", {"X-Forwarded-Proto": "http"}).status == 301

        css = "/static/" + hashed_name(static_root, "css/ifn.css")
        original = (static_root / hashed_name(static_root, "css/ifn.css")).read_bytes()
        br = server.get(css, **{"Accept-Encoding": "br"})
        assert br.status == 200 and br.getheader("Content-Encoding") == "br"
        assert brotli.decompress(br.body) == original
        gz = server.get(css, **{"Accept-Encoding": "gzip"})
        assert gz.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(gz.body) == original
        assert "immutable" in br.getheader("Cache-Control")

        missing = server.get("/en/no-such-page/")
        assert missing.status == 404
        assert "Page not found" in missing.body.decode()
        assert "/static/css/ifn." in missing.body.decode()  # the portal's (hashed) stylesheet

        time.sleep(0.5)
        log = server.log()
    assert '"GET / HTTP/1.1" 200' in log
    assert "/healthz" not in log


class Blackhole:
    """A server that accepts connections and never answers: a hung database."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.port = self.socket.getsockname()[1]
        self.held = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                self.held.append(self.socket.accept()[0])
            except OSError:
                return

    def close(self):
        self.socket.close()
        for held in self.held:
            held.close()


def test_a_hung_database_gives_a_503_in_seconds_not_a_blocked_worker(static_root, tmp_path):
    hung = Blackhole()
    env = production_env(
        STATIC_ROOT=static_root,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{hung.port}/ifn_deploy_hung",
        DB_CONNECT_TIMEOUT=2,
    )
    try:
        with gunicorn(env, tmp_path, workers=1) as server:
            for path, language in [("/directory/", "id"), ("/en/directory/", "en")]:
                started = time.monotonic()
                page = server.get(path)
                assert time.monotonic() - started < 10
                assert page.status == 503
                assert page.getheader("Retry-After") == "60"
                assert f'<html lang="{language}">' in page.body.decode()
            assert server.get("/healthz").status == 503
            started = time.monotonic()
            assert server.get("/robots.txt").status == 200
            assert time.monotonic() - started < 2
    finally:
        hung.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
@committed_data
def test_web_requests_get_the_statement_timeout_and_management_commands_do_not(database_url):
    env = production_env(DATABASE_URL=database_url, DB_STATEMENT_TIMEOUT=7)
    show = "from django.db import connection; c = connection.cursor(); c.execute('SHOW statement_timeout'); "
    web = manage("shell", "-c", f"import ifn.wsgi; {show} print(c.fetchone()[0])", env=env)
    assert web.stdout.strip().splitlines()[-1] == "7s", web.stderr
    command = manage("shell", "-c", f"{show} print(c.fetchone()[0])", env=env)
    assert command.stdout.strip().splitlines()[-1] == "0", command.stderr
