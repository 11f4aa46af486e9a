"""The directory's network filters among 100,000 listings on PostgreSQL.

    DATABASE_URL=postgres://… DEBUG=true .venv/bin/python scripts/bench_network.py [--listings 100000]

Creates and drops a test database (test_<name>), seeds --listings generated
listings (bench/seed.py), then confirmed supply links (about one per two
listings, from material sources and suppliers to producers, from producers
to brands) and community rosters (organisations with about 20 members each),
and prints, per filter, the time of the count and of the first page of 24,
the queries the directory page makes, and the plan's top nodes.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ifn.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

from bench.seed import analyze, seed_listings  # noqa: E402
from directory.filters import ListingFilter  # noqa: E402
from directory.models import Listing  # noqa: E402

LINKS_SQL = """
WITH roles AS (
    SELECT l.id, min(r.position) AS position
    FROM directory_listing l JOIN directory_listing_roles lr ON lr.listing_id = l.id
    JOIN directory_role r ON r.code = lr.role_id
    WHERE l.status = 'published' GROUP BY l.id
), upstream AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n FROM roles WHERE position IN (1, 2)
), makers AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n FROM roles WHERE position = 3
), brands AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n FROM roles WHERE position = 4
)
INSERT INTO directory_supplylink
    (supplier_id, customer_id, kind, note, status, created_at, is_demo, proposer_id)
SELECT u.id, m.id, 'supply', '', 'confirmed', now(), false, u.id
FROM makers m JOIN upstream u ON u.n = (m.n * 7) % (SELECT count(*) FROM upstream) + 1
UNION ALL
SELECT m.id, b.id, 'makloon', '', 'confirmed', now(), false, m.id
FROM brands b JOIN makers m ON m.n = (b.n * 13) % (SELECT count(*) FROM makers) + 1
"""
ROSTER_SQL = """
WITH organisations AS (
    SELECT l.id, row_number() OVER (ORDER BY l.id) AS n
    FROM directory_listing l JOIN directory_listing_roles lr ON lr.listing_id = l.id
    WHERE l.status = 'published' AND lr.role_id = 'organisation'
), members AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n FROM directory_listing
    WHERE status = 'published' AND id NOT IN (SELECT id FROM organisations)
)
INSERT INTO directory_communitymember (organisation_id, member_id, status, message, created_at, is_demo)
SELECT o.id, m.id, 'confirmed', '', now(), false
FROM members m JOIN organisations o ON o.n = m.n % (SELECT count(*) FROM organisations) + 1
WHERE m.n % 5 = 0
"""


def timed(function, runs=5):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return result, statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listings", type=int, default=100_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server.")
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        seed_listings(count=args.listings)
        with connection.cursor() as cursor:
            cursor.execute(LINKS_SQL)
            links = cursor.rowcount
            cursor.execute(ROSTER_SQL)
            members = cursor.rowcount
        analyze()
        busiest = (
            Listing.objects.published()
            .filter(roles__code="organisation")
            .order_by()
            .values("slug")
            .annotate(n=django.db.models.Count("roster"))
            .order_by("-n")
            .first()["slug"]
        )
        supplier = (
            Listing.objects.published()
            .order_by()
            .values("slug")
            .annotate(n=django.db.models.Count("downstream_links"))
            .order_by("-n")
            .first()["slug"]
        )
        print(
            f"{Listing.objects.published().count():,} published listings, {links:,} links, {members:,} members"
        )
        cases = [
            ("no filter", {}),
            ("community", {"community": busiest}),
            ("producers supplied by a tannery", {"role": "producer", "supplied_by": supplier}),
            (
                "suppliers of producers in Jawa Timur",
                {"customer_role": "producer", "customer_province": "35"},
            ),
            ("listings supplied by material sources", {"supplier_role": "material"}),
            ("members, verified, in Jawa Barat", {"community": busiest, "verified": "1", "province": "32"}),
        ]
        client = Client()
        for name, params in cases:
            data = QueryDict(mutable=True)
            data.update(params)

            def count(data=data):
                return ListingFilter(data, queryset=Listing.objects.published()).qs.count()

            def first_page(data=data):
                return list(ListingFilter(data, queryset=Listing.objects.published()).qs[:24])

            total, count_ms = timed(count)
            _rows, page_ms = timed(first_page)
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                status = client.get("/directory/", params, HTTP_HOST="localhost").status_code
                render_ms = (time.perf_counter() - started) * 1000
            plan = ListingFilter(data, queryset=Listing.objects.published()).qs[:24].explain()
            top = " | ".join(line.strip() for line in plan.splitlines()[:3])
            print(
                f"{name}: {total:,} results; count {count_ms:.1f} ms, first page {page_ms:.1f} ms; "
                f"directory page {status} in {render_ms:.0f} ms (cold, {len(queries)} queries)\n    {top}"
            )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
