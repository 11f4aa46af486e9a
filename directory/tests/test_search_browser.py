import pytest

from ifn.testing import wait_until

from .factories import ListingFactory, category
from .test_browse_browser import choose, result_names, serious_violations, wait_for_query

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def settled(page, action):
    """Do `action`, then wait until htmx has swapped in and wired up the new results."""
    page.evaluate("window.ifnSettled = false")
    action()
    wait_until(page, "window.ifnSettled === true")


def test_a_misspelt_search_finds_and_offers_the_search_as_typed(page):
    ListingFactory(name="Sepatu Olahraga Sidoarjo", categories=[category("producer", "sport")])
    ListingFactory(
        name="Sol Karet Sidoarjo", roles=["supplier"], categories=[category("supplier", "outsoles")]
    )
    page.add_init_script("document.addEventListener('htmx:afterSettle', () => { window.ifnSettled = true; })")
    page.goto("/en/directory/")
    page.locator("#f-q").fill("sidoarjp")
    settled(page, lambda: page.locator("#f-q").press("Enter"))
    wait_for_query(page, "/en/directory/", q="sidoarjp")
    banner = page.get_by_test_id("spelling")
    banner.wait_for()
    assert banner.inner_text() == "Showing results for sidoarjo — search instead for sidoarjp"
    assert sorted(result_names(page)) == ["Sepatu Olahraga Sidoarjo", "Sol Karet Sidoarjo"]
    assert serious_violations(page) == []

    settled(page, lambda: page.get_by_test_id("search-as-typed").click())
    wait_for_query(page, "/en/directory/", q="sidoarjp", literal="sidoarjp")
    page.get_by_test_id("no-results").wait_for()
    assert page.get_by_test_id("spelling").count() == 0
    assert page.locator("#f-q").input_value() == "sidoarjp"

    # Re-sorting keeps searching as typed; a new query is corrected again.
    choose(page, "#f-sort", "newest")
    wait_for_query(page, "/en/directory/", q="sidoarjp", literal="sidoarjp", sort="newest")
    page.get_by_test_id("no-results").wait_for()
    page.locator("#f-q").fill("karte")
    settled(page, lambda: page.locator("#f-q").press("Enter"))
    wait_for_query(page, "/en/directory/", q="karte", literal="sidoarjp", sort="newest")
    page.get_by_test_id("spelling").wait_for()
    assert result_names(page) == ["Sol Karet Sidoarjo"]
