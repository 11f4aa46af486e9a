"""The benchmark's seeder must keep producing listings the portal accepts and shows."""

from collections import Counter

import pytest
from django.urls import reverse

from bench.seed import seed_listings
from directory.models import Listing

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
