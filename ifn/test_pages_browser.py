"""Every public, dashboard and admin page in Chromium, on a phone (360 px)
and a desktop (1280 px): no horizontal scrolling, the header on one line,
and no serious or critical accessibility finding (axe). The HTML of every
public page is checked in ifn/test_html_valid.py.

One browser context per width visits all the pages, so the whole tour costs
one page load per page and width. The desktop tour, the longest, runs from
ifn/test_pages_browser_desktop.py, so that test processes can take the two
widths side by side.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from ifn import page_catalogue
from ifn.testing import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = {"phone": 360, "desktop": 1280}
SERIOUS = ("serious", "critical")
# What the header may measure on one line at 1280 px: its bar, with padding.
ONE_LINE = 72


def session_cookie(live_server, user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}


def overflow(page):
    """How far the page is wider than the screen, and what sticks out."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const extra = document.documentElement.scrollWidth - width;
          const culprits = [];
          if (extra > 0) {
            document.querySelectorAll("body *").forEach((element) => {
              const box = element.getBoundingClientRect();
              if (box.width && box.right > width + 1 && culprits.length < 3) {
                culprits.push(element.tagName.toLowerCase() + "." + element.className);
              }
            });
          }
          return [extra, culprits];
        }"""
    )


def header_height(page):
    return page.evaluate("document.querySelector('.ifn-bar').getBoundingClientRect().height")


# The admin builds its autocomplete boxes when jQuery is ready, possibly after load.
WIDGETS_BUILT = (
    "[...document.querySelectorAll('select.admin-autocomplete:not([name*=__prefix__])')]"
    ".every((s) => s.classList.contains('select2-hidden-accessible'))"
)


def serious_findings(page):
    wait_until(page, WIDGETS_BUILT)
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}×, e.g. {violation['nodes'][0]['target']})"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


@pytest.fixture
def pages():
    return page_catalogue.build()


def tour(chromium, live_server, pages, device):
    """Visit every page at the device's width; what is wrong, page by page."""
    width = WIDTHS[device]
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 800},
        is_mobile=device == "phone",
        has_touch=device == "phone",
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems = []
    try:
        for group, visitor in [("public", None), ("dashboard", pages.owner), ("admin", pages.staff)]:
            context.clear_cookies()
            if visitor:
                context.add_cookies([session_cookie(live_server, visitor)])
            for language in ("id", "en") if group == "public" else ("id",):
                for url in pages.urls(group, language):
                    response = page.goto(url)
                    if response.status != 200:
                        problems.append(f"{url}: answered {response.status}")
                        continue
                    extra, culprits = overflow(page)
                    if extra > 0:
                        problems.append(f"{url}: {extra} px wider than the screen ({culprits})")
                    if group != "admin":
                        if device == "desktop" and header_height(page) > ONE_LINE:
                            problems.append(f"{url}: the header wraps ({header_height(page)} px)")
                        if language == "id":
                            problems += [f"{url}: {finding}" for finding in serious_findings(page)]
                    elif language == "id" and device == "desktop":
                        problems += [f"{url}: {finding}" for finding in serious_findings(page)]
    finally:
        context.close()
    return problems


def test_every_page_fits_the_screen_and_is_accessible_on_a_phone(chromium, live_server, pages):
    problems = tour(chromium, live_server, pages, "phone")
    assert problems == [], "\n".join(problems)


def test_the_header_stays_on_one_line_with_everything_a_staff_member_has(chromium, live_server, pages):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    context.add_cookies([session_cookie(live_server, pages.staff)])
    page = context.new_page()
    try:
        for url in [pages.urls("public", "id")[0], pages.urls("public", "en")[0]]:
            page.goto(url)
            assert header_height(page) <= ONE_LINE
            # The full name, the account menu and the language switch all show.
            for selector in [
                ".ifn-brand-name",
                '[data-testid="account-menu"]',
                '[data-testid="language-en"]',
            ]:
                assert page.locator(selector).is_visible(), selector
        page.goto(pages.urls("public", "id")[0])
        page.locator('[data-testid="account-menu"]').click()
        assert page.get_by_role("link", name="Moderasi").is_visible()
    finally:
        context.close()


def test_the_phone_menu_opens_without_a_script_and_the_header_stays_short(chromium, live_server, pages):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(pages.urls("public", "id")[0])
        assert header_height(page) <= 64
        menu = page.locator(".ifn-menu")
        menu.locator("summary").click()
        assert menu.get_by_role("link", name="Direktori").is_visible()
        assert menu.get_by_role("link", name="Masuk").is_visible()
    finally:
        context.close()
