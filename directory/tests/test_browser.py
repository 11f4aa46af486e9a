import pytest

from .factories import ListingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_page_shows_count_per_role_in_chromium(page):
    ListingFactory.create_batch(2, roles=["producer"])
    ListingFactory(roles=["material"])
    page.goto("/")
    assert page.get_by_test_id("count-producer").inner_text() == "2"
    assert page.get_by_test_id("count-material").inner_text() == "1"
    assert page.get_by_test_id("count-organisation").inner_text() == "0"
    assert page.locator("html").get_attribute("lang") == "id"
