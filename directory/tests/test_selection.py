"""The snapshot's answers agree with the database's for any filter combination.

The directory page and the API count facets, total and page through the
results on the in-memory snapshot (directory/selection.py); the CSV export and
the map read the same filters in SQL (ListingFilter.qs). Hypothesis draws
filter combinations over a varied directory and checks, for each, that the
snapshot gives the same listings in the same order as SQL, and for every
facet option the count SQL gives when that option replaces its facet's value.
"""

import datetime
import uuid

import pytest
from django.http import QueryDict
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from directory import snapshot
from directory.facets import facet_counts
from directory.filters import CAPACITY_RANGES, MOQ_RANGES, ListingFilter, Sort
from directory.models import Certification, Listing

from .factories import ListingFactory, category

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PLACES = [("35", "35.15", "35.15.06"), ("35", "35.78", None), ("32", "32.73", None), ("32", "32.04", None)]
WORDS = ["sepatu", "kulit", "sandal", "karet", "sol", "boots", "kanvas"]


@pytest.fixture
def directory():
    """Forty listings that differ in every way the filters look at."""
    sni, halal = Certification.objects.get(slug="sni"), Certification.objects.get(slug="halal")
    roles = [["producer"], ["supplier"], ["producer", "brand"], ["material"], ["brand"], ["organisation"]]
    categories = {
        "producer": [category("producer", "sport"), category("producer", "formal-leather")],
        "brand": [category("brand", "sport")],
        "supplier": [category("supplier", "outsoles")],
        "material": [],
        "organisation": [],
    }
    start = timezone.now() - datetime.timedelta(days=400)
    for n in range(40):
        province, regency, district = PLACES[n % len(PLACES)]
        listing_roles = roles[n % len(roles)]
        listing = ListingFactory(
            name=f"{WORDS[n % 7].title()} {['Abadi', 'Jaya', 'Makmur', 'Sentosa', 'Mulia'][n % 5]} {n:02d}",
            description=f"Kami membuat {WORDS[(n * 3) % 7]} dan {WORDS[(n * 5) % 7]}.",
            roles=listing_roles,
            categories=[c for role in listing_roles for c in categories[role]][: 1 + n % 2],
            province_id=province,
            regency_id=regency,
            district_id=district,
            size=["", "micro", "small", "medium", "large"][n % 5],
            capacity_pairs=[None, 500, 5000, 20000, 80000][(n * 3) % 5],
            moq_pairs=[None, 20, 100, 600, 5000][(n * 7) % 5],
            export_markets=["", "JP", "MY,US"][n % 3],
            verified=n % 4 == 0,
            verified_at=start if n % 4 == 0 else None,
        )
        Listing.objects.filter(pk=listing.pk).update(
            created_at=start + datetime.timedelta(days=n * 7 % 40),
            updated_at=start + datetime.timedelta(days=(n * 11) % 40),
        )
        if n % 3 == 0:
            listing.certifications.add(sni)
        if n % 5 == 0:
            listing.certifications.add(halal)
    ListingFactory(name="Sepatu Draf", status=Listing.Status.DRAFT)


VALUES = {
    "q": WORDS + ["sepatu kulit", "abadi", "zzz"],
    "role": ["producer", "supplier", "brand", "material", "organisation"],
    "category": ["sport", "formal-leather", "outsoles"],
    "province": ["35", "32"],
    "regency": ["35.15", "35.78", "32.73"],
    "certification": ["sni", "halal"],
    "size": ["micro", "small", "medium", "large"],
    "capacity": [code for code, *_rest in CAPACITY_RANGES],
    "moq": [code for code, *_rest in MOQ_RANGES],
    "verified": ["1"],
    "export": ["1"],
    "sort": ["name", "newest", "updated", "relevance"],
}
combinations = st.dictionaries(
    st.sampled_from(sorted(VALUES)),
    st.sampled_from(range(20)),
    max_size=4,
).map(lambda drawn: {name: VALUES[name][n % len(VALUES[name])] for name, n in drawn.items()})


