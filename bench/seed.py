"""A synthetic directory of N listings, written in chunks so memory stays flat at any N.

On PostgreSQL every chunk goes in with COPY (listing table and the
many-to-many through tables, their names read from the models' `_meta`);
on other databases with plain INSERTs, which is what the test suite uses to
check that the generated rows are valid listings.
"""

import io
import multiprocessing
import queue
import random
import threading
import time
from bisect import bisect
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from django.db import connections, transaction
from django.utils.text import slugify

from directory.models import Category, Certification, District, Feature, Listing, Regency

from . import vocabulary as v

CHUNK = 5000
M2M = ["roles", "categories", "features", "certifications"]
NOW = datetime(2026, 11, 1, tzinfo=UTC)


class _Weighted:
    """random.choices for one item, without rebuilding the cumulative weights each call."""

    def __init__(self, pairs):
        self.items = [item for item, _ in pairs]
        self.cum = list(accumulate(weight for _, weight in pairs))

    def pick(self, rng):
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


class Generator:
    """Listings as {attname: value} plus their many-to-many ids, reproducible from `seed`."""

    def __init__(self, *, seed=2026, using="default"):
        self.rng = random.Random(seed)
        regencies = list(Regency.objects.using(using).values_list("code", "province_id", "name"))
        if not regencies:
            raise RuntimeError("No regions in the database: run migrate first.")
        self.regency = {code: (province, name) for code, province, name in regencies}
        self.districts = {}
        for code, regency in District.objects.using(using).values_list("code", "regency_id"):
            self.districts.setdefault(regency, []).append(code)
        elsewhere = v.ELSEWHERE_WEIGHT / len(regencies)
        pairs = [(code, weight) for code, weight, *_ in v.CLUSTER_REGENCIES if code in self.regency]
        pairs += [(code, elsewhere) for code, *_ in regencies]
        self.places = _Weighted(pairs)
        self.cluster_district = {code: (d, share) for code, _, d, share in v.CLUSTER_REGENCIES if d}
        self.roles = _Weighted(v.ROLE_WEIGHTS)
        self.categories, self.features = {}, {}
        for pk, role, name in Category.objects.using(using).active().values_list("pk", "role_id", "name"):
            self.categories.setdefault(role, []).append((pk, name.lower()))
        for pk, role, group in Feature.objects.using(using).values_list("pk", "role_id", "group"):
            self.features.setdefault(role, {}).setdefault(group, []).append(pk)
        self.certifications = dict(Certification.objects.using(using).values_list("slug", "pk"))
        self.legal = {role: _Weighted(pairs) for role, pairs in v.LEGAL_FORMS.items()}
        self.sizes = {role: _Weighted(pairs) for role, pairs in v.SIZES.items()}
        self.statuses = _Weighted(v.STATUSES)

    def listing(self, pk):
        rng = self.rng
        main = self.roles.pick(rng)
        roles = [main]
        second = v.SECOND_ROLE[main]
        if second != main and rng.random() < v.SECOND_ROLE_SHARE:
            roles.append(second)
        regency = self.places.pick(rng)
        province, regency_name = self.regency[regency]
        district = None
        cluster = self.cluster_district.get(regency)
        if cluster and rng.random() < cluster[1]:
            district = cluster[0]
        elif self.districts.get(regency) and rng.random() < 0.7:
            district = rng.choice(self.districts[regency])
        place = regency_name.replace("Kabupaten ", "").replace("Kota Administrasi ", "").replace("Kota ", "")
        legal_form = self.legal[main].pick(rng)
        name = self._name(main, legal_form, place)
        size = self.sizes[main].pick(rng)
        categories = []
        for role in roles:
            options = self.categories.get(role, [])
            categories += rng.sample(options, min(len(options), rng.randint(1, 3)))
        capacity = rng.randint(*v.CAPACITY_BY_SIZE[size])
        status = self.statuses.pick(rng)
        created = NOW - timedelta(seconds=rng.randint(0, 6 * 365 * 86400))
        updated = created + timedelta(seconds=rng.randint(0, int((NOW - created).total_seconds())))
        verified = status == "published" and rng.random() < v.VERIFIED_SHARE
        has_nib = legal_form not in ("government", "association") and rng.random() < 0.55
        row = {
            "id": pk,
            "name": name,
            "slug": f"{slugify(name)}-{pk}",
            "legal_form": legal_form,
            "nib": f"91{pk:011d}" if has_nib else "",
            "kbli_codes": ", ".join(rng.sample(v.KBLI[main], rng.randint(1, 2)))
            if rng.random() < 0.4
            else "",
            "year_founded": rng.randint(1965, 2025) if rng.random() < 0.8 else None,
            "size": size,
            "description": "",
            "description_en": "",
            "export_markets": "",
            "capacity_pairs": None,
            "moq_pairs": None,
            "supply_capacity": None,
            "supply_capacity_unit": "",
            "supply_moq": None,
            "supply_moq_unit": "",
            "price_segment": "",
            "organisation_kind": "",
            "province_id": province,
            "regency_id": regency,
            "district_id": district,
            "address": f"{rng.choice(v.STREETS)} No. {rng.randint(1, 250)}" if rng.random() < 0.8 else "",
            "postal_code": f"{rng.randint(10000, 99999)}" if rng.random() < 0.5 else "",
            "latitude": None,
            "longitude": None,
            "contact_person": f"{rng.choice(v.CONTACT_NAMES)} {rng.choice(v.CONTACT_NAMES)}",
            "phone": f"+62812{rng.randint(10000000, 99999999)}" if rng.random() < 0.8 else "",
            "whatsapp": f"+62813{rng.randint(10000000, 99999999)}" if rng.random() < 0.7 else "",
            "email": f"info{pk}@{slugify(name)[:30].strip('-')}.co.id" if rng.random() < 0.6 else "",
            "website": f"https://{slugify(name)[:30].strip('-')}.co.id/" if rng.random() < 0.25 else "",
            "instagram": f"https://instagram.com/ifn{pk}" if rng.random() < 0.35 else "",
            "facebook": "",
            "tiktok": f"https://tiktok.com/@ifn{pk}" if main == "brand" and rng.random() < 0.4 else "",
            "youtube": "",
            "tokopedia": f"https://tokopedia.com/ifn{pk}" if main == "brand" and rng.random() < 0.5 else "",
            "shopee": f"https://shopee.co.id/ifn{pk}" if main == "brand" and rng.random() < 0.5 else "",
            "logo": "",
            "status": status,
            "rejection_reason": rng.choice(v.REJECTION_REASONS) if status == "rejected" else "",
            "changed_since_review": status == "published" and rng.random() < 0.02,
            "verified": verified,
            "verified_at": updated if verified else None,
            "reviewed_at": updated if status in ("published", "rejected") else None,
            "is_demo": False,
            "created_at": created,
            "updated_at": updated,
        }
        if "producer" in roles:
            row["capacity_pairs"] = capacity
            row["moq_pairs"] = rng.choice([12, 24, 50, 100, 200, 300, 500, 1000, 2000])
        if main in ("material", "supplier"):
            unit = rng.choice(v.SUPPLY_UNITS[main])
            row.update(supply_capacity=capacity * 10, supply_capacity_unit=unit)
            if rng.random() < 0.6:
                row.update(supply_moq=rng.choice([10, 50, 100, 500]), supply_moq_unit=unit)
        if "brand" in roles:
            row["price_segment"] = rng.choice(["budget", "middle", "middle", "premium", "luxury"])
        if main == "organisation":
            row["organisation_kind"] = rng.choice(
                ["association", "government", "education", "laboratory", "cooperative", "financing"]
            )
        if rng.random() < 0.2 and main != "organisation":
            row["export_markets"] = ",".join(sorted(rng.sample(v.EXPORT_MARKETS, rng.randint(1, 4))))
        if rng.random() < 0.4:
            lat, lng, spread = v.REGENCY_CENTRES.get(regency) or v.PROVINCE_CENTRES[province]
            row["latitude"] = f"{lat + rng.uniform(-spread, spread):.6f}"
            row["longitude"] = f"{lng + rng.uniform(-spread, spread):.6f}"
        if rng.random() < 0.95:
            row["description"], english = self._description(main, name, place, categories, row)
            if rng.random() < v.ENGLISH_SHARE:
                row["description_en"] = english
        m2m = {
            "roles": roles,
            "categories": [pk for pk, _ in categories],
            "features": self._features(roles),
            "certifications": self._certifications(main, categories),
        }
        return row, m2m

    def _name(self, role, legal_form, place):
        rng = self.rng
        if role == "organisation":
            return rng.choice(v.ORGANISATION_NAMES).format(place=place)
        if role == "brand" or not v.ROLE_NOUNS[role]:
            word = "".join(rng.choice(v.BRAND_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            return f"{word} {rng.choice(['Footwear', 'Shoes', 'Official', 'Sepatu', 'Indonesia', 'Craft'])}"
        words = " ".join(rng.sample(v.NAME_WORDS, rng.randint(1, 2)))
        prefix = v.LEGAL_PREFIX.get(legal_form)
        name = f"{rng.choice(v.ROLE_NOUNS[role])} {words}"
        return f"{prefix} {name}" if prefix else name

    def _description(self, role, name, place, categories, row):
        rng = self.rng
        products = ", ".join(label for _, label in categories) or "alas kaki"
        opening_id, opening_en = v.OPENINGS[role]
        fill = {
            "name": name,
            "place": place,
            "products": products,
            "products_en": products,
            "year": row["year_founded"] or 2010,
            "capacity": f"{row['capacity_pairs'] or 1000:,}".replace(",", "."),
        }
        chosen = rng.sample(v.SENTENCES, rng.randint(*v.SENTENCES_PER_DESCRIPTION))
        indonesian = " ".join([opening_id.format(**fill)] + [s.format(**fill) for s, _ in chosen])
        english = " ".join([opening_en.format(**fill)] + [e.format(**fill) for _, e in chosen])
        return indonesian, english

    def _features(self, roles):
        rng = self.rng
        chosen = []
        for role in roles:
            for ids in self.features.get(role, {}).values():
                chosen += rng.sample(ids, rng.randint(0, min(2, len(ids))))
        return chosen

    def _certifications(self, role, categories):
        rng = self.rng
        chosen = [
            pk for slug, pk in self.certifications.items() if rng.random() < v.CERTIFICATIONS.get(slug, 0)
        ]
        if role == "material" and "lwg" in self.certifications and rng.random() < v.LWG_SHARE_FOR_MATERIAL:
            chosen.append(self.certifications["lwg"])
        return chosen


def _copy_text(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _copy_rows(rows):
    return "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)


class _Writer:
    """Writes chunks of rows into one table: COPY on PostgreSQL, INSERT elsewhere."""

    def __init__(self, connection, table, fields):
        self.connection, self.table, self.fields = connection, table, fields
        self.columns = [field.column for field in fields]
        self.copy = connection.vendor == "postgresql"
        quote = connection.ops.quote_name
        column_list = ", ".join(quote(c) for c in self.columns)
        if self.copy:
            self.sql = f"COPY {quote(table)} ({column_list}) FROM STDIN"
        else:
            placeholders = ", ".join(["%s"] * len(self.columns))
            self.sql = f"INSERT INTO {quote(table)} ({column_list}) VALUES ({placeholders})"

    def write(self, rows):
        """Write rows: lists of values, or on PostgreSQL their COPY text (_copy_rows())."""
        if not rows:
            return
        with self.connection.cursor() as cursor:
            if self.copy:
                buffer = io.StringIO(rows if isinstance(rows, str) else _copy_rows(rows))
                cursor.cursor.copy_expert(self.sql, buffer)
            else:
                prepared = [
                    [
                        f.get_db_prep_value(value, self.connection)
                        for f, value in zip(self.fields, row, strict=True)
                    ]
                    for row in rows
                ]
                cursor.executemany(self.sql, prepared)


# From this many rows, dropping the secondary indexes and building them once
# afterwards beats updating them row by row (the full-text GIN indexes above all).
REBUILD_FROM = 20_000


@contextmanager
def _indexes_deferred(connection, tables, *, rebuild):
    """Drop the tables' indexes that back no constraint, and recreate them on the way out."""
    if not rebuild or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c
                WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
              )
            """,
            [list(tables)],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        _build_indexes(connection.alias, [definition for _name, definition in indexes])


def _build_indexes(alias, definitions):
    """Run the CREATE INDEX statements WRITERS at a time, the slow GIN ones first."""
    pending = queue.Queue()
    for definition in sorted(definitions, key=lambda definition: "USING gin" not in definition):
        pending.put(definition)
    errors = []

    def build():
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '256MB'")
                while True:
                    try:
                        definition = pending.get_nowait()
                    except queue.Empty:
                        return
                    cursor.execute(definition)
        except Exception as error:
            errors.append(error)
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=build) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def _listing_columns(sample):
    """The listing fields to write, and the constant value of those the generator does not know.

    A column added later (a search document kept by a trigger, a counter with
    a default) must not break the seeder: fields with a default get it,
    others are left to the database (NULL, db_default or trigger).
    """
    fields, constants = [], {}
    for field in Listing._meta.concrete_fields:
        if field.attname in sample:
            fields.append(field)
        elif field.has_default():
            fields.append(field)
            constants[field.attname] = field.get_default()
    return fields, constants


def _chunks(generator, *, start, count, chunk, attnames, constants, as_text):
    """Chunks of generated rows: (listing rows, {m2m name: link rows}), as COPY text when `as_text`."""
    done = 0
    while done < count:
        size = min(chunk, count - done)
        listing_rows, links = [], {name: [] for name in M2M}
        for pk in range(start + done, start + done + size):
            row, m2m = generator.listing(pk)
            row.update(constants)
            listing_rows.append([row[name] for name in attnames])
            for name, ids in m2m.items():
                links[name] += [(pk, target) for target in ids]
        if as_text:
            listing_rows = _copy_rows(listing_rows)
            links = {name: _copy_rows(rows) for name, rows in links.items()}
        yield size, listing_rows, links
        done += size


def _in_background(items):
    """The items of the iterator `items`, made in a forked child process while this one uses them.

    On a machine with two cores the database ingests one chunk while Python
    generates the next. The child is started here, before any writer thread
    exists; it only computes, never touches the database connections it
    inherits, and leaves without closing them.
    """
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=2)

    def produce():
        try:
            for item in items:
                channel.put(item)
        except BaseException as error:  # reported to the parent, which raises it
            channel.put(RuntimeError(f"generating listings failed: {error!r}"))
            raise
        channel.put(None)

    child = context.Process(target=produce, daemon=True)
    child.start()

    def received():
        try:
            while (item := channel.get()) is not None:
                if isinstance(item, Exception):
                    raise item
                yield item
        finally:
            if child.is_alive():
                child.terminate()
            child.join()

    return received()


# The directory generation's triggers (directory 0011) take one row lock per
# writing transaction, which would make parallel writers wait for each other.
GENERATION_TRIGGERS = [
    ("directory_listing", "directory_listing_generation"),
    *[(f"directory_listing_{name}", f"directory_listing_{name}_generation") for name in M2M],
]


@contextmanager
def _bulk_load(connection, tables, *, parallel):
    """Secondary indexes built once at the end; with parallel writers, the generation
    triggers off during the load and the generation replaced once after it."""
    with _indexes_deferred(connection, tables, rebuild=parallel):
        if not parallel:
            yield
            return
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, trigger in GENERATION_TRIGGERS:
                cursor.execute(f"ALTER TABLE {quote(table)} DISABLE TRIGGER {quote(trigger)}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                for table, trigger in GENERATION_TRIGGERS:
                    cursor.execute(f"ALTER TABLE {quote(table)} ENABLE TRIGGER {quote(trigger)}")
                cursor.execute(
                    "UPDATE directory_directorygeneration SET token = md5(random()::text || clock_timestamp()::text)"
                )


def seed_listings(*, count, seed=2026, using="default", chunk=CHUNK, progress=None, parallel=None):
    """Add `count` generated listings to the database `using`; return (count, seconds).

    Listing ids continue after the highest existing one, so seeding twice adds
    more listings rather than failing on duplicates. On PostgreSQL, from
    REBUILD_FROM listings (or with `parallel=True`), the rows are generated in
    a child process and written by WRITERS connections at once, each chunk in
    its own transaction, with the secondary indexes built once at the end:
    the machine's cores share the work of generating, parsing search
    documents and writing.
    """
    connection = connections[using]
    generator = Generator(seed=seed, using=using)
    start = (Listing.objects.using(using).order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    sample, _ = generator.listing(0)
    fields, constants = _listing_columns(sample)
    through = {}
    for name in M2M:
        m2m_field = Listing._meta.get_field(name)
        model = m2m_field.remote_field.through
        through[name] = (
            model._meta.db_table,
            [
                model._meta.get_field(m2m_field.m2m_field_name()),
                model._meta.get_field(m2m_field.m2m_reverse_field_name()),
            ],
        )
    # The search documents' table (directory 0013) is filled by triggers: its
    # index, too, is built once at the end.
    tables = [Listing._meta.db_table, "directory_listingsearch"] + [table for table, _ in through.values()]
    copy = connection.vendor == "postgresql"
    if parallel is None:
        parallel = count >= REBUILD_FROM
    parallel = parallel and copy
    chunks = _chunks(
        generator,
        start=start,
        count=count,
        chunk=chunk,
        attnames=[field.attname for field in fields],
        constants=constants,
        as_text=copy,
    )

    def write(size, listing_rows, links):
        # Each writer thread has its own connection (Django's are per thread).
        writing = connections[using]
        # Links first, in the same transaction (the foreign keys are checked at
        # commit): each listing's search document is then built once, as its
        # row goes in, instead of again for each link.
        with transaction.atomic(using=using):
            for name, (table, columns) in through.items():
                _Writer(writing, table, columns).write(links[name])
            _Writer(writing, Listing._meta.db_table, fields).write(listing_rows)
        return size

    started = time.monotonic()
    done = 0
    with _bulk_load(connection, tables, parallel=parallel):
        if parallel:
            written = _write_in_parallel(_in_background(chunks), write, using=using)
        else:
            written = (write(*item) for item in chunks)
        for size in written:
            done += size
            if progress:
                progress(done, time.monotonic() - started)
    if copy:
        with connection.cursor() as cursor:
            table = Listing._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM {connection.ops.quote_name(table)}))",
                [table],
            )
    return count, time.monotonic() - started


WRITERS = 2


def _write_in_parallel(chunks, write, *, using):
    """write(*chunk) for every chunk, by WRITERS threads at once; yields each chunk's size when written."""
    results = queue.Queue()
    work = queue.Queue(maxsize=WRITERS)
    failed = threading.Event()

    def writer():
        try:
            while (item := work.get()) is not None:
                if not failed.is_set():
                    results.put(write(*item))
        except BaseException as error:
            failed.set()
            results.put(error)
        finally:
            connections[using].close()

    threads = [threading.Thread(target=writer, daemon=True) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    try:
        for item in chunks:
            while not results.empty():
                result = results.get()
                if isinstance(result, BaseException):
                    raise result
                yield result
            work.put(item)
    finally:
        for _ in threads:
            work.put(None)
        for thread in threads:
            thread.join()
    while not results.empty():
        result = results.get()
        if isinstance(result, BaseException):
            raise result
        yield result


def analyze(*, using="default"):
    """What autovacuum does after a bulk load, at once (PostgreSQL): statistics for the
    planner, and the visibility map that lets index-only scans skip the table."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
