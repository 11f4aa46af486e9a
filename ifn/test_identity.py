"""The portal's own name everywhere: the Site record, every email (allauth's
and the portal's), in the recipient's language, with a plain-text and an HTML
part, and the favicon."""

import re

import pytest
from django.contrib.sites.models import Site
from django.core import checks
from django.urls import reverse

from accounts.tests.factories import StaffFactory, UserFactory
from directory.models import ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from ifn.sites import check_site, sync_site
from moderation import services as moderation

pytestmark = pytest.mark.django_db

NAME = "Indonesia Footwear Network"
PASSWORD = "kata-sandi-yang-panjang-2026"


def html_part(message):
    (html, mimetype), *_rest = message.alternatives
    assert mimetype == "text/html"
    return html


def assert_branded(message, language):
    """Named in the sender, the text and the HTML; never Django's example.com."""
    assert NAME in message.from_email
    assert NAME in message.body
    html = html_part(message)
    assert f'<html lang="{language}">' in html and NAME in html
    for part in (message.subject, message.body, html):
        assert "example.com" not in part.replace("@example.com", "")


def test_migrate_names_the_site_from_the_settings():
    site = Site.objects.get_current()
    assert (site.name, site.domain) == (NAME, "127.0.0.1:8000")


def test_a_changed_site_url_is_taken_up_by_the_next_migrate_and_warned_about_before(settings):
    settings.SITE_URL = "https://ifn.example.id"
    (warning,) = check_site(databases=["default"])
    assert warning.id == "ifn.W001" and warning.level == checks.WARNING
    sync_site()
    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.domain, site.name) == ("ifn.example.id", NAME)
    assert check_site(databases=["default"]) == []
    # Without a database to look at, the check stays quiet.
    assert check_site(databases=None) == []


@pytest.mark.parametrize("prefix, language, words", [("", "id", "Konfirmasi"), ("/en", "en", "Confirm")])
def test_the_sign_up_email_names_the_portal_in_the_visitors_language(
    client, run_tasks, prefix, language, words
):
    client.post(
        prefix + reverse("account_signup"),
        {"email": "baru@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    (message,) = run_tasks()
    assert message.subject.startswith(f"[{NAME}]") and words in message.subject
    assert_branded(message, language)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_password_reset_email_names_the_portal_in_the_accounts_language(client, run_tasks, language):
    UserFactory(email="lupa@example.com", language=language)
    client.post(reverse("account_reset_password"), {"email": "lupa@example.com"})
    (message,) = run_tasks()
    assert message.subject.startswith(f"[{NAME}]")
    assert_branded(message, language)
    # The reset link survives into the HTML part, clickable.
    link = re.search(r"https?://\S+/password/reset/key/\S+", message.body).group(0)
    assert f'href="{link}"' in html_part(message)


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_team_invitation_names_the_portal(client, run_tasks, language):
    listing = ListingFactory()
    owner = MembershipFactory(listing=listing, user=UserFactory(language=language)).user
    client.force_login(owner)
    UserFactory(email="rekan@example.com", language=language)
    client.post(reverse("accounts:team", kwargs={"slug": listing.slug}), {"email": "rekan@example.com"})
    (message,) = run_tasks()
    assert_branded(message, language)


@pytest.mark.parametrize(
    "language, greeting, path", [("id", "Halo", "/directory/"), ("en", "Hello", "/en/directory/")]
)
def test_the_approval_email_names_the_portal_and_links_to_the_public_page(
    run_tasks, language, greeting, path
):
    listing = ListingFactory(status="pending", name="Sepatu Disetujui")
    MembershipFactory(
        listing=listing, user=UserFactory(language=language), role=ListingMembership.TeamRole.OWNER
    )
    moderation.listing_approve(listing=listing, by=StaffFactory())
    (message,) = run_tasks()
    assert_branded(message, language)
    assert greeting in message.body
    assert f"{path}{listing.slug}/" in message.body and "/dashboard/" not in message.body


def test_a_request_for_changes_links_to_the_dashboard(run_tasks):
    listing = ListingFactory(status="pending")
    MembershipFactory(listing=listing, user=UserFactory(language="id"))
    moderation.listing_request_changes(listing=listing, by=StaffFactory(), reason="Tambahkan foto.")
    (message,) = run_tasks()
    assert f"/dashboard/listings/{listing.slug}/" in message.body
    assert_branded(message, "id")


def test_browsers_asking_for_favicon_ico_are_sent_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("/static/img/favicon.ico")
    html = client.get(reverse("directory:home")).content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in html
