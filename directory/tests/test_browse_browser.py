from urllib.parse import parse_qsl, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from ifn.testing import wait_until

from .factories import ListingFactory, category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BANDUNG = {"province_id": "32", "regency_id": "32.73", "district_id": None}


@pytest.fixture
def listings():
    ListingFactory(
        name="Sepatu Olahraga Sidoarjo",
        categories=[category("producer", "sport")],
        whatsapp="+62 812 3456 7890",
    )
    ListingFactory(name="Sepatu Bot Sidoarjo", categories=[category("producer", "boots")])
    ListingFactory(name="Sepatu Olahraga Bandung", categories=[category("producer", "sport")], **BANDUNG)
    ListingFactory(name="Sol Sidoarjo", roles=["supplier"], categories=[category("supplier", "outsoles")])


def serious_violations(page):
    results = Axe().run(page)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def wait_for_query(page, path="/directory/", **params):
    """Wait until the address bar holds exactly these parameters, in any order."""
    page.wait_for_url(
        lambda url: urlparse(url).path == path and dict(parse_qsl(urlparse(url).query)) == params
    )


def result_names(page):
    return page.locator("[data-testid=results] h2").all_inner_texts()


def choose(page, selector, value):
    """Pick an option and wait until htmx has swapped in the new results and
    wired them up: a change made before that would reach an unprocessed form."""
    page.evaluate("window.ifnSettled = false")
    page.select_option(selector, value)
    wait_until(page, "window.ifnSettled === true")


def test_find_a_producer_and_its_whatsapp_with_javascript(page, listings):
    page.add_init_script("document.addEventListener('htmx:afterSettle', () => { window.ifnSettled = true; })")
    page.goto("/")
    assert serious_violations(page) == []
    page.get_by_test_id("stage-producer").click()
    page.wait_for_url("**/directory/?role=producer")
    assert page.locator("#filters-panel").get_attribute("open") is not None
    assert serious_violations(page) == []
    assert len(result_names(page)) == 3

    # Filtering swaps the results in place: the page itself is never reloaded.
    page.evaluate("window.stillHere = true")
    assert "Jawa Timur (2)" in page.locator("#f-province").inner_text()
    choose(page, "#f-province", "35")
    wait_for_query(page, role="producer", province="35")
    page.locator("#f-regency").wait_for()  # only there once the new results are in
    choose(page, "#f-category", "sport")
    wait_for_query(page, role="producer", province="35", category="sport")
    wait_until(page, "document.querySelectorAll('[data-testid=results] h2').length === 1")
    assert result_names(page) == ["Sepatu Olahraga Sidoarjo"]
    assert page.evaluate("window.stillHere") is True
    assert page.get_by_test_id("chips").is_visible()
    assert serious_violations(page) == []

    # The map loads Leaflet only when asked for.
    assert page.evaluate("typeof window.L") == "undefined"
    page.locator("#map-toggle").click()
    wait_until(page, "typeof window.L !== 'undefined' && typeof L.markerClusterGroup === 'function'")

    page.get_by_role("link", name="Sepatu Olahraga Sidoarjo").click()
    page.wait_for_url("**/directory/sepatu-olahraga-sidoarjo/")
    whatsapp = page.locator('a[href^="https://wa.me/"]')
    assert whatsapp.first.get_attribute("href") == "https://wa.me/6281234567890"

    # Back returns to the filtered results.
    page.go_back()
    wait_for_query(page, role="producer", province="35", category="sport")
    wait_until(page, "document.querySelectorAll('[data-testid=results] h2').length === 1")
    assert result_names(page) == ["Sepatu Olahraga Sidoarjo"]


def test_the_same_filtering_works_without_javascript(chromium, live_server, listings):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/en/")
        page.get_by_test_id("stage-producer").click()
        page.wait_for_url("**/directory/?role=producer")
        page.select_option("#f-province", "35")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**province=35**")
        assert sorted(result_names(page)) == ["Sepatu Bot Sidoarjo", "Sepatu Olahraga Sidoarjo"]
        page.select_option("#f-category", "sport")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**category=sport**")
        assert result_names(page) == ["Sepatu Olahraga Sidoarjo"]
        # Chips are plain links: removing the province keeps role and category.
        page.locator("[data-testid=chips] a", has_text="Jawa Timur").click()
        wait_for_query(page, "/en/directory/", role="producer", category="sport")
        assert sorted(result_names(page)) == ["Sepatu Olahraga Bandung", "Sepatu Olahraga Sidoarjo"]
        page.get_by_role("link", name="Sepatu Olahraga Sidoarjo").click()
        assert (
            page.locator('a[href^="https://wa.me/"]').first.get_attribute("href").startswith("https://wa.me/")
        )
    finally:
        context.close()


@pytest.mark.parametrize("url", ["/", "/directory/?role=producer&province=35"])
def test_phone_viewport_has_no_horizontal_scrolling(phone_page, listings, url):
    phone_page.goto(url)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    if "directory" in url:
        # Filters start folded on a phone and open on demand.
        panel = phone_page.locator("#filters-panel")
        assert panel.get_attribute("open") is None
        phone_page.locator("#filters-panel > summary").click()
        assert panel.get_attribute("open") is not None
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
        assert serious_violations(phone_page) == []
