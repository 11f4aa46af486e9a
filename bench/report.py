"""The machine a run measured, and the section it adds to docs/performance.md."""

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection

PERFORMANCE_DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
DOC_HEADER = """# Performance

Figures written by `python -m bench run`: one section per run, newest last.

## Runs
"""


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram_kib = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        ram_kib = 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": f"{ram_kib / 1024 / 1024:.1f} GiB",
        "postgres": postgres,
        "python": platform.python_version(),
        # Other work on the machine slows every figure; the load average says how much there was.
        "load": ", ".join(f"{n:.1f}" for n in os.getloadavg()),
    }


def _ms(seconds):
    # No figure when every timed request of the kind failed (see the non-200 line).
    return "—" if seconds != seconds else f"{seconds * 1000:.1f}"


def _ratio(value):
    return "—" if value != value else f"{value:.1f}"


def _met(value):
    return "—" if value is None else ("yes" if value else "**no**")


def markdown(
    *, title, command, listings, seed_rate, rows, rounds, rps, export, server_config, cache="database"
):
    info = machine()
    lines = [
        f"## {title}",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Command: `{command}`",
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; "
        f"PostgreSQL {info['postgres']}; Python {info['python']}; gunicorn {server_config}; cache: {cache}; "
        f"load average at the end {info['load']}",
        f"- Listings: {listings:,}"
        + (f"; seeded at {seed_rate:,.0f} listings/s" if seed_rate else " (reused)"),
        f"- Latency rounds: {rounds} (one request per page kind per round)",
        "",
        "",
        "First visit: each address's first timed request, before anything of it was cached (median and",
        "slowest over the kind's addresses); p50/p95/p99 are over every request, repeats included.",
        "",
        "| page | p50 ms | p95 ms | p99 ms | ×floor | first visit p50 / max ms | req/s | queries | target | met? |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        figure = rps.get(row["name"])
        lines.append(
            f"| {row['name']} | {_ms(row['p50'])} | {_ms(row['p95'])} | {_ms(row['p99'])} | "
            f"{_ratio(row['ratio'])} | {_ms(row['first_p50'])} / {_ms(row['first_max'])} | "
            f"{'—' if figure is None else f'{figure:.1f}'} | "
            f"{row['queries'] if row['queries'] is not None else '—'} | {row['target']} | {_met(row['met'])} |"
        )
    non_200 = {row["name"]: row["statuses"] for row in rows if row["non_200"]}
    lines.append("")
    lines.append("Every response was 200." if not non_200 else f"Non-200 answers: {non_200}.")
    if export:
        lines += [
            "",
            f"CSV export of all published listings (`/directory/export.csv`): status {export['status']}, "
            f"{export['seconds']:.1f} s, {export['size'] / 1e6:.1f} MB; worker memory "
            f"{export['rss_before_kib'] / 1024:.0f} → {export['rss_peak_kib'] / 1024:.0f} MiB peak "
            f"(+{export['growth_kib'] / 1024:.0f} MiB). Target ≤ 20 s with flat memory: {_met(export['met'])}.",
        ]
    lines.append("")
    return "\n".join(lines)


def append(section):
    """Add the run's section at the end of docs/performance.md, creating the file if needed."""
    PERFORMANCE_DOC.parent.mkdir(exist_ok=True)
    text = PERFORMANCE_DOC.read_text().rstrip("\n") + "\n" if PERFORMANCE_DOC.exists() else DOC_HEADER
    PERFORMANCE_DOC.write_text(text + "\n" + section)
