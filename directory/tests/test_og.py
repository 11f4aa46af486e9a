"""Link-preview cards: drawn once per listing version and language, kept in storage."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from directory import og
from directory.models import Listing

from .factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def card(client, listing, **params):
    return client.get(reverse("directory:card", kwargs={"slug": listing.slug}), params)


def test_a_published_listing_has_a_1200_by_630_card(client):
    listing = ListingFactory(name="Sepatu Kartu", verified=True, verified_at="2026-01-01T00:00Z")
    response = card(client, listing, v=og.listing_card_version(listing))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    # The versioned address never changes its answer.
    assert "max-age=31536000" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert "max-age=3600" in card(client, listing, v="old")["Cache-Control"]


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "archived"])
def test_an_unpublished_listing_has_no_card(client, status):
    listing = ListingFactory(status=status, rejection_reason="x")
    assert card(client, listing).status_code == 404


def test_the_card_is_drawn_once_and_again_after_an_edit(client, monkeypatch):
    listing = ListingFactory(name="Sepatu Sekali")
    drawn = []
    real = og.listing_card
    monkeypatch.setattr(og, "listing_card", lambda obj: drawn.append(obj.name) or real(obj))
    first = card(client, listing).content
    assert card(client, listing).content == first
    assert drawn == ["Sepatu Sekali"]
    assert default_storage.listdir(f"og/{listing.pk}")[1] == [og.listing_card_name(listing).split("/")[-1]]

    listing = Listing.objects.get(pk=listing.pk)
    listing.name = "Sepatu Baru"
    listing.save()
    card(client, listing)
    assert drawn == ["Sepatu Sekali", "Sepatu Baru"]
    # The earlier version's card is gone; one file per language remains.
    assert len(default_storage.listdir(f"og/{listing.pk}")[1]) == 1


def test_each_language_has_its_own_card(client):
    listing = ListingFactory()
    card(client, listing)
    client.get(f"/en/directory/{listing.slug}/card.png")
    names = sorted(default_storage.listdir(f"og/{listing.pk}")[1])
    assert [name.split("-")[0] for name in names] == ["en", "id"]


def test_pages_name_their_preview_image(client):
    listing = ListingFactory()
    html = client.get(listing.get_absolute_url()).content.decode()
    assert f'/directory/{listing.slug}/card.png?v={og.listing_card_version(listing)}"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    home = client.get(reverse("directory:home")).content.decode()
    assert '<meta property="og:image" content="' in home and "/static/img/social.png" in home
    assert '<meta property="og:site_name" content="Indonesia Footwear Network">' in home
