"""Search benchmark on PostgreSQL: bulk insertion under the search triggers, then searches.

    DATABASE_URL=postgres://… DEBUG=true .venv/bin/python scripts/bench_search.py [--rows 20000] [--total 100000]

Creates and drops a test database (test_<name>). First inserts --rows listings
with two category links each by plain SQL, three ways: with the search
triggers switched off (what the table costs by itself), listings then links
(the usual order), and links first (the foreign keys are deferred, so each
document is built once), and prints listings per second by the clock and by
the database server's CPU time (the fairer figure on a busy machine). Then fills the
directory up to --total listings and prints, per query, the time of the
spelling check, the result count and the first page, and the query plan.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ifn.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

from directory.filters import ListingFilter  # noqa: E402

# Words of a footwear directory, Indonesian then English; listings draw from them.
INDONESIAN = [
    "sepatu",
    "sandal",
    "kulit",
    "karet",
    "sol",
    "lem",
    "busa",
    "kanvas",
    "tas",
    "dompet",
    "sabuk",
    "pabrik",
    "usaha",
    "mandiri",
    "jaya",
    "abadi",
    "makmur",
    "sentosa",
    "sejahtera",
    "berkah",
    "mulia",
    "indah",
    "prima",
    "utama",
    "nusantara",
    "bintang",
    "cahaya",
    "mitra",
    "karya",
    "sinar",
    "tunas",
    "maju",
    "baru",
    "timur",
    "barat",
    "kota",
    "desa",
    "rumah",
    "industri",
    "kerajinan",
    "produksi",
    "ekspor",
    "lokal",
    "pria",
    "wanita",
    "anak",
    "sekolah",
    "olahraga",
    "formal",
    "kasual",
    "bot",
    "selop",
    "tradisional",
    "batik",
    "tenun",
    "rotan",
    "bambu",
    "kayu",
    "logam",
    "plastik",
    "kain",
    "benang",
    "jahit",
    "cetak",
    "potong",
    "desain",
    "merek",
    "toko",
    "grosir",
    "eceran",
    "pasar",
    "modern",
    "kualitas",
    "harga",
    "murah",
    "premium",
    "mewah",
    "nyaman",
    "kuat",
    "ringan",
    "tahan",
    "air",
    "panas",
    "hujan",
    "jalan",
    "lari",
    "kerja",
    "kantor",
    "pesta",
    "santai",
    "harian",
    "gesper",
    "tali",
]
ENGLISH = [
    "leather",
    "shoes",
    "rubber",
    "canvas",
    "bags",
    "export",
    "factory",
    "quality",
    "handmade",
    "genuine",
    "synthetic",
    "comfort",
    "durable",
    "custom",
    "order",
    "wholesale",
    "retail",
    "brand",
    "design",
    "craft",
    "traditional",
    "modern",
    "premium",
    "luxury",
    "sport",
    "casual",
    "formal",
    "boots",
    "sandals",
    "slippers",
    "kids",
    "women",
    "men",
    "school",
    "safety",
    "work",
    "soles",
    "moulds",
    "buckles",
    "laces",
]

COLUMNS = (
    "id, name, slug, legal_form, nib, kbli_codes, size, description, description_en, export_markets, "
    "supply_capacity_unit, supply_moq_unit, price_segment, organisation_kind, province_id, regency_id, "
    "address, postal_code, contact_person, phone, whatsapp, email, website, instagram, facebook, tiktok, "
    "youtube, tokopedia, shopee, logo, status, rejection_reason, changed_since_review, verified, is_demo, "
    "created_at, updated_at"
)


def prepare_rows(cursor, first, count):
    """bench_rows: `count` listings numbered from `first`, ids taken from the sequence, and
    bench_links: two category links each. Untimed, as a seeder's file is ready before COPY."""
    indonesian = "ARRAY[" + ",".join(f"'{w}'" for w in INDONESIAN) + "]"
    english = "ARRAY[" + ",".join(f"'{w}'" for w in ENGLISH) + "]"
    ni, ne = len(INDONESIAN), len(ENGLISH)
    cursor.execute("DROP TABLE IF EXISTS bench_rows, bench_links")
    cursor.execute(
        f"""
        CREATE TEMP TABLE bench_rows AS
        SELECT nextval('directory_listing_id_seq') AS id,
            initcap((ARRAY['PT','CV','UD'])[1 + n % 3] || ' ' || ({indonesian})[1 + (n * 7919) % {ni}]
                || ' ' || ({indonesian})[1 + (n * 104729) % {ni}] || ' ' || n) AS name,
            'bench-' || n AS slug, '' AS legal_form, '' AS nib, '' AS kbli_codes, '' AS size,
            (SELECT string_agg(({indonesian})[1 + (n * 31 + k * 17 + k * k * n) % {ni}], ' ')
             FROM generate_series(1::bigint, 14) AS k) AS description,
            (SELECT string_agg(({english})[1 + (n * 13 + k * 11 + k * k * n) % {ne}], ' ')
             FROM generate_series(1::bigint, 10) AS k) AS description_en,
            '' AS export_markets, '' AS supply_capacity_unit, '' AS supply_moq_unit, '' AS price_segment,
            '' AS organisation_kind, '35' AS province_id, '35.15' AS regency_id, '' AS address,
            '' AS postal_code, '' AS contact_person, '' AS phone, '' AS whatsapp, '' AS email, '' AS website,
            '' AS instagram, '' AS facebook, '' AS tiktok, '' AS youtube, '' AS tokopedia, '' AS shopee,
            '' AS logo, CASE WHEN n % 20 = 0 THEN 'draft' ELSE 'published' END AS status,
            '' AS rejection_reason, false AS changed_since_review, false AS verified, false AS is_demo,
            now() - n * interval '1 minute' AS created_at, now() AS updated_at, n
        FROM generate_series({int(first)}::bigint, {int(first + count - 1)}::bigint) AS n
        """
    )
    cursor.execute(
        """
        CREATE TEMP TABLE bench_links AS
        SELECT r.id AS listing_id, c.id AS category_id FROM bench_rows AS r
        JOIN LATERAL (SELECT id FROM directory_category ORDER BY (id * 7 + r.n * 13) % 37 LIMIT 2) AS c ON true
        """
    )


