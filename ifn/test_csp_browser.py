"""The main pages work in Chromium under the Content-Security-Policy, with no violation."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from accounts.tests.factories import StaffFactory, UserFactory
from directory.tests.factories import ListingFactory, MembershipFactory
from ifn.testing import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Collects what the browser reports: the events of the page and its workers.
LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def violations(page):
    page.add_init_script(LISTEN)
    console = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )

    def collected():
        return page.evaluate("window.cspViolations") + console

    return collected


def log_in(page, live_server, user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


@pytest.fixture
def listing():
    return ListingFactory(name="Sepatu Peta Sidoarjo", latitude="-7.4478", longitude="112.7183")


def test_public_pages_with_htmx_and_maps_raise_no_violation(page, live_server, listing, violations):
    ListingFactory(name="Sepatu Kedua", latitude="-7.46", longitude="112.70")
    page.goto("/")
    page.get_by_role("button", name="Cari").first.wait_for()

    page.goto("/directory/?role=producer")
    page.select_option("#f-province", "35")
    page.wait_for_url("**province=35**")
    page.locator("#map-toggle").click()
    wait_until(page, "document.getElementById('results-map').dataset.ready === '2'")
    page.wait_for_selector("#results-map .leaflet-tile-loaded")

    page.goto(listing.get_absolute_url())
    page.wait_for_selector("#listing-map .leaflet-marker-icon")

    # The language switcher's script is a static file too.
    page.locator('[data-testid="language-en"]').click()
    page.wait_for_url(f"**/en{listing.get_absolute_url()}")
    assert violations() == []


def test_the_dashboard_form_admin_and_api_docs_raise_no_violation(page, live_server, listing, violations):
    owner = UserFactory()
    MembershipFactory(listing=listing, user=owner)
    log_in(page, live_server, owner)
    page.goto(reverse("accounts:listing_edit", args=[listing.slug]))
    with page.expect_response(lambda r: "/dashboard/regions/" in r.url):
        page.select_option("select[name=province]", "32")
    page.wait_for_selector('select[name=regency] option[value="32.73"]', state="attached")
    assert violations() == []

    page.context.clear_cookies()
    log_in(page, live_server, StaffFactory())
    page.goto(reverse("admin:directory_listing_change", args=[listing.pk]))
    page.wait_for_selector("#listing_form")
    page.goto(reverse("admin:index"))
    page.wait_for_selector("#moderation-overview")
    assert violations() == []

    page.goto("/api/docs/")
    page.get_by_text("IFN Directory open data").first.wait_for()
    page.wait_for_selector("redoc .api-content", state="attached")
    # ReDoc's footer credit always asks its CDN for a logo; the policy blocks
    # it on purpose (ReDoc then drops the image), and nothing else may be.
    assert [v for v in violations() if "cdn.redoc.ly/redoc/logo-mini.svg" not in v] == []
