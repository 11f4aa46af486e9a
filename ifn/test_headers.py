"""Security headers on real responses of every kind of page."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from directory.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    return ListingFactory(name="PT Header Uji")


def pages(client, listing):
    """(kind, response) for each kind of response the portal gives."""
    staff = StaffFactory()
    yield "home", client.get("/")
    yield "directory", client.get("/directory/", {"role": "producer"})
    yield "htmx partial", client.get("/directory/", {"role": "producer"}, headers={"HX-Request": "true"})
    yield "detail", client.get(listing.get_absolute_url())
    yield "api json", client.get("/api/listings/", headers={"Accept": "application/json"})
    yield "api docs", client.get("/api/docs/")
    yield "sitemap", client.get("/sitemap.xml")
    yield "404", client.get("/no-such-page/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield "language redirect", client.get("/directory/")
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    yield "healthz", client.get("/healthz")
    client.force_login(staff)
    yield "admin", client.get(reverse("admin:directory_listing_change", args=[listing.pk]))


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_kind_of_response_carries_the_security_headers(client, listing):
    seen = []
    for kind, response in pages(client, listing):
        seen.append((kind, response.status_code))
        assert response.status_code in (200, 302, 404), kind
        assert response["X-Frame-Options"] == "DENY", kind
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", kind
        assert response["X-Content-Type-Options"] == "nosniff", kind
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", kind
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment"):
            assert f"{feature}=()" in permissions, kind
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], kind
        assert policy["script-src"] == ["'self'"], kind
        assert policy["frame-ancestors"] == ["'none'"], kind
        assert policy["object-src"] == ["'none'"], kind
        if kind == "api docs":
            # ReDoc's injected styles, on this page only.
            assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
        else:
            assert policy["style-src"] == ["'self'"], kind
    assert dict(seen)["language redirect"] == 302
    assert dict(seen)["404"] == 404


def test_the_map_tile_server_is_the_only_other_origin_allowed(client):
    # pytest.ini serves tiles from the portal itself; production's default is OSM.
    response = client.get("/")
    assert directives(response)["img-src"] == ["'self'", "data:"]


def test_the_policy_names_the_configured_tile_server():
    import subprocess
    import sys

    from ifn.tests import ROOT

    code = (
        "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    for url, origin in [
        ("https://tiles.example.id/{z}/{x}/{y}.png", "https://tiles.example.id"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
    ]:
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=ROOT,
            env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "ifn.settings", "MAP_TILE_URL": url},
            capture_output=True,
            text=True,
        )
        assert origin in result.stdout, result.stderr


def test_pages_carry_no_inline_script_or_style(client, listing):
    for url in ["/", "/directory/", listing.get_absolute_url(), "/en/glossary/", "/accounts/login/"]:
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        assert "<style" not in html, url
        for tag in html.split("<script")[1:]:
            opening = tag.split(">", 1)[0]
            # External files and data blocks (JSON-LD, json_script) only.
            assert "src=" in opening or 'type="application/' in opening, (url, opening)


def test_api_docs_load_nothing_from_other_sites(client):
    html = client.get("/api/docs/").content.decode()
    assert "googleapis" not in html and "gstatic" not in html and "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone" in html


def test_html_is_compressed_for_clients_that_accept_it(client, listing):
    response = client.get(listing.get_absolute_url(), headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    plain = client.get(listing.get_absolute_url())
    assert not plain.has_header("Content-Encoding")
