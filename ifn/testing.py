"""Helpers shared by the test suites."""

from html.parser import HTMLParser

# Attributes whose values people read (or hear, with a screen reader).
HUMAN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}


class VisibleText(HTMLParser):
    """Collects what a person reads on a page: text nodes and human-facing
    attribute values, without scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.pieces += [value for name, value in attrs if name in HUMAN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.pieces.append(data)


def visible_pieces(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.pieces


def visible_text(html):
    return " ".join(" ".join(visible_pieces(html)).split())


def wait_until(page, expression, timeout=20):
    """Wait until a JavaScript expression is truthy in the page.

    Playwright's wait_for_function evaluates its predicate with eval() inside
    the page, which the Content-Security-Policy forbids; page.evaluate runs
    through the browser's debugging protocol and is allowed.
    """
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for: {expression}")
        page.wait_for_timeout(50)


def log_in(context, live_server, user):
    """Give a browser context `user`'s session, as if they had logged in."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )
