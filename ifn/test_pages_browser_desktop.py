"""The desktop tour of ifn/test_pages_browser.py: every page at 1280 px."""

import pytest

from ifn import page_catalogue
from ifn.test_pages_browser import tour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def pages():
    return page_catalogue.build()


def test_every_page_fits_the_screen_and_is_accessible_on_a_desktop(chromium, live_server, pages):
    problems = tour(chromium, live_server, pages, "desktop")
    assert problems == [], "\n".join(problems)
