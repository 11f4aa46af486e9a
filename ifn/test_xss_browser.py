"""Script in any listing text is shown as text: public pages, map popups, JSON-LD, the admin and emails.

Every text field of a published listing holds a payload that would set a
global or open a dialog if the browser ran it. Chromium loads each page
(and opens the map popup); nothing may have run.
"""

import json
import re

import pytest

from accounts.tests.factories import StaffFactory, UserFactory
from directory.models import Listing, ListingMembership, ListingPhoto
from directory.tests.factories import ListingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LOCAL_TILE = "/static/vendor/leaflet/images/layers.png"
TEXT_FIELDS = ["name", "description", "description_en", "address", "contact_person"]
LINK_FIELDS = ["website", "instagram", "facebook", "tiktok", "youtube", "tokopedia", "shopee"]


def payload(key):
    """Closes a script or an attribute if it can, then runs script three ways."""
    return f"\"'></script><svg onload=__xss='{key}'><img src=x onerror=alert('{key}')>"


@pytest.fixture
def listing(settings):
    settings.MAP_TILE_URL = LOCAL_TILE
    values = {field: payload(field[:6]) for field in TEXT_FIELDS}
    # Links the forms would refuse, stored anyway: the pages must still not run them.
    values.update(
        {field: f"https://{field}.example/\"><svg onload=__xss='{field[:4]}'>" for field in LINK_FIELDS}
    )
    listing = ListingFactory(
        **values, email="a@b.example\"><svg onload=__xss='mail'>", latitude="-7.49", longitude="112.69"
    )
    ListingPhoto.objects.create(listing=listing, image="photos/x.jpg", caption=payload("captio"))
    return listing


def assert_nothing_ran(page, dialogs):
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined", page.evaluate("window.__xss")
    assert dialogs == []


def watch(page):
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return dialogs


def test_public_pages_and_the_map_popup_show_payloads_as_text(page, listing):
    dialogs = watch(page)
    for url in [listing.get_absolute_url(), "/en" + listing.get_absolute_url(), "/", "/directory/"]:
        page.goto(url)
        assert_nothing_ran(page, dialogs)
    page.goto(listing.get_absolute_url())
    # The text arrives whole, as text.
    assert listing.name in page.locator("h1").inner_text()

    page.goto("/directory/")
    page.locator("#map-toggle").click()
    page.locator(".leaflet-marker-icon").first.click()
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for()
    assert popup.inner_text() == listing.name
    assert_nothing_ran(page, dialogs)


def test_the_admin_shows_payloads_as_text(page, listing):
    dialogs = watch(page)
    staff = StaffFactory()
    page.goto("/admin/login/")
    page.fill("[name=username]", staff.email)
    page.fill("[name=password]", "correct-horse-battery-staple")
    page.locator("[type=submit]").click()
    page.wait_for_url("**/admin/")
    for url in [
        "/admin/",
        "/admin/directory/listing/",
        f"/admin/directory/listing/{listing.pk}/change/",
        f"/admin/directory/listing/{listing.pk}/history/",
        "/admin/moderation/pendinglisting/",
    ]:
        page.goto(url)
        assert_nothing_ran(page, dialogs)


def test_the_json_ld_block_carries_the_payload_as_data(client, listing):
    html = client.get(listing.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["name"] == listing.name
    # The map pin's settings travel the same way.
    pin = re.search(r'<script id="map-pin" type="application/json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(pin)["name"] == listing.name


@pytest.mark.usefixtures("lifecycle_open")
def test_emails_carry_the_payload_as_written_in_text_and_escaped_in_html(listing, run_tasks):
    from moderation.services import listing_decide

    owner = UserFactory()
    ListingMembership.objects.create(listing=listing, user=owner, role=ListingMembership.TeamRole.OWNER)
    Listing.objects.filter(pk=listing.pk).update(status=Listing.Status.PENDING)
    listing.refresh_from_db()
    listing_decide(listing=listing, by=StaffFactory(), action="approve", reason=payload("reason"))
    message = run_tasks()[-1]
    assert message.content_subtype == "plain"
    assert listing.name in message.body and payload("reason") in message.body
    # The HTML part (the portal's layout) shows the same text, escaped: no tag of it survives.
    (html, mimetype), *_rest = message.alternatives
    assert mimetype == "text/html"
    assert "<svg" not in html and "<img src=x" not in html and "</script><" not in html
    assert "&lt;svg onload=" in html
