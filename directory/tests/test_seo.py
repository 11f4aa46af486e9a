import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from directory.models import Cluster, Listing
from directory.og import listing_card_version

from .factories import ListingFactory

pytestmark = pytest.mark.django_db

SITE = "https://ifn.example.id"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    with translation.override("id"):
        yield


def meta(html, prop):
    match = re.search(rf'<meta property="{prop}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_robots_points_to_sitemap_and_keeps_private_areas_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in ["/admin/", "/accounts/", "/dashboard/"]:
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_sitemap_index_pages_reach_every_listing_once_per_language(client, monkeypatch):
    from directory.sitemaps import ListingSitemap

    monkeypatch.setattr(ListingSitemap, "limit", 4)
    listings = ListingFactory.create_batch(5)
    _roots, locations = sitemap_locations(client)
    for listing in listings:
        assert locations.count(f"{SITE}/directory/{listing.slug}/") == 1
        assert locations.count(f"{SITE}/en/directory/{listing.slug}/") == 1
    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert f"{SITE}/sitemap-listings.xml?p=3" in pages
    assert f"{SITE}/sitemap-listings.xml?p=4" not in pages
    assert client.get("/sitemap-listings.xml?p=4").status_code == 404
    assert client.get("/sitemap-listings.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def sitemap_locations(client):
    """Every address of every section page the sitemap index lists."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    pages = [loc.text for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", NS)]
    assert pages and all(page.startswith(f"{SITE}/sitemap-") for page in pages)
    roots = []
    for page in pages:
        response = client.get(page.removeprefix(SITE))
        assert response.status_code == 200
        roots.append(ET.fromstring(response.content))
    return roots, [loc.text for root in roots for loc in root.findall("s:url/s:loc", NS)]


def test_sitemap_lists_published_listings_in_both_languages(client):
    shown = ListingFactory(name="Terbit")
    hidden = ListingFactory(name="Draf", status=Listing.Status.DRAFT)
    roots, locations = sitemap_locations(client)
    assert f"{SITE}/directory/{shown.slug}/" in locations
    assert f"{SITE}/en/directory/{shown.slug}/" in locations
    assert f"{SITE}/" in locations
    assert f"{SITE}/en/directory/" in locations
    cluster = Cluster.objects.first()
    assert f"{SITE}/clusters/{cluster.slug}/" in locations
    assert not any(hidden.slug in location for location in locations)

    entry = next(
        url
        for root in roots
        for url in root.findall("s:url", NS)
        if url.find("s:loc", NS).text.endswith(f"/en/directory/{shown.slug}/")
    )
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}
    assert alternates == {
        "id": f"{SITE}/directory/{shown.slug}/",
        "en": f"{SITE}/en/directory/{shown.slug}/",
        "x-default": f"{SITE}/directory/{shown.slug}/",
    }
    assert entry.find("s:lastmod", NS).text == shown.updated_at.date().isoformat()


def test_every_page_has_a_canonical_link_and_hreflang_alternates(client):
    html = client.get("/en/").content.decode()
    assert f'<link rel="canonical" href="{SITE}/en/">' in html
    assert f'<link rel="alternate" hreflang="id" href="{SITE}/">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{SITE}/">' in html
    assert meta(html, "og:url") == f"{SITE}/en/"


def test_detail_page_shares_name_logo_and_summary(client):
    listing = ListingFactory(
        name="Sepatu & Sandal Nusantara",
        logo="logos/nusantara.png",
        description="Sandal kulit buatan tangan.",
    )
    html = client.get(f"{listing.get_absolute_url()}?utm_source=wa").content.decode()
    assert f'<link rel="canonical" href="{SITE}/directory/{listing.slug}/">' in html
    assert meta(html, "og:title") == "Sepatu &amp; Sandal Nusantara"
    assert meta(html, "og:description") == "Sandal kulit buatan tangan."
    # The preview is the listing's own card, versioned by the listing's state.
    assert (
        meta(html, "og:image")
        == f"{SITE}/directory/{listing.slug}/card.png?v={listing_card_version(listing)}"
    )
    assert meta(html, "og:url") == f"{SITE}/directory/{listing.slug}/"


def test_summary_falls_back_to_roles_and_place_without_description(client):
    listing = ListingFactory(description="", roles=["supplier"])
    html = client.get(listing.get_absolute_url()).content.decode()
    description = meta(html, "og:description")
    assert "Sidoarjo" in description and "Jawa Timur" in description


def test_detail_page_has_schema_org_organization(client):
    listing = ListingFactory(
        name="PT Kulit </script><script>alert(1)</script>",
        logo="logos/kulit.png",
        phone="+62318971234",
        website="https://kulit.example",
        instagram="https://instagram.com/kulit",
        address="Jl. Kulit 1",
        latitude="-7.5",
        longitude="112.7",
    )
    html = client.get(listing.get_absolute_url()).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1, "the listing's name must not close the script element"
    data = json.loads(scripts[0])
    assert data["@type"] == "Organization"
    assert data["name"] == listing.name
    assert data["url"] == f"{SITE}/directory/{listing.slug}/"
    assert data["logo"] == f"{SITE}/media/logos/kulit.png"
    assert data["telephone"] == "+62318971234"
    assert data["address"]["addressLocality"] == "Kabupaten Sidoarjo"
    assert data["address"]["addressCountry"] == "ID"
    assert data["sameAs"] == ["https://kulit.example", "https://instagram.com/kulit"]
    assert data["location"]["geo"]["latitude"] == -7.5
