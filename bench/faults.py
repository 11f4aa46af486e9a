"""The fault check: under load, stop PostgreSQL, kill a gunicorn worker, stop Redis.

Runs against a private PostgreSQL and a private Redis started for the check,
so the shared servers are never touched. Targets:

- database down: every page answers 503 within 5 s (no hang, no traceback in
  the body), or 200 when it is served from the cache; once the database is back the portal answers 200 again by
  itself within a few seconds;
- a worker killed: gunicorn replaces it and the service goes on (few or no
  failed requests);
- Redis down: the portal keeps serving 200s.
"""

import os
import signal
import threading
import time
from collections import Counter

from .harness import PrivateRedis, Stack, fetch, log

HANG_SECONDS = 5
RECOVERY_SECONDS = 10


class Traffic:
    """Clients fetching public pages without pause, every answer kept with its time."""

    def __init__(self, port, urls, clients):
        self.port, self.urls = port, urls
        self.events = []
        self.lock = threading.Lock()
        self.running = True
        self.threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(clients)]
        for thread in self.threads:
            thread.start()

    def _client(self, offset):
        n = offset
        while self.running:
            url = self.urls[n % len(self.urls)]
            n += len(self.threads)
            started = time.monotonic()
            try:
                answer = fetch(self.port, url, timeout=HANG_SECONDS * 3, keep_body=True)
                outcome, body = answer.status, answer.body
            except OSError as error:
                outcome, body = type(error).__name__, b""
            event = (started, time.monotonic(), outcome, b"Traceback" in body)
            with self.lock:
                self.events.append(event)

    def between(self, start, end):
        with self.lock:
            return [e for e in self.events if start <= e[0] < end]

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join()


def _summary(events):
    return {
        "requests": len(events),
        "statuses": dict(sorted(Counter(str(e[2]) for e in events).items())),
        "max_latency_s": round(max((e[1] - e[0] for e in events), default=0), 2),
        "tracebacks": sum(1 for e in events if e[3]),
    }


def _recovery(events, since):
    """Seconds from `since` until answers were 200 for good (None if they never were)."""
    after = sorted((e for e in events if e[0] >= since), key=lambda e: e[0])
    if not after or after[-1][2] != 200:
        return None
    bad = [e for e in after if e[2] != 200]
    return round((bad[-1][1] - since) if bad else 0.0, 2)


def run_faults(args, *, prepare, serve):
    args.private_db, args.keep_db, args.db, args.port, args.seed = True, False, "ifn_bench_faults", 0, 2026
    down = 4 if args.fast else 8
    observe = 6 if args.fast else 12
    results, failures = {}, []
    with Stack() as stack:
        redis = PrivateRedis(stack)
        env, port, _listings, _rate = prepare(stack, args, redis_url=redis.url)
        postgres = stack.postgres
        server = serve(stack, env, port)
        from .pages import page_kinds

        kinds = {k.name: k for k in page_kinds(port, include_admin=False, variants=10)}
        urls = [
            *kinds["home /"].urls,
            *kinds["directory, no filter"].urls,
            *kinds["listing detail"].urls[:5],
            *kinds["directory, 2 filters"].urls[:3],
            *kinds["API list"].urls[:2],
        ]
        traffic = Traffic(port, urls, args.clients)
        try:
            time.sleep(2)
            now = time.monotonic()
            results["baseline"] = _summary(traffic.between(now - 2, now))

            log("faults: stopping PostgreSQL")
            stopped = time.monotonic()
            postgres.stop("immediate")
            time.sleep(down)
            started = time.monotonic()
            outage = traffic.between(stopped + 1, started)
            results["database down"] = _summary(outage)
            postgres.start()
            time.sleep(observe)
            back = time.monotonic()
            recovery = _recovery(traffic.between(started, back), started)
            results["database back"] = {**_summary(traffic.between(started, back)), "recovery_s": recovery}
            # A page still served from the cache (200) is as good as the friendly 503.
            if not outage or any(e[2] not in (200, 503) for e in outage):
                failures.append("database down: not every page answered 503 (or 200 from the cache)")
            if any(e[1] - e[0] > HANG_SECONDS for e in traffic.between(stopped, started)):
                failures.append(f"database down: a request took more than {HANG_SECONDS} s")
            if any(e[3] for e in outage):
                failures.append("database down: a traceback was shown")
            if recovery is None or recovery > RECOVERY_SECONDS:
                failures.append(f"database back: no steady 200s within {RECOVERY_SECONDS} s")

            log("faults: killing a gunicorn worker")
            workers = server.workers()
            killed = time.monotonic()
            os.kill(workers[0], signal.SIGKILL)
            time.sleep(observe)
            events = traffic.between(killed, time.monotonic())
            replaced = [pid for pid in server.workers() if pid not in workers]
            failed = sum(1 for e in events if e[2] != 200)
            results["worker killed"] = {**_summary(events), "replaced": bool(replaced), "failed": failed}
            if not replaced or len(server.workers()) < len(workers):
                failures.append("worker killed: gunicorn did not replace it")
            if failed > args.clients:
                failures.append(f"worker killed: {failed} failed requests")

            log("faults: stopping Redis")
            redis.stop()
            gone = time.monotonic()
            time.sleep(observe)
            events = traffic.between(gone + 0.5, time.monotonic())
            results["redis down"] = _summary(events)
            if not events or any(e[2] != 200 for e in events):
                failures.append("redis down: not every page answered 200")
        finally:
            traffic.stop()
        for phase, figures in results.items():
            print(f"{phase}: {figures}")
        print(f"server tracebacks logged: {server.errors_logged().count('Traceback')}")
    for failure in failures:
        print(f"FAILED {failure}")
    print("fault check: " + ("PASSED" if not failures else "FAILED"))
    return 1 if failures else 0
