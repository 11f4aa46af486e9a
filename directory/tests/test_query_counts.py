"""Queries per page stay the same at 20 and at 200 listings, with the cache cold and warm."""

import pytest
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Certification, Listing, Role

from .factories import ListingFactory, category

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("memory_cache", "lifecycle_open")]

# (name, path, parameters): the pages whose cost must not grow with the data.
PAGES = [
    ("home", "/", {}),
    ("directory", "/directory/", {}),
    ("directory, 2 filters", "/directory/", {"role": "producer", "province": "35"}),
    ("directory, search", "/directory/", {"q": "sepatu"}),
    ("directory, page 2", "/directory/", {"page": "2"}),
    ("cluster", "/clusters/tanggulangin/", {}),
    ("clusters", "/clusters/", {}),
    ("api list", "/api/listings/", {}),
    ("api list, filtered", "/api/listings/", {"role": "producer", "province": "35"}),
    ("sitemap index", "/sitemap.xml", {}),
    ("sitemap listings", "/sitemap-listings.xml", {}),
    ("admin listings", "/admin/directory/listing/", {}),
    ("admin listings, search", "/admin/directory/listing/", {"q": "sepatu"}),
    ("admin pending queue", "/admin/moderation/pendinglisting/", {}),
    ("admin index", "/admin/", {}),
]

# (cold, warm): nothing cached yet, then the same request again. Requests are a
# staff user's, so each includes reading the session and the user. The first
# directory page of a generation reads the directory snapshot (9 queries, once
# per process and generation); later pages, whatever their filters, only
# their own rows. A search reads its matches once, and asks whether each word
# is in the vocabulary. Listing cards prefetch five relations (roles,
# categories, certifications, features, photos). The directory's first page
# of a snapshot also reads which listings have a checked certificate (the
# facet); the API reads the page's verifications, and the admin index counts
# the listings due for re-verification (not cached: it changes with the date).
EXPECTED = {
    "home": (14, 12),  # one for the current projects
    "directory": (22, 12),
    "directory, 2 filters": (13, 13),
    "directory, search": (14, 13),
    "directory, page 2": (12, 12),
    "cluster": (14, 12),
    "clusters": (4, 3),
    # The API's answer is kept per address: then only the token is read.
    "api list": (8, 1),
    "api list, filtered": (9, 1),
    "sitemap index": (5, 4),  # one for the projects section
    "sitemap listings": (3, 2),
    "admin listings": (8, 7),
    "admin listings, search": (8, 7),
    "admin pending queue": (7, 6),
    "admin index": (15, 9),
}


def add_listings(count):
    """Published listings with roles, categories and certifications, made in bulk."""
    start = Listing.objects.count()
    listings = Listing.objects.bulk_create(
        Listing(
            name=f"Sepatu Massal {start + n:04d}",
            slug=f"sepatu-massal-{start + n:04d}",
            status=Listing.Status.PUBLISHED if n % 10 else Listing.Status.PENDING,
            province_id="35",
            regency_id="35.15",
            district_id="35.15.06",
            description="Produsen sepatu kulit.",
            size=["micro", "small", "medium", "large"][n % 4],
            verified=n % 3 == 0,
            verified_at="2026-01-01T00:00:00Z" if n % 3 == 0 else None,
        )
        for n in range(count)
    )
    producer, brand = Role.objects.get(code="producer"), Role.objects.get(code="brand")
    sport, certification = category("producer", "sport"), Certification.objects.first()
    Listing.roles.through.objects.bulk_create(
        [Listing.roles.through(listing=x, role=producer) for x in listings]
        + [Listing.roles.through(listing=x, role=brand) for x in listings[::2]]
    )
    Listing.categories.through.objects.bulk_create(
        Listing.categories.through(listing=x, category=sport) for x in listings
    )
    Listing.certifications.through.objects.bulk_create(
        Listing.certifications.through(listing=x, certification=certification) for x in listings[::3]
    )


def measure(client):
    # The current Site is read once per process; read it before counting.
    Site.objects.get_current()
    counts = {}
    for name, path, params in PAGES:
        cache.clear()
        runs = []
        for _run in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, params)
            assert response.status_code == 200, (name, response.status_code)
            runs.append(len(queries))
        counts[name] = tuple(runs)
    return counts


def test_query_counts_are_pinned_and_equal_at_20_and_200_listings(admin_client):
    ListingFactory(name="Sepatu Pertama")
    add_listings(19)
    assert measure(admin_client) == EXPECTED
    add_listings(180)
    assert Listing.objects.count() == 200
    assert measure(admin_client) == EXPECTED
    assert reverse("directory:list") == "/directory/"
