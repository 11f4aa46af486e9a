"""The published directory as columns in memory: one snapshot per directory generation.

Counting every facet of a page, and finding which listings a page shows, are
questions about all published listings at once. Asked of the database they
cost a pass over every matching row, so their cost grows with the directory.
Asked of a few numpy arrays (one value per listing: province, size, capacity…,
and the listing–role, listing–category and listing–certification pairs) they
cost microseconds per thousand listings, whatever the filters.

A snapshot is built once per directory generation (counts.py: database
triggers replace the generation token on every write) and kept by each
process until the token changes, so it is never stale. On PostgreSQL it is
read in a few queries that return whole columns as binary arrays, through
index-only scans (migration 0013 adds the covering index); elsewhere through
the ORM. Memory: about 95 bytes per published listing.
"""

import logging
import pickle
import threading
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connections

from .counts import PREFIX, TIMEOUT
from .models import Category, Certification, DirectoryGeneration, Listing, Province, Regency, Role
from .pgbinary import binary_array as _binary_array
from .pgbinary import copied_columns

logger = logging.getLogger(__name__)

ROLE_CODES = list(Role.Code.values)
SIZE_CODES = ["", *Listing.Size.values]


def regency_number(code):
    """'35.15' → 3515: regency codes as integers."""
    return int(code.replace(".", ""))


@dataclass(frozen=True, eq=False)
class Pairs:
    """Links from listings to something: `at[i]` is a listing's position, `value[i]` what it links to."""

    at: np.ndarray
    value: np.ndarray

    def having(self, values, size):
        """A mask of the listings linked to any of `values`."""
        mask = np.zeros(size, dtype=bool)
        mask[self.at[np.isin(self.value, list(values))]] = True
        return mask

    def count(self, mask, minlength=0):
        """How many of the listings in `mask` link to each value (bincount by value)."""
        return np.bincount(self.value[mask[self.at]], minlength=minlength)


@dataclass(frozen=True, eq=False)
class Snapshot:
    token: str | None
    ids: np.ndarray  # listing ids, ascending: a listing's position is its index here
    province: np.ndarray  # Kemendagri code as a number
    regency: np.ndarray  # regency_number()
    size: np.ndarray  # index into SIZE_CODES
    capacity: np.ndarray  # -1 when not given
    moq: np.ndarray
    verified: np.ndarray
    export: np.ndarray
    by_name: np.ndarray  # positions in the directory's order: name, then id
    by_newest: np.ndarray  # -created_at, -id
    by_updated: np.ndarray  # -updated_at, -id
    roles: Pairs  # value: index into ROLE_CODES
    categories: Pairs  # value: category id
    certifications: Pairs  # value: certification id
    category_slugs: Pairs  # value: index into slugs; one pair per listing and slug
    slugs: list = field(default_factory=list)  # every category slug, sorted
    category_info: dict = field(default_factory=dict)  # id: (role code, slug)
    certification_slugs: dict = field(default_factory=dict)  # id: slug
    province_names: dict = field(default_factory=dict)  # number: (code, name)
    regency_names: dict = field(default_factory=dict)  # number: (code, name)
    # Masks of filters the snapshot has no column for, worked out from the
    # database once per snapshot (selection.py says for how long each holds).
    derived: dict = field(default_factory=dict)

    def __len__(self):
        return len(self.ids)

    def positions(self, ids):
        """Positions of those of `ids` (any order, repeats allowed) that are in the snapshot."""
        return _present(self.ids, np.asarray(ids, dtype=np.int64))

    def mask_of(self, ids):
        mask = np.zeros(len(self), dtype=bool)
        mask[self.positions(ids)] = True
        return mask


def _present(haystack, needles):
    """Positions in the sorted `haystack` of those `needles` it holds, in the needles' order."""
    at = np.searchsorted(haystack, needles)
    inside = at < len(haystack)
    at, needles = at[inside], needles[inside]
    return at[haystack[at] == needles]


# --- Building --------------------------------------------------------------------


SIZE_SQL = "coalesce(array_position(%s::text[], nullif(size, '')), 0)"

