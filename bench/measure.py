"""Latency (interleaved rounds), throughput (concurrent clients) and the CSV export's time and memory."""

import threading
import time
from collections import Counter

from .harness import fetch, log, percentile, rss_kib

# The export may use this much more memory than the idle worker and still count as flat.
EXPORT_MEMORY_GROWTH_KIB = 100 * 1024
EXPORT_TARGET_SECONDS = 20
THROUGHPUT_TIMEOUT = 15
SLOW_SECONDS = 5


def _record(kind, answer):
    kind.statuses[answer.status] = kind.statuses.get(answer.status, 0) + 1
    if answer.queries is not None:
        kind.queries.append(answer.queries)


def latency(port, kinds, *, rounds, warmup, cookie, max_seconds):
    """One request per kind per round, round-robin, so background noise hits every kind alike.

    The first timed request to each address is also kept apart (`first`): no
    answer, count or match of it is cached yet, so it shows what a visitor
    pays whom nobody preceded.
    """
    seen = set()
    for kind in kinds:
        for url in kind.urls[:warmup]:
            seen.add(url)
            try:
                fetch(port, url, cookie=cookie if kind.admin else None, timeout=120)
            except OSError as error:
                log(f"warm-up {url}: {error!r}")
    started = time.monotonic()
    done = 0
    for n in range(rounds):
        for kind in kinds:
            url = kind.urls[n % len(kind.urls)]
            try:
                answer = fetch(port, url, cookie=cookie if kind.admin else None, timeout=120)
            except OSError as error:
                kind.statuses[type(error).__name__] = kind.statuses.get(type(error).__name__, 0) + 1
                continue
            kind.samples.append(answer.seconds)
            if url not in seen:
                seen.add(url)
                kind.first.append(answer.seconds)
            _record(kind, answer)
        done = n + 1
        if time.monotonic() - started > max_seconds:
            log(f"latency: stopped after {done} rounds (--max-seconds {max_seconds})")
            break
    return done


def hammer(port, urls, *, clients, seconds, cookie=None, timeout=30):
    """`clients` threads fetch `urls` in turn for `seconds`; returns (latencies, statuses, errors)."""
    latencies, statuses, errors = [], Counter(), Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(offset):
        n = offset
        while time.monotonic() < stop_at:
            url = urls[n % len(urls)]
            n += clients
            try:
                answer = fetch(port, url, cookie=cookie, timeout=timeout)
            except OSError as error:
                with lock:
                    errors[type(error).__name__] += 1
                continue
            with lock:
                latencies.append(answer.seconds)
                statuses[answer.status] += 1

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, errors


def settle(port, *, clients, limit=120):
    """Wait until the workers are free again: `clients` concurrent floor requests all answer at once.

    Requests a client gave up on keep a worker busy until they finish or
    gunicorn's timeout ends them; the next kind must not pay for them.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        latencies, statuses, errors = hammer(
            port, ["/bench/floor/"], clients=clients, seconds=0.01, timeout=limit
        )
        if latencies and max(latencies) < 0.5 and not errors:
            return
        time.sleep(0.5)
    log("throughput: the server was still busy after waiting for it to settle")


def throughput(port, kinds, *, clients, seconds, cookie):
    """Requests per second per kind with `clients` concurrent clients.

    Kinds whose single-client median is already over SLOW_SECONDS (or whose
    every request failed) are left out: their throughput is below workers / SLOW_SECONDS anyway, and the
    requests the clients give up on would occupy the workers for minutes.
    """
    figures = {}
    for kind in kinds:
        if not kind.samples or percentile(kind.samples, 0.5) > SLOW_SECONDS:
            log(f"throughput {kind.name}: skipped, slower than {SLOW_SECONDS} s a request")
            continue
        settle(port, clients=clients)
        # A page slower than the timeout counts as failed rather than holding up the run.
        latencies, statuses, errors = hammer(
            port,
            kind.urls,
            clients=clients,
            seconds=seconds,
            cookie=cookie if kind.admin else None,
            timeout=THROUGHPUT_TIMEOUT,
        )
        figures[kind.name] = {
            "rps": len(latencies) / seconds,
            "p50": percentile(latencies, 0.5),
            "non_200": sum(n for status, n in statuses.items() if status != 200) + sum(errors.values()),
        }
        log(f"throughput {kind.name}: {figures[kind.name]['rps']:.1f} req/s")
    return figures


def export(port, server):
    """Time the full CSV export and sample the workers' memory while it streams."""
    settle(port, clients=2)
    workers = server.workers()
    before = {pid: rss_kib(pid) for pid in workers}
    peak = dict(before)
    result = {}

    def download():
        started = time.perf_counter()
        try:
            answer = fetch(port, "/directory/export.csv", timeout=600)
            result.update(status=answer.status, seconds=answer.seconds, size=answer.size)
        except OSError as error:
            result.update(status=type(error).__name__, seconds=time.perf_counter() - started, size=0)

    thread = threading.Thread(target=download, daemon=True)
    thread.start()
    while thread.is_alive():
        for pid in workers:
            peak[pid] = max(peak.get(pid, 0), rss_kib(pid))
        time.sleep(0.02)
    thread.join()
    busiest = max(workers, key=lambda pid: peak[pid] - before.get(pid, 0)) if workers else None
    result.update(
        rss_before_kib=before.get(busiest, 0),
        rss_peak_kib=peak.get(busiest, 0),
        growth_kib=peak.get(busiest, 0) - before.get(busiest, 0),
    )
    result["met"] = (
        result["status"] == 200
        and result["seconds"] <= EXPORT_TARGET_SECONDS
        and result["growth_kib"] <= EXPORT_MEMORY_GROWTH_KIB
    )
    return result


def summarise(kinds):
    """Rows of the results table, with each target checked against the floor's p50."""
    floor = next(k for k in kinds if k.name == "floor")
    floor_p50 = percentile(floor.samples, 0.5)
    rows = []
    for kind in kinds:
        p50, p95, p99 = (percentile(kind.samples, q) for q in (0.5, 0.95, 0.99))
        ratio = p50 / floor_p50 if floor_p50 else float("nan")
        non_200 = sum(n for status, n in kind.statuses.items() if status != 200)
        if kind.target is None:
            met = None
        elif kind.target.startswith("p50 ≤ 3×"):
            met = ratio <= 3
        elif kind.target.startswith("p50 ≤ 10×"):
            met = ratio <= 10 and p99 <= 0.300
        else:
            met = p50 <= 0.300
        if non_200:
            met = False
        queries = sorted(kind.queries)[len(kind.queries) // 2] if kind.queries else None
        rows.append(
            {
                "name": kind.name,
                "n": len(kind.samples),
                "first_p50": percentile(kind.first, 0.5) if kind.first else float("nan"),
                "first_max": max(kind.first) if kind.first else float("nan"),
                "p50": p50,
                "p95": p95,
                "p99": p99,
                "ratio": ratio,
                "target": kind.target or "",
                "met": met,
                "non_200": non_200,
                "statuses": dict(kind.statuses),
                "queries": queries,
            }
        )
    return rows
