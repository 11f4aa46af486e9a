"""Two app servers on one PostgreSQL and one Redis share sessions and rate limits."""

import re
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.db import connection

from accounts.tests.factories import UserFactory
from directory.tests.factories import ListingFactory
from ifn.test_cache import SHARED_REDIS
from ifn.test_production import committed_data
from ifn.testing_server import gunicorn, production_env
from moderation.views import REPORTS_PER_HOUR

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def redis_url():
    import redis

    try:
        redis.Redis.from_url(SHARED_REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    return SHARED_REDIS


class Browser:
    """Cookies kept across app servers, as a visitor's browser keeps them
    while a load balancer sends each request wherever it likes."""

    def __init__(self):
        self.cookies = {}

    def request(self, server, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            origin = f"https://127.0.0.1:{server.port}"
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + path,
            }
            body = urlencode({**form, "csrfmiddlewaretoken": self.csrf_token})
        response = server.request(method, path, headers, body)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def page(self, server, path):
        response = self.request(server, "GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.body.decode())
        if match:
            self.csrf_token = match.group(1)
        return response


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two servers need one PostgreSQL database")
@committed_data
@pytest.mark.real_passwords
def test_two_app_servers_share_sessions_and_rate_limits(static_root, database_url, redis_url, tmp_path):
    assert connection.vendor == "postgresql"
    user = UserFactory(email="shared@example.com", password=PASSWORD)
    listing = ListingFactory(name="PT Dua Server")
    env = production_env(
        STATIC_ROOT=static_root,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"ifn-test-{uuid.uuid4().hex}",
    )
    browser = Browser()
    with gunicorn(env, tmp_path, workers=1) as first, gunicorn(env, tmp_path, workers=1) as second:
        browser.page(first, "/en/accounts/login/")
        logged_in = browser.request(
            first, "POST", "/en/accounts/login/", {"login": user.email, "password": PASSWORD}
        )
        assert logged_in.status == 302, logged_in.body.decode()[:2000]
        dashboard = browser.page(second, "/en/dashboard/")
        assert dashboard.status == 200
        assert "My listings" in dashboard.body.decode()

        report = f"/en/directory/{listing.slug}/report/"
        statuses = []
        for attempt in range(REPORTS_PER_HOUR + 1):
            server = (first, second)[attempt % 2]
            browser.page(server, report)
            form = {"message": f"Wrong phone number ({attempt}).", "contact": "", "website": ""}
            statuses.append(browser.request(server, "POST", report, form).status)
    assert statuses == [302] * REPORTS_PER_HOUR + [429]
