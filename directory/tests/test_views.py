import pytest
from django.urls import reverse

from directory.models import Listing

from .factories import ListingFactory

pytestmark = pytest.mark.django_db


def test_home_shows_published_counts_per_role(client):
    ListingFactory.create_batch(3, roles=["producer"])
    ListingFactory(roles=["supplier"])
    ListingFactory(roles=["supplier"], status=Listing.Status.PENDING)
    response = client.get(reverse("directory:home"))
    assert response.status_code == 200
    counts = {role.code: role.count for role in response.context["roles"]}
    assert counts["producer"] == 3
    assert counts["supplier"] == 1
    html = response.content.decode()
    assert 'data-testid="count-producer">3<' in html
    assert 'data-testid="count-supplier">1<' in html


def test_detail_shows_published_listing_and_hides_others(client):
    listing = ListingFactory()
    assert client.get(listing.get_absolute_url()).status_code == 200
    for status in ["draft", "pending", "rejected", "archived"]:
        hidden = ListingFactory(status=status, rejection_reason="x")
        assert client.get(hidden.get_absolute_url()).status_code == 404


def test_english_lives_under_en_prefix(client):
    assert client.get("/").status_code == 200
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "en"
