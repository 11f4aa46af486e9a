"""Import benchmark: a generated file of N listings (default 10,000) into a throwaway database.

    DEBUG=true .venv/bin/python scripts/bench_import.py [ROWS] [--xlsx]
    DATABASE_URL=postgres://… DEBUG=true .venv/bin/python scripts/bench_import.py

Creates and drops a test database (test_<name>), runs a dry run, the import
(new listings pending, with their decisions, history and import record), and
the same import again (which must change nothing), and prints rows per second,
the CPU time of this process and peak memory for each.
"""

import argparse
import io
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ifn.settings")

import django  # noqa: E402

django.setup()

from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

from moderation.columns import COLUMN_NAMES  # noqa: E402
from moderation.transfer import import_listings, write_csv, write_xlsx  # noqa: E402

WORDS = [
    "Maju",
    "Jaya",
    "Karya",
    "Sentosa",
    "Abadi",
    "Mandiri",
    "Langkah",
    "Tapak",
    "Prima",
    "Sinar",
    "Berkah",
]
KINDS = ["Sepatu", "Sandal", "Kulit", "Sol", "Alas Kaki"]
PLACES = [("35", "35.15", "35.15.06"), ("32", "32.04", "32.04.07"), ("31", "31.74", ""), ("33", "33.74", "")]
ROLES = {
    "producer": ("producer:sport, producer:casual", "oem, cemented"),
    "brand": ("brand:casual", "marketplace"),
    "supplier": ("supplier:outsoles", ""),
    "material": ("material:leather", ""),
}


def generate(rows):
    rng = random.Random(2026)
    for n in range(rows):
        role = rng.choice(list(ROLES))
        categories, features = ROLES[role]
        province, regency, district = rng.choice(PLACES)
        row = dict.fromkeys(COLUMN_NAMES, "")
        row.update(
            name=f"{rng.choice(KINDS)} {rng.choice(WORDS)} {rng.choice(WORDS)} {n}",
            nib=f"{8000000000000 + n}",
            legal_form=rng.choice(["pt", "cv", "ud", "perorangan"]),
            roles=role,
            categories=categories,
            features=features,
            year_founded=str(rng.randint(1970, 2024)),
            size=rng.choice(["micro", "small", "medium"]),
            description="Data uji impor.",
            province=province,
            regency=regency,
            district=district,
            phone=f"0812{rng.randint(1000000, 9999999)}",
            email=f"info{n}@bench.example",
            certifications="sni" if n % 3 == 0 else "",
        )
        yield [row[c] for c in COLUMN_NAMES]


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(label, data, filename, dry_run):
    # Peak memory as the process's maximum resident set: tracemalloc would
    # slow the import several times over and distort the rate.
    started, cpu = time.perf_counter(), time.process_time()
    report = import_listings(io.BytesIO(data), filename=filename, dry_run=dry_run)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    rows = len(report.rows)
    # The machine may be shared: this process's CPU seconds show how much of the time was its own.
    print(
        f"{label:<14} {rows} rows in {seconds:6.1f} s = {rows / seconds:5.0f} rows/s "
        f"({cpu:5.1f} s of CPU here), peak RSS so far {peak_rss_mib():4.0f} MiB   {report.summary}"
    )
    if not report.ok:
        print("errors:", [(r.line, r.errors) for r in report.errors[:5]])
        sys.exit(1)
    return report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int, nargs="?", default=10_000)
    parser.add_argument("--xlsx", action="store_true")
    args = parser.parse_args()

    out = io.BytesIO()
    if args.xlsx:
        write_xlsx(generate(args.rows), out)
        filename = "bench.xlsx"
    else:
        text = io.StringIO()
        write_csv(generate(args.rows), text)
        out.write(text.getvalue().encode())
        filename = "bench.csv"
    data = out.getvalue()
    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False)
    try:
        from django.db import connection

        print(
            f"{connection.vendor}, {filename}, {len(data) / 2**20:.1f} MiB, RSS before {peak_rss_mib():.0f} MiB"
        )
        run("dry run", data, filename, dry_run=True)
        first = run("import", data, filename, dry_run=False)
        again = run("import again", data, filename, dry_run=False)
        assert first.summary["created"] == args.rows, first.summary
        assert again.summary["unchanged"] == args.rows, again.summary
    finally:
        teardown_databases(config, verbosity=0)


if __name__ == "__main__":
    main()
