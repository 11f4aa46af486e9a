"""The load check: many concurrent clients over the public pages, no 5xx, no errors."""

from collections import Counter

from .harness import log, percentile
from .measure import hammer
from .pages import page_kinds


def run_load(port, server, *, listings, connections, seconds):
    """Exit status 0 when every answer was below 500 and no request failed."""
    kinds = [k for k in page_kinds(port, include_admin=False) if k.name != "floor"]
    urls = [url for round_ in range(20) for kind in kinds for url in kind.urls[round_ : round_ + 1]]
    log(f"load: {connections} connections for {seconds:.0f} s over {len(urls)} URLs, {listings:,} listings")
    latencies, statuses, errors = hammer(port, urls, clients=connections, seconds=seconds, timeout=60)
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    total = len(latencies) + sum(errors.values())
    print(
        "\n".join(
            [
                f"requests: {total:,} in {seconds:.0f} s, {len(latencies) / seconds:.1f} req/s",
                "latency ms: p50 {:.0f}, p95 {:.0f}, p99 {:.0f}, max {:.0f}".format(
                    *(percentile(latencies, q) * 1000 for q in (0.5, 0.95, 0.99, 1.0))
                ),
                f"statuses: {dict(sorted(Counter(statuses).items()))}",
                f"errors: {dict(errors) or 'none'}",
                f"server tracebacks logged: {server.errors_logged().count('Traceback')}",
            ]
        )
    )
    ok = not server_errors and not errors
    print("load check: " + ("PASSED" if ok else "FAILED (5xx answers or failed requests)"))
    return 0 if ok else 1
