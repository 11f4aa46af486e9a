import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import Certification, CommunityMember, Feature, Listing, ListingPhoto, SupplyLink

from .factories import ListingFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():
    """A request under /en/ leaves English active in the thread; URLs here are built in Indonesian."""
    with translation.override("id"):
        yield


def full_listing(**kwargs):
    """A published producer with every public field filled in."""
    defaults = {
        "name": "PT Sepatu Lengkap",
        "legal_form": Listing.LegalForm.PT,
        "year_founded": 1998,
        "size": Listing.Size.MEDIUM,
        "description": "Produsen sepatu kulit pria.",
        "description_en": "Maker of men's leather shoes.",
        "capacity_pairs": 12000,
        "moq_pairs": 300,
        "export_markets": ["JP", "NL"],
        "address": "Jl. Raya Kedensari 12",
        "postal_code": "61272",
        "latitude": "-7.493100",
        "longitude": "112.693400",
        "contact_person": "Ibu Sari",
        "phone": "+62318971234",
        "whatsapp": "081234567890",
        "email": "sales@lengkap.example",
        "website": "https://lengkap.example",
        "instagram": "https://instagram.com/lengkap",
        "tokopedia": "https://tokopedia.com/lengkap",
        "shopee": "https://shopee.co.id/lengkap",
        "verified": True,
        "verified_at": timezone.now() - timedelta(days=3),
    }
    defaults.update(kwargs)
    listing = ListingFactory(**defaults, roles=["producer"], categories=[category("producer", "sport")])
    listing.features.set(Feature.objects.filter(role_id="producer")[:2])
    listing.certifications.set(Certification.objects.all()[:1])
    return listing


def test_detail_shows_everything_public(client):
    listing = full_listing()
    ListingPhoto.objects.create(listing=listing, image="photos/front.jpg", caption="Ruang produksi")
    response = client.get(listing.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "PT Sepatu Lengkap",
        "Produsen sepatu kulit pria.",
        category("producer", "sport").name,
        Certification.objects.first().name,
        "Jepang, Belanda",
        "Jl. Raya Kedensari 12",
        "61272",
        "Ibu Sari",
        "mailto:sales@lengkap.example",
        "tel:+62318971234",
        "https://lengkap.example",
        "https://instagram.com/lengkap",
        "https://tokopedia.com/lengkap",
        "https://shopee.co.id/lengkap",
        "/media/photos/front.jpg",
        "Ruang produksi",
        'data-testid="verified"',
        'id="map-pin"',
        "vendor/leaflet/leaflet.js",
    ]:
        assert text in html, text
    for feature in listing.features.all():
        assert feature.name in html
    assert re.search(r"12\.000", html), "capacity is shown with Indonesian grouping"
    updated = timezone.localtime(listing.updated_at).date().isoformat()
    assert re.search(rf'data-testid="updated">[^<]*<time datetime="{updated}">', html)


def test_a_category_two_roles_share_is_shown_once_on_the_page_and_the_card(client):
    listing = ListingFactory(
        roles=["producer", "brand"],
        categories=[
            category("producer", "sport"),
            category("brand", "sport"),
            category("producer", "school"),
        ],
    )
    label = category("producer", "sport").label
    page = client.get(listing.get_absolute_url()).content.decode()
    offer = page.split('data-testid="categories"', 1)[1].split("</ul>", 1)[0]
    assert offer.count(f">{label}<") == 1
    assert category("producer", "school").label in offer
    listing_page = client.get(reverse("directory:list")).content.decode()
    card = listing_page.split('data-testid="listing-card"', 1)[1].split('data-testid="listing-card"', 1)[0]
    assert card.count(label) == 1


def test_whatsapp_button_links_to_wa_me_with_digits_only(client):
    listing = full_listing(whatsapp="0812-3456-7890")
    response = client.get(listing.get_absolute_url())
    match = re.search(r'href="([^"]+)"[^>]*data-testid="whatsapp"', response.content.decode())
    assert match.group(1) == "https://wa.me/6281234567890"


def test_detail_without_optional_fields_has_no_map_or_empty_sections(client):
    listing = ListingFactory(description="")
    html = client.get(listing.get_absolute_url()).content.decode()
    assert "leaflet" not in html
    assert 'data-testid="whatsapp"' not in html
    assert 'data-testid="verified"' not in html
    assert 'data-testid="photos"' not in html
    assert 'data-testid="no-contact"' in html
    assert 'data-testid="no-contact"' not in client.get(full_listing().get_absolute_url()).content.decode()


