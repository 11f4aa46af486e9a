"""Error pages with DEBUG off, in both languages, and a failing database."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import path

from ifn import urls as ifn_urls
from ifn.testing import visible_text

pytestmark = pytest.mark.django_db

HEADINGS = {
    ("id", 404): "Halaman tidak ditemukan",
    ("en", 404): "Page not found",
    ("id", 503): "Sementara tidak tersedia",
    ("en", 503): "Temporarily unavailable",
    ("id", 500): "Terjadi kesalahan",
    ("en", 500): "Something went wrong",
}
PREFIX = {"id": "", "en": "/en"}


def assert_portal_error_page(response, language, status):
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in html
    assert HEADINGS[(language, status)] in visible_text(html)
    # The portal's look, a search box and a way home; nothing internal.
    assert "/static/css/ifn.css" in html
    assert 'role="search"' in html and 'data-testid="error-home"' in html
    assert "Traceback" not in html and "OperationalError" not in html


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_missing_page_answers_404_in_the_visitors_language(client, language):
    response = client.get(f"{PREFIX[language]}/directory/no-such-listing/")
    assert_portal_error_page(response, language, 404)


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails as it would with PostgreSQL stopped or hung."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_failing_database_gives_a_503_page_without_touching_it(database_down, language):
    client = Client(raise_request_exception=False)
    response = client.get(f"{PREFIX[language]}/directory/")
    assert_portal_error_page(response, language, 503)
    assert response["Retry-After"] == "60"


def test_a_session_cookie_does_not_make_the_503_page_read_the_database(database_down):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "k" * 32
    response = client.get("/dashboard/")
    assert response.status_code == 503


def broken(request):
    raise ValueError("secret internal detail")


# This module doubles as a URLconf: the portal's, plus a page with a bug.
urlpatterns = ifn_urls.urlpatterns + i18n_patterns(path("broken/", broken), prefix_default_language=False)
handler500 = ifn_urls.handler500


@pytest.mark.urls("ifn.test_errors")
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_bug_gives_a_500_page_that_reveals_nothing(language):
    client = Client(raise_request_exception=False)
    response = client.get(f"{PREFIX[language]}/broken/")
    assert_portal_error_page(response, language, 500)
    assert "secret internal detail" not in response.content.decode()


def test_a_form_posted_without_its_token_gets_the_portal_403_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/accounts/login/", {"login": "a@example.com", "password": "x"})
    assert response.status_code == 403
    assert "The form has expired" in visible_text(response.content.decode())
    assert "/static/css/ifn.css" in response.content.decode()


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_unknown_host_gets_the_portal_400_page(language):
    response = Client().get(f"{PREFIX[language]}/directory/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert {"id": "Permintaan tidak valid", "en": "Bad request"}[language] in visible_text(html)
    assert "attacker.example" not in html
