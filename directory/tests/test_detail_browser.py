import pytest
from axe_playwright_python.sync_playwright import Axe

from directory.models import ListingPhoto

from .factories import ListingFactory
from .test_detail import full_listing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# A local image stands in for map tiles: the test needs no network.
LOCAL_TILE = "/static/vendor/leaflet/images/layers.png"


@pytest.fixture
def listing(settings):
    settings.MAP_TILE_URL = LOCAL_TILE
    listing = full_listing(
        name="PT Sepatu Dengan Nama Yang Cukup Panjang Untuk Layar Telepon",
        email="penjualan.ekspor.sepatu.kulit@perusahaan-panjang.example",
    )
    ListingPhoto.objects.bulk_create(
        ListingPhoto(listing=listing, image=f"photos/{n}.jpg", caption=f"Foto {n}", position=n)
        for n in range(3)
    )
    ListingFactory.create_batch(3, roles=["producer"])
    return listing


def test_detail_page_has_no_serious_accessibility_violations(page, listing):
    page.goto(listing.get_absolute_url())
    page.locator(".leaflet-marker-icon").wait_for()
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def test_detail_page_fits_a_phone_and_whatsapp_opens_wa_me(phone_page, listing):
    phone_page.goto("/en" + listing.get_absolute_url())
    phone_page.locator(".leaflet-marker-icon").wait_for()
    scroll_width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360
    whatsapp = phone_page.get_by_role("link", name="Chat on WhatsApp")
    assert whatsapp.get_attribute("href") == "https://wa.me/6281234567890"
    assert whatsapp.is_visible()
    assert phone_page.get_by_test_id("similar").get_by_role("link").count() == 3