def backend_cpu(cursor):
    """CPU seconds the database server process of this connection has used so far.

    Other work on a shared machine stretches wall-clock time but not this, so
    it is the fairer figure for comparing runs. Needs the server on this machine.
    """
    cursor.execute("SELECT pg_backend_pid()")
    try:
        fields = Path(f"/proc/{cursor.fetchone()[0]}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def insert(cursor, links_first=False):
    """Insert bench_rows and bench_links; (wall, server CPU) seconds the two statements took."""
    listings = f"INSERT INTO directory_listing ({COLUMNS}) SELECT {COLUMNS} FROM bench_rows"
    links = "INSERT INTO directory_listing_categories (listing_id, category_id) SELECT * FROM bench_links"
    cpu = backend_cpu(cursor)
    started = time.perf_counter()
    for statement in [links, listings] if links_first else [listings, links]:
        cursor.execute(statement)
    return time.perf_counter() - started, backend_cpu(cursor) - cpu


def bench_insert(rows, repeat=3):
    print(f"== Inserting {rows:,} listings with 2 category links each (plain SQL, best of {repeat})")
    with connection.cursor() as cursor:
        prepare_rows(cursor, 1, rows)
    for label, triggers, links_first in [
        ("search triggers off", False, False),
        ("listings, then links", True, False),
        ("links first", True, True),
    ]:
        runs = []
        for _ in range(repeat):
            with transaction.atomic(), connection.cursor() as cursor:
                if not triggers:
                    cursor.execute("ALTER TABLE directory_listing DISABLE TRIGGER USER")
                    cursor.execute("ALTER TABLE directory_listing_categories DISABLE TRIGGER USER")
                runs.append(insert(cursor, links_first))
                transaction.set_rollback(True)
        wall, cpu = min(runs)
        print(
            f"  {label:22} wall {wall:6.2f} s {rows / wall:8,.0f} listings/s"
            f"   server CPU {cpu:6.2f} s {rows / cpu:8,.0f} listings/s"
        )


def fill(total, batch=20000):
    for first in range(1, total + 1, batch):
        # One transaction per batch: links before listings need the deferred foreign keys.
        with transaction.atomic(), connection.cursor() as cursor:
            prepare_rows(cursor, first, min(batch, total - first + 1))
            insert(cursor, links_first=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE directory_listing")
        cursor.execute("SELECT count(*) FROM directory_listing WHERE status = 'published'")
        return cursor.fetchone()[0]


def bench_search(queries):
    for q in queries:
        started = time.perf_counter()
        filterset = ListingFilter(QueryDict(urlencode({"q": q})))
        spelling = filterset.spelling
        checked = time.perf_counter()
        count = filterset.qs.count()
        counted = time.perf_counter()
        list(filterset.qs.for_cards()[:24])
        paged = time.perf_counter()
        print(
            f"  {q!r:18} searched as {spelling.text!r:18} spelling {1000 * (checked - started):6.1f} ms"
            f"  count {count:7,} in {1000 * (counted - checked):6.1f} ms  first page {1000 * (paged - counted):6.1f} ms"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000, help="listings per insertion run")
    parser.add_argument("--total", type=int, default=100000, help="listings to search among")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database: this benchmark measures PostgreSQL.")
    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False)
    try:
        bench_insert(args.rows)
        started = time.perf_counter()
        published = fill(args.total)
        print(
            f"== {args.total:,} listings ({published:,} published) loaded in {time.perf_counter() - started:.1f} s"
        )
        queries = ["kulit", "sepatu kulit", "leather shoes", "gesper", "kuilt", "sepatu kuilt", "olahrga"]
        for run in ["first run", "second run"]:
            print(f"== Searches, {run}")
            bench_search(queries)
        print("== Plan of the first page for q=kulit")
        print(ListingFilter(QueryDict("q=kulit")).qs[:24].explain(analyze=True))
    finally:
        teardown_databases(config, verbosity=0)


if __name__ == "__main__":
    main()
