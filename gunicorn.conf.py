"""Gunicorn settings for IFN Directory: gunicorn -c gunicorn.conf.py ifn.wsgi

Every value can be overridden from the environment (GUNICORN_* variables and
PORT); the defaults suit one app server behind a reverse proxy.
"""

import multiprocessing
import os

from gunicorn.glogging import Logger


def _int(name, default):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None


bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{_int('PORT', 8000)}"
# Sync workers: each request holds one worker, so two per core plus one.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
# The slowest legitimate request is an admin import or an XLSX export of the
# whole directory (under a minute); a database statement is cut at
# DB_STATEMENT_TIMEOUT (30 s) before this ever fires.
timeout = _int("GUNICORN_TIMEOUT", 60)
# Requests in flight get this long to finish on a restart or deploy.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Workers are recycled now and then so slow leaks cannot build up, staggered so
# they never restart together.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Requests are received in full by the reverse proxy; these caps refuse
# oversized headers that reach gunicorn directly.
limit_request_line = 8190
limit_request_fields = 100

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Remote address (first X-Forwarded-For hop when behind a proxy), request,
# status, size, time in microseconds, referrer, user agent.
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(f)s" "%(a)s"'
# The reverse proxy sets X-Forwarded-Proto; trust it from the proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def post_worker_init(worker):
    # A new worker (at start, or recycled after max_requests) reads the
    # directory snapshot before it takes requests, not during its first one.
    from directory.snapshot import warm

    warm()


class HealthQuietLogger(Logger):
    """Gunicorn's logger without the load balancer's /healthz requests."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") == "/healthz":
            return
        super().access(resp, req, environ, request_time)


logger_class = HealthQuietLogger
