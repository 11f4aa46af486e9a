"""Cached counts: read from the cache while nothing changes, never stale after any write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.counts import CachedCountPaginator, cached, cached_count
from directory.models import Cluster, DirectoryGeneration, Listing, Role, clusters_with_counts, role_counts

from .factories import ListingFactory

# Fixture data here sets listings' status directly, in bulk.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lifecycle_open")]


def producers():
    return {role.code: role.count for role in role_counts()}["producer"]


def tanggulangin():
    return {cluster.slug: cluster.count for cluster in clusters_with_counts()}["tanggulangin"]


@pytest.mark.usefixtures("memory_cache")
def test_a_second_read_comes_from_the_cache_with_one_query():
    ListingFactory.create_batch(3)
    assert producers() == 3
    assert tanggulangin() == 3
    with CaptureQueriesContext(connection) as queries:
        assert producers() == 3
        assert tanggulangin() == 3
        assert tanggulangin() == 3
    # Only the generation token is read, once per call.
    assert len(queries) == 3
    assert all("directory_directorygeneration" in q["sql"] for q in queries.captured_queries)


def test_orm_writes_change_the_counts():
    listing = ListingFactory()
    assert producers() == 1
    assert tanggulangin() == 1
    other = ListingFactory()
    assert producers() == 2
    other.status = Listing.Status.ARCHIVED
    other.save()
    assert producers() == 1
    listing.roles.set(Role.objects.filter(code="brand"))
    assert producers() == 0
    listing.delete()
    assert tanggulangin() == 0


def test_bulk_and_queryset_updates_change_the_counts():
    listings = ListingFactory.create_batch(3)
    assert producers() == 3
    for listing in listings[:2]:
        listing.status = Listing.Status.DRAFT
    Listing.objects.bulk_update(listings, ["status"])
    assert producers() == 1
    Listing.objects.update(district_id="35.15.01")
    assert tanggulangin() == 0


def test_raw_sql_writes_change_the_counts():
    listing = ListingFactory()
    assert producers() == 1
    assert tanggulangin() == 1
    with connection.cursor() as cursor:
        cursor.execute("UPDATE directory_listing SET status = 'pending' WHERE id = %s", [listing.pk])
    assert producers() == 0
    assert tanggulangin() == 0
    with connection.cursor() as cursor:
        cursor.execute("UPDATE directory_listing SET status = 'published' WHERE id = %s", [listing.pk])
        cursor.execute("DELETE FROM directory_listing_roles WHERE listing_id = %s", [listing.pk])
    assert producers() == 0
    assert tanggulangin() == 1


def test_taxonomy_writes_change_the_token():
    before = DirectoryGeneration.current()
    Cluster.objects.filter(slug="tanggulangin").update(position=99)
    assert DirectoryGeneration.current() != before


def test_a_missing_generation_row_counts_directly():
    ListingFactory()
    DirectoryGeneration.objects.all().delete()
    assert producers() == 1
    assert producers() == 1
    ListingFactory()
    # The next write brings the row back.
    assert DirectoryGeneration.current() is not None
    assert producers() == 2


def test_an_unreachable_cache_still_gives_the_counts(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    ListingFactory()
    assert producers() == 1


def test_cached_count_and_paginator_follow_writes():
    ListingFactory.create_batch(2)
    published = Listing.objects.published().order_by("name")
    assert cached_count(published) == 2
    assert CachedCountPaginator(published, 1).num_pages == 2
    ListingFactory()
    assert cached_count(published) == 3
    assert CachedCountPaginator(published, 1, count=7).count == 7


def test_deep_pages_read_their_ids_first_and_keep_the_order(monkeypatch):
    monkeypatch.setattr("directory.counts.DEEP_OFFSET", 2)
    ListingFactory.create_batch(7)
    published = Listing.objects.published().order_by("-name", "pk")
    expected = list(published)
    paginator = CachedCountPaginator(published, 2)
    pages = [list(paginator.page(n).object_list) for n in paginator.page_range]
    assert [x for page in pages for x in page] == expected
    with CaptureQueriesContext(connection) as queries:
        list(paginator.page(3).object_list)
    assert len(queries) == 2
    assert "IN (" in queries.captured_queries[1]["sql"]


@pytest.mark.usefixtures("memory_cache")
def test_a_new_release_never_reads_what_the_old_one_kept(settings):
    ListingFactory()
    computed = []

    def count():
        computed.append(1)
        return 1

    cached("release-check", count)
    cached("release-check", count)
    assert len(computed) == 1
    settings.RELEASE = "next-release"
    cached("release-check", count)
    assert len(computed) == 2