# Read with binary COPY (pgbinary.copied_columns): every value fixed-width, none NULL.
POSTGRESQL_COLUMNS = f"""
SELECT id, province_id::int2, replace(regency_id, '.', '')::int4, ({SIZE_SQL})::int2,
       coalesce(capacity_pairs, -1)::int8, coalesce(moq_pairs, -1)::int8, verified, export_markets <> '',
       created_at, updated_at
FROM directory_listing WHERE status = 'published' ORDER BY id
"""
POSTGRESQL_BY_NAME = """
SELECT array_send(array_agg(id)) FROM (
    SELECT id FROM directory_listing WHERE status = 'published' ORDER BY name, id
) AS by_name
"""
# Every link, unpublished listings' too: build() drops those that point to no
# published listing, which costs less than a join in the database.
POSTGRESQL_PAIRS = """
SELECT array_send(array_agg(link.listing_id)), array_send(array_agg({value}))
FROM {table} AS link
"""


def _postgresql_columns(cursor):
    # (type on the wire, type kept)
    types = [
        (np.int64, np.int64),
        (np.int16, np.int16),
        (np.int32, np.int32),
        (np.int16, np.int8),
        (np.int64, np.int64),
        (np.int64, np.int64),
        (bool, bool),
        (bool, bool),
        (np.int64, np.int64),
        (np.int64, np.int64),
    ]
    read = copied_columns(cursor, POSTGRESQL_COLUMNS, [SIZE_CODES[1:]], [wire for wire, _kept in types])
    columns = [column.astype(kept) for column, (_wire, kept) in zip(read, types, strict=True)]
    cursor.execute(POSTGRESQL_BY_NAME)
    columns.append(_binary_array(cursor.fetchone()[0], np.int64))
    pairs = []
    for table, value in [
        ("directory_listing_roles", "(array_position(%s::text[], link.role_id::text) - 1)::int4"),
        ("directory_listing_categories", "link.category_id::int4"),
        ("directory_listing_certifications", "link.certification_id::int4"),
    ]:
        cursor.execute(
            POSTGRESQL_PAIRS.format(table=table, value=value), [ROLE_CODES] if "%s" in value else []
        )
        listing_ids, values = cursor.fetchone()
        pairs.append((_binary_array(listing_ids, np.int64), _binary_array(values, np.int32)))
    return columns, pairs


def _generic_columns(using):
    published = Listing.objects.using(using).published()
    rows = list(
        published.order_by("pk").values_list(
            "pk",
            "province_id",
            "regency_id",
            "size",
            "capacity_pairs",
            "moq_pairs",
            "verified",
            "export_markets",
            "created_at",
            "updated_at",
        )
    )

    def column(index, convert, dtype):
        return np.array([convert(row[index]) for row in rows], dtype=dtype)

    def microseconds(moment):
        return int(moment.timestamp() * 1_000_000)

    columns = [
        column(0, int, np.int64),
        column(1, int, np.int16),
        column(2, regency_number, np.int32),
        column(3, lambda size: SIZE_CODES.index(size) if size in SIZE_CODES else 0, np.int8),
        column(4, lambda n: -1 if n is None else n, np.int64),
        column(5, lambda n: -1 if n is None else n, np.int64),
        column(6, bool, bool),
        column(7, lambda markets: bool(markets), bool),
        column(8, microseconds, np.int64),
        column(9, microseconds, np.int64),
        np.array(list(published.order_by("name", "pk").values_list("pk", flat=True)), dtype=np.int64),
    ]
    published_ids = published.values("pk")
    pairs = []
    for through, name, convert in [
        (Listing.roles.through, "role_id", ROLE_CODES.index),
        (Listing.categories.through, "category_id", int),
        (Listing.certifications.through, "certification_id", int),
    ]:
        links = list(
            through.objects.using(using).filter(listing__in=published_ids).values_list("listing_id", name)
        )
        pairs.append(
            (
                np.array([listing for listing, _value in links], dtype=np.int64),
                np.array([convert(value) for _listing, value in links], dtype=np.int32),
            )
        )
    return columns, pairs


def _order(ids, moments):
    """Positions newest first; the later id first among equal moments."""
    return np.lexsort((-ids, -moments)).astype(np.int32)


