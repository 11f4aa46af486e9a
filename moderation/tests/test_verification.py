"""Verification rests on recorded evidence; the badge says what was checked and until when."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import CertificateCheck, Certification, Listing, Verification
from directory.tests.factories import ListingFactory
from moderation import services
from moderation.models import Decision, ReverificationDueListing
from moderation.services import CertificateEvidence, DecisionError

from .factories import VERIFY_POST, evidence, moderator

pytestmark = pytest.mark.django_db

NIB = "1234567890123"


@pytest.fixture(autouse=True)
def english():
    """The refusals are matched in English here (test_service_messages checks their translation)."""
    with translation.override("en"):
        yield


def sni(expires_on, **fields):
    return CertificateEvidence(
        certification=Certification.objects.get(slug="sni"),
        **{"number": "SNI 0778:2009/123", "issuer": "LSPro BPIPI", "expires_on": expires_on, **fields},
    )


def test_a_company_with_an_nib_is_not_verified_without_it_confirmed():
    listing = ListingFactory(legal_form="pt", nib=NIB)
    with pytest.raises(DecisionError, match="Confirm the NIB"):
        services.listing_verify(listing=listing, by=moderator(), evidence=evidence(nib_confirmed=False))
    no_nib = ListingFactory(legal_form="cv")
    with pytest.raises(DecisionError, match="has no NIB"):
        services.listing_verify(listing=no_nib, by=moderator(), evidence=evidence())
    assert not Listing.objects.filter(verified=True).exists()
    assert not Decision.objects.exists() and not Verification.objects.exists()


def test_an_association_is_verified_on_a_site_visit_and_nothing_is_not_evidence():
    association = ListingFactory(legal_form="association")
    with pytest.raises(DecisionError, match="Record what BPIPI checked"):
        services.listing_verify(listing=association, by=moderator(), evidence=services.Evidence())
    visited = timezone.localdate() - timedelta(days=3)
    checker = moderator()
    services.listing_verify(
        listing=association, by=checker, evidence=services.Evidence(site_visit_on=visited)
    )
    verification = association.verifications.get()
    assert (verification.site_visit_on, verification.checked_by, verification.nib_confirmed) == (
        visited,
        checker,
        False,
    )
    association.refresh_from_db()
    assert association.verified and association.verified_at == verification.checked_at


@pytest.mark.parametrize(
    "certificate, message",
    [
        ({"issuer": ""}, "Give the number, the issuer and the expiry date"),
        ({"number": "  "}, "Give the number, the issuer and the expiry date"),
        ({"expires_on": None}, "Give the number, the issuer and the expiry date"),
        ({"expires_on": timezone.localdate() - timedelta(days=1)}, "expired on"),
    ],
)
def test_a_certificate_needs_its_number_issuer_and_a_future_expiry(certificate, message):
    listing = ListingFactory(nib=NIB)
    fields = {"expires_on": timezone.localdate() + timedelta(days=30), **certificate}
    with pytest.raises(DecisionError, match=message):
        services.listing_verify(
            listing=listing, by=moderator(), evidence=evidence(certificates=[sni(**fields)])
        )
    assert not CertificateCheck.objects.exists()


@pytest.fixture
def certified(client):
    """A verified listing: NIB confirmed, visited, SNI checked; it also declares TKDN itself."""
    listing = ListingFactory(nib=NIB)
    listing.certifications.set(Certification.objects.filter(slug__in=["sni", "tkdn"]))
    until = timezone.localdate() + timedelta(days=60)
    services.listing_verify(listing=listing, by=moderator(), evidence=evidence(certificates=[sni(until)]))
    return listing


def detail(client, listing):
    return client.get(listing.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_badge_says_what_was_checked_and_labels_declared_certifications(client, certified):
    page = client.get(certified.get_absolute_url()).content.decode()
    assert 'data-testid="verified-what"' in page
    assert "NIB confirmed" in page and "site visited on" in page
    assert "SNI (Indonesian National Standard) certificate, valid until" in page
    assert 'data-checked="yes"><span class="badge rounded-pill text-bg-success fw-normal">SNI' in page
    assert 'data-checked="no"><span class="badge rounded-pill text-bg-light border fw-normal">TKDN' in page
    assert "declared by the company" in page

    api = client.get(reverse("api:listing-detail", kwargs={"slug": certified.slug})).json()
    flags = {c["slug"]: c["checked"] for c in api["certifications"]}
    assert flags == {"sni": True, "tkdn": False}


def test_the_checked_certificate_facet_is_not_the_declared_one(client, certified):
    declared_only = ListingFactory()
    declared_only.certifications.set(Certification.objects.filter(slug="sni"))
    url = reverse("api:listing-list")
    declared = {x["slug"] for x in client.get(url, {"certification": "sni"}).json()["results"]}
    checked = {
        x["slug"] for x in client.get(url, {"certification": "sni", "certified": "1"}).json()["results"]
    }
    assert declared == {certified.slug, declared_only.slug}
    assert checked == {certified.slug}


def test_an_expired_certificate_leaves_the_badge_and_queues_the_listing(client, certified, clock):
    assert not ReverificationDueListing.objects.exists()
    clock(timedelta(days=61))
    page = client.get(certified.get_absolute_url()).content.decode()
    assert "NIB confirmed" in page
    assert "certificate, valid until" not in page
    assert 'data-checked="no"><span class="badge rounded-pill text-bg-light border fw-normal">SNI' in page
    assert list(ReverificationDueListing.objects.values_list("pk", flat=True)) == [certified.pk]

    mod = moderator()
    client.force_login(mod)
    queue = client.get(reverse("admin:moderation_reverificationduelisting_changelist")).content.decode()
    assert certified.name in queue
    index = client.get(reverse("admin:index")).content.decode()
    assert 'data-testid="queue-count-reverificationduelisting">1<' in index
    # Due again: the verify button is back, and a renewed certificate takes the listing off the queue.
    change = client.get(reverse("admin:directory_listing_change", args=[certified.pk])).content.decode()
    assert 'data-testid="decide-verify"' in change
    renewed = timezone.localdate() + timedelta(days=400)
    services.listing_verify(listing=certified, by=mod, evidence=evidence(certificates=[sni(renewed)]))
    assert not ReverificationDueListing.objects.exists()
    assert certified.verifications.count() == 2


def test_the_admin_verify_page_records_the_evidence_or_says_what_is_missing(client):
    listing = ListingFactory(legal_form="pt", nib=NIB)
    client.force_login(moderator())
    url = reverse("admin:directory_listing_decide", args=[listing.pk, "verify"])
    page = client.get(url).content.decode()
    assert 'data-testid="verification-evidence"' in page

    refused = client.post(url, {**VERIFY_POST, "nib_confirmed": ""})
    assert refused.status_code == 200
    assert "NIB" in refused.content.decode()
    assert not Decision.objects.exists()

    until = (timezone.localdate() + timedelta(days=90)).isoformat()
    sni_pk = Certification.objects.get(slug="sni").pk
    data = {
        **VERIFY_POST,
        "site_visit_on": timezone.localdate().isoformat(),
        "certificates-TOTAL_FORMS": "1",
        "certificates-0-certification": sni_pk,
        "certificates-0-number": "123/SNI",
        "certificates-0-issuer": "LSPro",
        "certificates-0-expires_on": until,
    }
    assert client.post(url, data).status_code == 302
    verification = listing.verifications.get()
    assert verification.nib_confirmed
    assert [(c.number, c.issuer, c.expires_on.isoformat()) for c in verification.certificates.all()] == [
        ("123/SNI", "LSPro", until)
    ]
    assert listing.decisions.get().action == Decision.Action.VERIFY