def sql_count(filterset, facet, option):
    """What SQL counts for `option` of `facet`: every other active filter, and this option (disjunctive)."""
    base = filterset.filtered(exclude=["province", "regency"] if facet == "province" else [facet])
    field = filterset.form.fields[facet]
    value = field.clean(field.widget.value_from_datadict({facet: option}, {}, facet))
    return filterset.filters[facet].filter(base, value).count()


@BOUNDED
@given(params=combinations)
@example(params={"q": "sepatu"})
@example(params={"q": "sepatu kulit", "sort": "newest"})
@example(params={"q": "kulit", "role": "producer", "province": "35"})
@example(params={"role": "producer", "category": "sport", "certification": "sni", "export": "1"})
@example(params={"province": "35", "regency": "35.15", "capacity": "1000-9999", "verified": "1"})
@example(params={"category": "sport", "size": "small", "moq": "51-300", "sort": "updated"})
def test_the_snapshot_agrees_with_sql(directory, params):
    data = QueryDict(mutable=True)
    data.update(params)
    filterset = ListingFilter(data)
    expected = list(filterset.qs.values_list("pk", flat=True))
    assert [listing.pk for listing in filterset.results()[:100]] == expected
    counts = facet_counts(filterset)
    assert counts["total"] == len(expected)
    cleaned = filterset.form.cleaned_data
    for facet, options in VALUES.items():
        if facet in ("q", "sort"):
            continue
        if facet == "regency" and not cleaned.get("province"):
            continue
        if facet == "category" and cleaned.get("role"):
            options = [slug for slug in options if slug in filterset.category_options]
        for option in options:
            want = sql_count(filterset, facet, option)
            found = counts[facet]
            if facet in ("province", "regency"):
                found = {code: n for code, _name, n in found}
            got = found.get(option, 0) if facet not in ("verified", "export") else found["1"]
            assert got == want, (params, facet, option)


def test_pages_read_only_their_rows_and_deep_pages_are_right(directory):
    filterset = ListingFilter(QueryDict("sort=newest"))
    results = filterset.results()
    everything = list(filterset.qs.values_list("pk", flat=True))
    assert [listing.pk for listing in results[10:15]] == everything[10:15]
    assert [listing.pk for listing in results[38:50]] == everything[38:]
    assert results[0].pk == everything[0]
    assert filterset.sort_order == Sort.NEWEST


def test_a_snapshot_is_kept_until_the_directory_changes(directory, django_assert_num_queries):
    first = snapshot.current()
    with django_assert_num_queries(1):  # the generation token only
        assert snapshot.current() is first
    ListingFactory(name="Baru Masuk")
    second = snapshot.current()
    assert second is not first
    assert len(second) == len(first) + 1


def test_processes_share_a_generation_s_snapshot_through_redis(
    directory, settings, django_assert_num_queries
):
    settings.CACHES = {
        "default": {
            "BACKEND": "ifn.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/4",
            "KEY_PREFIX": f"snapshot-test-{uuid.uuid4().hex}",
        }
    }
    built = snapshot.current()
    snapshot._kept.clear()  # another process: nothing kept in its memory
    with django_assert_num_queries(1):  # the generation token; the rest comes from Redis
        shared = snapshot.current()
    assert shared is not built
    assert shared.token == built.token
    assert shared.ids.tolist() == built.ids.tolist()
    assert shared.by_name.tolist() == built.by_name.tolist()


def test_a_starting_worker_reads_the_snapshot_before_its_first_visitor(directory, django_assert_num_queries):
    snapshot._kept.clear()  # a new process
    snapshot.warm()
    with django_assert_num_queries(1):  # the generation token: the snapshot is there already
        warmed = snapshot.current()
    assert len(warmed) == Listing.objects.published().count()


def test_gunicorn_workers_warm_the_snapshot_when_they_start(directory):
    import runpy
    from pathlib import Path

    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    snapshot._kept.clear()
    config["post_worker_init"](worker=None)
    assert snapshot._kept["default"].token == snapshot.current().token


def test_a_worker_whose_database_is_down_still_starts(monkeypatch, caplog):
    from django.db import OperationalError

    def unreachable(using="default"):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(snapshot, "current", unreachable)
    snapshot.warm()  # logs, does not raise: the first visitor gets the usual 503 page
    assert "could not be loaded in advance" in caplog.text