def build(using="default", token=None):
    """A snapshot of the published listings as the database holds them now."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            columns, pairs = _postgresql_columns(cursor)
    else:
        columns, pairs = _generic_columns(using)
    ids, province, regency, size, capacity, moq, verified, export, created, updated, by_name = columns

    def linked(listing_ids, values):
        at = np.searchsorted(ids, listing_ids)
        inside = at < len(ids)
        inside[inside] = ids[at[inside]] == listing_ids[inside]
        return Pairs(at[inside].astype(np.int32), values[inside])

    category_info = {
        pk: (role, slug)
        for pk, role, slug in Category.objects.using(using).values_list("pk", "role_id", "slug")
    }
    categories = linked(*pairs[1])
    slugs = sorted({slug for _role, slug in category_info.values()})
    # A listing in the producer and in the brand "sport" category is one listing for "sport".
    width = max(len(slugs), 1)
    slug_of = np.full(max(category_info, default=0) + 1, -1, dtype=np.int64)
    for pk, (_role, slug) in category_info.items():
        slug_of[pk] = slugs.index(slug)
    values = np.where(categories.value < len(slug_of), categories.value, 0)
    known = slug_of[values] >= 0
    keys = np.unique(categories.at[known].astype(np.int64) * width + slug_of[values[known]])
    category_slugs = Pairs((keys // width).astype(np.int32), (keys % width).astype(np.int32))

    return Snapshot(
        token=token,
        ids=ids,
        province=province,
        regency=regency,
        size=size,
        capacity=capacity,
        moq=moq,
        verified=verified,
        export=export,
        by_name=_present(ids, by_name).astype(np.int32),
        by_newest=_order(ids, created),
        by_updated=_order(ids, updated),
        roles=linked(*pairs[0]),
        categories=categories,
        certifications=linked(*pairs[2]),
        category_slugs=category_slugs,
        slugs=slugs,
        category_info=category_info,
        certification_slugs=dict(Certification.objects.using(using).values_list("pk", "slug")),
        province_names={
            int(code): (code, name)
            for code, name in Province.objects.using(using).values_list("code", "name")
        },
        regency_names={
            regency_number(code): (code, name)
            for code, name in Regency.objects.using(using)
            .filter(code__in=sorted({f"{n // 100:02d}.{n % 100:02d}" for n in np.unique(regency).tolist()}))
            .values_list("code", "name")
        },
    )


# --- Keeping one per generation ---------------------------------------------------

_kept = {}
_lock = threading.Lock()
# With Redis, snapshots up to this size (pickled) are shared, so the other
# processes of the generation load it (milliseconds) instead of building their
# own. The database cache is slower to store and read one than to build it.
SHARED_UP_TO = 64 * 1024 * 1024


def _shared(using, token):
    """The snapshot of `token` from Redis, or one built now (and shared there)."""
    if not isinstance(caches["default"], RedisCache):
        return build(using, token)
    key = f"{PREFIX}:{settings.RELEASE}:snapshot:{using}:{token}"
    try:
        data = cache.get(key)
    except Exception:
        logger.warning("Cache unreachable; building the directory snapshot here.", exc_info=True)
        return build(using, token)
    if data is not None:
        return pickle.loads(data)
    snapshot = build(using, token)
    data = pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
    if len(data) <= SHARED_UP_TO:
        try:
            cache.set(key, data, TIMEOUT)
        except Exception:
            logger.warning("Cache unreachable; the directory snapshot is not shared.", exc_info=True)
    return snapshot


def current(using="default"):
    """The snapshot of the directory generation this connection sees: kept by this
    process, else shared by another through the cache, else built now."""
    token = DirectoryGeneration.current(using)
    kept = _kept.get(using)
    if token is not None and kept is not None and kept.token == token:
        return kept
    with _lock:
        kept = _kept.get(using)
        if token is not None and kept is not None and kept.token == token:
            return kept
        if token is None:
            return build(using, token)
        _kept[using] = _shared(using, token)
        return _kept[using]


def warm(using="default"):
    """Have this process's snapshot ready before its first visitor (a server
    worker starting): the pages that need it then never wait for it."""
    try:
        current(using)
    except Exception as error:
        # One line, not a traceback: the first page that needs the snapshot tries again.
        logger.warning("The directory snapshot could not be loaded in advance: %s", error)
