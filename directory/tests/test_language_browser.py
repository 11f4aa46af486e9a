from urllib.parse import parse_qsl, urlparse

import pytest

from ifn.testing import wait_until

from .factories import ListingFactory, category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def results(page):
    return sorted(page.locator("[data-testid=results] h2").all_inner_texts())


def test_switching_language_on_a_filtered_directory_keeps_the_results(page):
    ListingFactory(name="Sepatu Olahraga Sidoarjo", categories=[category("producer", "sport")])
    ListingFactory(name="Sepatu Bot Sidoarjo", categories=[category("producer", "boots")])
    ListingFactory(name="Sepatu Olahraga Bandung", province_id="32", regency_id="32.73", district_id=None)
    page.add_init_script("document.addEventListener('htmx:afterSettle', () => { window.ifnSettled = true; })")
    page.goto("/directory/?role=producer")
    # Filter in place (htmx): the address bar changes, the page is not reloaded.
    page.evaluate("window.ifnSettled = false")
    page.select_option("#f-province", "35")
    wait_until(page, "window.ifnSettled === true")
    page.wait_for_url("**province=35**")
    before = results(page)
    assert before == ["Sepatu Bot Sidoarjo", "Sepatu Olahraga Sidoarjo"]
    assert page.locator("h1").inner_text() == "Direktori rantai industri alas kaki"

    # One click applies the language.
    page.locator('[data-testid="language-en"]').click()
    page.wait_for_url("**/en/directory/**")
    url = urlparse(page.url)
    assert url.path == "/en/directory/"
    assert dict(parse_qsl(url.query)) == {"role": "producer", "province": "35"}
    assert results(page) == before
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Directory of the footwear chain"

    # The choice sticks: an unprefixed link now opens the English page.
    page.goto("/directory/?role=producer&province=35")
    assert urlparse(page.url).path == "/en/directory/"
    assert results(page) == before

    # And back to Indonesian, still on the same results.
    # One click applies the language.
    page.locator('[data-testid="language-id"]').click()
    page.wait_for_url(lambda u: urlparse(u).path == "/directory/")
    assert dict(parse_qsl(urlparse(page.url).query)) == {"role": "producer", "province": "35"}
    assert results(page) == before
    assert page.locator("html").get_attribute("lang") == "id"
