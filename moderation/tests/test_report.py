import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from directory.models import Listing
from directory.tests.factories import ListingFactory
from moderation.models import ErrorReport
from moderation.views import REPORTS_PER_HOUR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def listing():
    return ListingFactory(name="PT Lapor")


def report_url(listing):
    return reverse("moderation:report", kwargs={"slug": listing.slug})


GOOD = {"message": "The phone number no longer works.", "contact": "reader@example.com", "website": ""}


def test_every_public_listing_page_links_to_the_report_form(client, listing):
    html = client.get(listing.get_absolute_url()).content.decode()
    assert f'href="{report_url(listing)}"' in html


def test_the_form_page_renders_with_a_hidden_honeypot(client, listing):
    response = client.get(report_url(listing))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="message"' in html and 'name="contact"' in html
    assert 'class="visually-hidden" aria-hidden="true"' in html and 'name="website"' in html


def test_a_report_lands_in_the_queue(client, listing):
    response = client.post(report_url(listing), GOOD, follow=True)
    assert response.redirect_chain[-1][0] == listing.get_absolute_url()
    report = ErrorReport.objects.get()
    assert (report.listing, report.message, report.contact, report.status) == (
        listing,
        GOOD["message"],
        "reader@example.com",
        ErrorReport.Status.OPEN,
    )
    assert len(list(response.context["messages"])) == 1


def test_the_contact_is_optional(client, listing):
    client.post(report_url(listing), {**GOOD, "contact": ""})
    assert ErrorReport.objects.get().contact == ""


@pytest.mark.parametrize("message", ["", "wrong", "x" * 2001])
def test_a_missing_short_or_overlong_message_is_refused_with_a_message(client, listing, message):
    response = client.post(report_url(listing), {**GOOD, "message": message})
    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    assert not ErrorReport.objects.exists()


def test_a_filled_honeypot_is_thanked_but_not_kept(client, listing):
    response = client.post(report_url(listing), {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not ErrorReport.objects.exists()


def test_reports_are_rate_limited_per_ip(client, listing):
    for _ in range(REPORTS_PER_HOUR):
        assert client.post(report_url(listing), GOOD).status_code == 302
    response = client.post(report_url(listing), GOOD)
    assert response.status_code == 429
    assert 'data-testid="rate-limited"' in response.content.decode()
    assert ErrorReport.objects.count() == REPORTS_PER_HOUR
    # Another address is not affected.
    assert client.post(report_url(listing), GOOD, REMOTE_ADDR="10.0.0.9").status_code == 302
    assert ErrorReport.objects.count() == REPORTS_PER_HOUR + 1


def test_honeypot_posts_count_against_the_rate_limit(client, listing):
    for _ in range(REPORTS_PER_HOUR):
        client.post(report_url(listing), {**GOOD, "website": "spam"})
    assert client.post(report_url(listing), GOOD).status_code == 429
    assert not ErrorReport.objects.exists()


@pytest.mark.parametrize("status", [Listing.Status.PENDING, Listing.Status.ARCHIVED])
def test_only_published_listings_can_be_reported(client, status):
    listing = ListingFactory(status=status)
    assert client.get(report_url(listing)).status_code == 404
    assert client.post(report_url(listing), GOOD).status_code == 404


def test_english_page_works_too(client, listing):
    with translation.override("en"):
        url = report_url(listing)
    assert url.startswith("/en/")
    response = client.get(url)
    assert response.status_code == 200
    assert "Report an error" in response.content.decode()


def test_behind_a_trusted_proxy_the_limit_counts_the_visitors_address(client, listing, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(REPORTS_PER_HOUR):
        assert (
            client.post(report_url(listing), GOOD, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code
            == 302
        )
    assert (
        client.post(report_url(listing), GOOD, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 429
    )
    # A spoofed left-most entry does not help: the proxy's own entry counts.
    spoofed = "1.2.3.4, 203.0.113.7"
    assert client.post(report_url(listing), GOOD, HTTP_X_FORWARDED_FOR=spoofed, **proxy).status_code == 429
    assert (
        client.post(report_url(listing), GOOD, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code
        == 302
    )
