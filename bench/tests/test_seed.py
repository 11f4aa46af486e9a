"""The benchmark's seeder must keep producing listings the portal accepts and shows."""

from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse

from bench.seed import seed_listings
from directory.models import DirectoryGeneration, Listing

pytestmark = pytest.mark.django_db


def test_seeded_listings_are_valid_and_appear_in_the_directory(client):
    count, _seconds = seed_listings(count=300, chunk=120)

    assert count == Listing.objects.count() == 300
    listings = list(Listing.objects.order_by("pk").prefetch_related("roles", "categories", "features"))
    for listing in listings[::10]:
        listing.full_clean()
        Listing.check_taxonomy(listing.roles.all(), listing.categories.all(), listing.features.all())
    statuses = Counter(listing.status for listing in listings)
    assert set(statuses) == {"published", "pending", "draft", "rejected", "archived"}
    assert 0.8 < statuses["published"] / count < 0.97
    assert any(len(listing.roles.all()) > 1 for listing in listings)
    assert {role.code for listing in listings for role in listing.roles.all()} == {
        "material",
        "supplier",
        "producer",
        "brand",
        "organisation",
    }
    located = sum(listing.latitude is not None for listing in listings)
    assert 0.25 < located / count < 0.55

    published = Listing.objects.published()
    response = client.get(reverse("directory:list"))
    assert response.status_code == 200
    assert response.context["paginator"].count == published.count()
    assert client.get(published.order_by("?").first().get_absolute_url()).status_code == 200
    found = client.get(reverse("directory:list"), {"q": "sepatu"})
    assert found.context["paginator"].count > 0


def test_seeding_again_adds_listings_after_the_existing_ones():
    seed_listings(count=40)
    first_max = Listing.objects.order_by("-pk").first().pk

    seed_listings(count=25, seed=7)

    assert Listing.objects.count() == 65
    assert Listing.objects.filter(pk__gt=first_max).count() == 25


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel COPY writers are PostgreSQL's")
def test_parallel_writers_leave_the_directory_searchable_and_its_generation_replaced():
    before = DirectoryGeneration.current()
    count, _seconds = seed_listings(count=1200, chunk=200, parallel=True)

    assert count == Listing.objects.count() == 1200
    published = Listing.objects.published()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM directory_listingsearch")
        assert cursor.fetchone()[0] == published.count()
        cursor.execute("SELECT count(*) FROM directory_searchword WHERE word = 'sepatu' AND listings > 0")
        assert cursor.fetchone()[0] == 1
        # The generation triggers are on again.
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'directory_listing%%_generation' AND tgenabled = 'D'"
        )
        assert cursor.fetchone()[0] == 0
    assert DirectoryGeneration.current() != before
    assert published.search("sepatu").exists()
    assert {listing.pk for listing in published.filter(roles__code="producer")[:50]}
