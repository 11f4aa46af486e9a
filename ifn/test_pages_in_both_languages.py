"""Every public and dashboard page, requested in both languages, shows no
interface text of the other language."""

import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from directory.models import Cluster, ListingMembership
from directory.tests.factories import (
    CommunityMemberFactory,
    ListingFactory,
    OrganisationFactory,
    SupplyLinkFactory,
)
from enquiries.tests.factories import EnquiryFactory
from ifn.testing import visible_text
from projects.tests.factories import InterestFactory, ProjectFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def distinct_strings():
    """Interface strings whose Indonesian differs from the English, long enough
    (several words) not to occur by chance in names or descriptions."""
    po = polib.pofile(str(ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    msgids = {entry.msgid.strip() for entry in po}
    msgstrs = {entry.msgstr.strip() for entry in po}
    pairs = []
    for entry in po:
        if entry.msgid_plural or "%" in entry.msgid or "{" in entry.msgid or "<" in entry.msgid:
            continue
        english, indonesian = entry.msgid.strip(), entry.msgstr.strip()
        # A text found inside strings of the other language too (a proper name,
        # a term kept in both) proves nothing.
        if any(english in m for m in msgstrs) or any(indonesian in m for m in msgids):
            continue
        if english != indonesian and len(english.split()) >= 3 and len(indonesian.split()) >= 3:
            pairs.append((english, indonesian))
    return pairs


@pytest.fixture
def pages(client):
    listing = ListingFactory(whatsapp="+6281234567890", description_en="")
    unclaimed = ListingFactory()
    owner = UserFactory()
    ListingMembership.objects.create(listing=listing, user=owner, role=ListingMembership.Role.OWNER)
    cluster = Cluster.objects.get(slug="tanggulangin")
    # The network's pages, with something on each: a link, a roster, an enquiry, a project.
    organisation = OrganisationFactory()
    ListingMembership.objects.create(listing=organisation, user=owner, role=ListingMembership.Role.OWNER)
    SupplyLinkFactory(customer=listing, status="proposed")
    SupplyLinkFactory(supplier=listing)
    CommunityMemberFactory(organisation=organisation, member=listing)
    CommunityMemberFactory(organisation=organisation, status="requested")
    enquiry = EnquiryFactory(listing=listing)
    project = ProjectFactory(organiser=organisation)
    InterestFactory(project=project, listing=listing, status="selected")
    public = [
        ("directory:home", {}),
        ("directory:list", {}),
        ("directory:clusters", {}),
        ("directory:cluster", {"slug": cluster.slug}),
        ("directory:glossary", {}),
        ("directory:detail", {"slug": listing.slug}),
        ("moderation:report", {"slug": listing.slug}),
        ("directory:detail", {"slug": organisation.slug}),
        ("enquiries:create", {"slug": listing.slug}),
        ("projects:list", {}),
        ("projects:detail", {"slug": project.slug}),
        ("stats:index", {}),
        ("account_login", {}),
        ("account_signup", {}),
        ("account_reset_password", {}),
    ]
    dashboard = [
        ("accounts:dashboard", {}),
        ("accounts:listing_create", {}),
        ("accounts:account", {}),
        ("accounts:account_delete", {}),
        ("accounts:claim", {"slug": unclaimed.slug}),
        ("accounts:listing_edit", {"slug": listing.slug}),
        ("accounts:photos", {"slug": listing.slug}),
        ("accounts:team", {"slug": listing.slug}),
        ("network:links", {"slug": listing.slug}),
        ("network:communities", {"slug": listing.slug}),
        ("network:roster", {"slug": organisation.slug}),
        ("enquiries:inbox", {"slug": listing.slug}),
        ("enquiries:detail", {"slug": listing.slug, "pk": enquiry.pk}),
        ("projects:mine", {}),
        ("projects:propose", {}),
        ("projects:manage", {"slug": project.slug}),
        ("projects:detail", {"slug": project.slug}),
    ]
    return public, dashboard, owner


def fetch(client, name, kwargs, language):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    assert f'<html lang="{language}"' in html, url
    return url, visible_text(html)


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_speaks_one_language(client, pages, language):
    public, dashboard, owner = pages
    strings = distinct_strings()
    assert len(strings) > 100  # the check has teeth
    other = 0 if language == "id" else 1  # English text on Indonesian pages, and back
    for step, group in enumerate([public, dashboard]):
        if step == 1:
            client.force_login(owner)
        for name, kwargs in group:
            url, text = fetch(client, name, kwargs, language)
            leaked = [
                pair[other] for pair in strings if re.search(rf"(?<!\w){re.escape(pair[other])}(?!\w)", text)
            ]
            assert leaked == [], f"{url} shows untranslated text: {leaked[:5]}"


def test_the_check_finds_english_left_on_an_indonesian_page():
    english, _indonesian = distinct_strings()[0]
    text = visible_text(f"<main><p>{english}</p></main>")
    assert re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text)