def test_unpublished_listing_is_404_for_everyone_public(client, admin_client):
    for status in ["draft", "pending", "rejected", "archived"]:
        url = ListingFactory(status=status, rejection_reason="alasan").get_absolute_url()
        assert client.get(url).status_code == 404
        assert client.get(f"/en{url}").status_code == 404
    assert client.get(reverse("directory:detail", kwargs={"slug": "no-such-listing"})).status_code == 404


def test_english_page_falls_back_to_indonesian_description_with_a_label(client):
    listing = full_listing(description_en="")
    english_url = f"/en{listing.get_absolute_url()}"
    html = client.get(english_url).content.decode()
    assert 'data-testid="description-fallback"' in html
    assert 'lang="id" data-testid="description"' in html
    assert "Produsen sepatu kulit pria." in html

    listing.description_en = "Maker of men's leather shoes."
    listing.save()
    html = client.get(english_url).content.decode()
    assert 'data-testid="description-fallback"' not in html
    assert "Maker of men&#x27;s leather shoes." in html
    assert "Japan" in html


def test_similar_listings_share_a_role_and_province_same_regency_first(client):
    listing = full_listing()
    same_regency = ListingFactory(name="Tetangga", roles=["producer"])
    same_province = ListingFactory(
        name="Sejawat Malang", roles=["producer"], regency_id="35.07", district_id=None
    )
    ListingFactory(name="Beda Peran", roles=["material"])
    ListingFactory(
        name="Beda Provinsi", roles=["producer"], province_id="32", regency_id="32.04", district_id=None
    )
    ListingFactory(name="Belum Terbit", roles=["producer"], status=Listing.Status.DRAFT)
    response = client.get(listing.get_absolute_url())
    assert response.context["similar"] == [same_regency, same_province]


@pytest.mark.usefixtures("memory_cache")
def test_detail_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    listing = full_listing()
    listing.categories.set(listing.categories.model.objects.filter(role_id="producer"))
    listing.features.set(Feature.objects.filter(role_id="producer"))
    listing.certifications.set(Certification.objects.all())
    ListingPhoto.objects.bulk_create(
        ListingPhoto(listing=listing, image=f"photos/{n}.jpg", position=n) for n in range(20)
    )
    ListingFactory.create_batch(20, roles=["producer"], categories=[category("producer", "sport")])
    assert listing.categories.count() + listing.features.count() + listing.certifications.count() >= 20
    for n in range(6):
        partner = ListingFactory(roles=["material" if n % 2 else "brand"])
        sides = (
            {"supplier": partner, "customer": listing}
            if n % 2
            else {"supplier": listing, "customer": partner}
        )
        SupplyLink.objects.create(**sides, status=SupplyLink.Status.CONFIRMED)
        organisation = ListingFactory(roles=["organisation"])
        CommunityMember.objects.create(organisation=organisation, member=listing, status="confirmed")
    # The directory generation (for the kept page); listing, roles, categories,
    # features, certifications, photos, verifications; similar listings, their roles; upstream
    # and downstream nearby (regency, then province, for each direction);
    # supply links, their partners' roles; communities; the enquiry answer hint.
    with django_assert_num_queries(14):
        response = client.get(listing.get_absolute_url())
    assert len(response.context["similar"]) == 4
    assert len(response.context["communities"]) == 6
    assert sum(len(links) for _role, links in response.context["chain"]["upstream"]) == 3
    assert response.content.decode().count("/media/photos/") >= 20


def test_map_pin_settings_come_from_settings(client, settings):
    settings.MAP_TILE_URL = "https://tiles.ifn.example/{z}/{x}/{y}.png"
    listing = full_listing()
    html = client.get(listing.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script id="map-pin" type="application/json">(.*?)</script>', html).group(1)
    )
    assert data["tileUrl"] == "https://tiles.ifn.example/{z}/{x}/{y}.png"
    assert (data["lat"], data["lng"]) == (-7.4931, 112.6934)
    assert "destination=-7.4931,112.6934" in html


def test_similar_listings_take_the_regency_first_and_stop_at_four(client):
    listing = full_listing()
    ListingFactory.create_batch(5, roles=["producer"])
    ListingFactory(name="Sejawat Malang", roles=["producer"], regency_id="35.07", district_id=None)
    similar = client.get(listing.get_absolute_url()).context["similar"]
    assert len(similar) == 4
    assert {x.regency_id for x in similar} == {"35.15"}
    assert listing not in similar
