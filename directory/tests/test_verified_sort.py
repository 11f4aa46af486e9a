"""Verified first: the directory, the API and the export list BPIPI-verified
listings first, by name, in index order."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from directory.filters import ListingFilter
from directory.models import Listing

from .factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings():
    now = timezone.now()
    ListingFactory(name="A Belum")
    ListingFactory(name="Z Terverifikasi", verified=True, verified_at=now)
    ListingFactory(name="B Belum")
    ListingFactory(name="M Terverifikasi", verified=True, verified_at=now)


def test_the_directory_sorts_verified_listings_first(client, listings):
    response = client.get(reverse("directory:list"), {"sort": "verified"})
    names = [listing.name for listing in response.context["page"].object_list]
    assert names == ["M Terverifikasi", "Z Terverifikasi", "A Belum", "B Belum"]
    assert '<option value="verified" selected>Terverifikasi BPIPI dulu</option>' in response.content.decode()
    # Within a search too, and together with other filters.
    response = client.get(reverse("directory:list"), {"sort": "verified", "q": "belum terverifikasi"})
    assert response.status_code == 200


def test_the_api_and_the_export_sort_verified_listings_first(client, listings):
    data = client.get("/api/listings/", {"sort": "verified"}).json()
    assert [row["name"] for row in data["results"]] == [
        "M Terverifikasi",
        "Z Terverifikasi",
        "A Belum",
        "B Belum",
    ]
    lines = b"".join(client.get(reverse("directory:export_csv"), {"sort": "verified"}).streaming_content)
    rows = lines.decode("utf-8-sig").splitlines()[1:]
    assert [row.split(",")[1] for row in rows] == ["M Terverifikasi", "Z Terverifikasi", "A Belum", "B Belum"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")
@pytest.mark.usefixtures("lifecycle_open")
def test_the_verified_order_is_read_from_its_index():
    Listing.objects.bulk_create(
        Listing(name=f"Sepatu {n:05d}", slug=f"sepatu-{n:05d}", province_id="35", regency_id="35.15",
                status="published", verified=n % 7 == 0, verified_at=timezone.now() if n % 7 == 0 else None)
        for n in range(3000)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE directory_listing")
    queryset = ListingFilter({"sort": "verified"}, queryset=Listing.objects.published()).qs[:24]
    plan = queryset.explain()
    assert "listing_verified_name_idx" in plan, plan
    assert "Sort" not in plan.split("Index")[0], plan
