import pytest
from django.conf import settings
from django.utils import timezone, translation

from accounts.history import listing_token
from accounts.services import listing_update
from accounts.tests.factories import UserFactory
from directory.models import Listing, ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from moderation import services
from moderation.models import ChangedListing, Decision, PendingListing

from .factories import evidence, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English here; the catalogue tests cover Indonesian."""
    with translation.override("en"):
        yield


Status = Listing.Status


@pytest.fixture
def owned(django_capture_on_commit_callbacks):
    """A pending listing with an English-speaking owner, an Indonesian owner and an editor."""
    listing = ListingFactory(status=Status.PENDING, name="PT Tapak Uji", nib="1234567890123")
    en = MembershipFactory(listing=listing, user=UserFactory(email="en@example.com", language="en")).user
    id_ = MembershipFactory(listing=listing, user=UserFactory(email="id@example.com", language="id")).user
    MembershipFactory(
        listing=listing, role=ListingMembership.TeamRole.EDITOR, user=UserFactory(email="ed@example.com")
    )
    return listing, en, id_


def decide(capture, service, **kwargs):
    with capture(execute=True):
        return service(**kwargs)


CASES = [
    # service, start status, kwargs, expected status
    (services.listing_approve, Status.PENDING, {}, Status.PUBLISHED),
    (services.listing_reject, Status.PENDING, {"reason": "Foto bukan produk Anda."}, Status.REJECTED),
    (services.listing_request_changes, Status.PENDING, {"reason": "Add your NIB."}, Status.DRAFT),
    (services.listing_verify, Status.PUBLISHED, {"evidence": evidence()}, Status.PUBLISHED),
    (services.listing_unpublish, Status.PUBLISHED, {"reason": "Company closed."}, Status.DRAFT),
    (services.listing_archive, Status.PUBLISHED, {}, Status.ARCHIVED),
]


@pytest.mark.parametrize("service, start, kwargs, end", CASES, ids=lambda c: getattr(c, "__name__", None))
@pytest.mark.usefixtures("lifecycle_open")
def test_every_decision_changes_the_listing_records_an_audit_row_and_emails_the_owners(
    owned, django_capture_on_commit_callbacks, service, start, kwargs, end, run_tasks
):
    listing, en, id_ = owned
    Listing.objects.filter(pk=listing.pk).update(status=start)
    actor = moderator()
    decision = decide(django_capture_on_commit_callbacks, service, listing=listing, by=actor, **kwargs)

    listing.refresh_from_db()
    assert listing.status == end
    recorded = Decision.objects.get(listing=listing)
    assert recorded == decision
    assert (recorded.actor, recorded.from_status, recorded.to_status) == (actor, start, end)
    assert recorded.reason == kwargs.get("reason", "")
    assert recorded.created_at <= timezone.now()

    # Owners only, one email each; the editor gets none.
    assert sorted(m.to[0] for m in run_tasks()) == ["en@example.com", "id@example.com"]
    for message in run_tasks():
        assert listing.name in message.subject
        assert listing.name in message.body
        if kwargs.get("reason"):
            assert kwargs["reason"] in message.body
    # Each email is rendered in its recipient's language: links carry the language prefix.
    english = next(m for m in run_tasks() if m.to == ["en@example.com"])
    indonesian = next(m for m in run_tasks() if m.to == ["id@example.com"])
    assert settings.SITE_URL + "/en/" in english.body
    assert "/en/" not in indonesian.body and settings.SITE_URL + "/" in indonesian.body


def test_reject_needs_a_reason_and_changes_nothing(owned, django_capture_on_commit_callbacks, run_tasks):
    listing, _en, _id = owned
    with pytest.raises(services.DecisionError, match="reason"):
        decide(
            django_capture_on_commit_callbacks,
            services.listing_reject,
            listing=listing,
            by=moderator(),
            reason="  ",
        )
    listing.refresh_from_db()
    assert listing.status == Status.PENDING
    assert not Decision.objects.exists()
    assert run_tasks() == []


def test_request_changes_needs_a_reason(owned):
    listing, _en, _id = owned
    with pytest.raises(services.DecisionError):
        services.listing_request_changes(listing=listing, by=moderator(), reason="")
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "service, status",
    [
        (services.listing_unpublish, Status.PENDING),
        (services.listing_archive, Status.ARCHIVED),
        (services.listing_approve, Status.ARCHIVED),
    ],
)
@pytest.mark.usefixtures("lifecycle_open")
def test_a_decision_that_does_not_apply_is_refused(owned, service, status):
    listing, _en, _id = owned
    Listing.objects.filter(pk=listing.pk).update(status=status)
    with pytest.raises(services.DecisionError, match="does not apply"):
        service(listing=listing, by=moderator(), reason="x")
    assert not Decision.objects.exists()


def test_verify_dates_the_badge_and_refuses_twice(owned, django_capture_on_commit_callbacks):
    listing, _en, _id = owned
    decide(
        django_capture_on_commit_callbacks,
        services.listing_verify,
        listing=listing,
        by=moderator(),
        evidence=evidence(),
    )
    listing.refresh_from_db()
    assert listing.verified and listing.verified_at is not None
    with pytest.raises(services.DecisionError, match="already verified"):
        services.listing_verify(listing=listing, by=moderator(), evidence=evidence())


@pytest.mark.usefixtures("lifecycle_open")
def test_request_changes_on_a_published_listing_keeps_it_online(owned):
    listing, _en, _id = owned
    Listing.objects.filter(pk=listing.pk).update(status=Status.PUBLISHED)
    services.listing_request_changes(listing=listing, by=moderator(), reason="Update the address.")
    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED


def test_an_unclaimed_listing_gets_no_email(django_capture_on_commit_callbacks, run_tasks):
    listing = ListingFactory(status=Status.PENDING)
    decide(django_capture_on_commit_callbacks, services.listing_approve, listing=listing, by=moderator())
    assert run_tasks() == []
    assert Decision.objects.filter(listing=listing, action="approve").exists()


def test_the_email_links_to_the_listing_in_the_dashboard_in_each_language(
    owned, django_capture_on_commit_callbacks, run_tasks
):
    listing, _en, _id = owned
    decide(
        django_capture_on_commit_callbacks,
        services.listing_request_changes,
        listing=listing,
        by=moderator(),
        reason="Tambahkan foto.",
    )
    indonesian = next(m for m in run_tasks() if m.to == ["id@example.com"])
    assert f"{settings.SITE_URL}/dashboard/listings/{listing.slug}/" in indonesian.body
    english = next(m for m in run_tasks() if m.to == ["en@example.com"])
    assert f"{settings.SITE_URL}/en/dashboard/listings/{listing.slug}/" in english.body


def test_the_approval_email_links_to_the_public_page_in_each_language(
    owned, django_capture_on_commit_callbacks, run_tasks
):
    listing, _en, _id = owned
    decide(django_capture_on_commit_callbacks, services.listing_approve, listing=listing, by=moderator())
    sent = run_tasks()
    indonesian = next(m for m in sent if m.to == ["id@example.com"])
    assert f"{settings.SITE_URL}/directory/{listing.slug}/" in indonesian.body
    english = next(m for m in sent if m.to == ["en@example.com"])
    assert f"{settings.SITE_URL}/en/directory/{listing.slug}/" in english.body


def test_approving_clears_the_rejection_reason():
    listing = ListingFactory(status=Status.REJECTED, rejection_reason="Bad photos.")
    services.listing_approve(listing=listing, by=moderator())
    listing.refresh_from_db()
    assert (listing.status, listing.rejection_reason) == (Status.PUBLISHED, "")


def test_queues_follow_the_decisions():
    pending = ListingFactory(status=Status.PENDING)
    assert list(PendingListing.objects.values_list("pk", flat=True)) == [pending.pk]
    services.listing_approve(listing=pending, by=moderator())
    assert not PendingListing.objects.exists()
    # Reviewed and not edited since: not in the changed queue.
    assert not ChangedListing.objects.exists()
    # An edit by the owners after the review puts it in the changed queue…
    pending.refresh_from_db()
    pending.description = "Baru."
    listing_update(listing=pending, m2m=None, user=UserFactory(), token=listing_token(pending))
    assert list(ChangedListing.objects.values_list("pk", flat=True)) == [pending.pk]
    # …until a moderator approves the change.
    services.listing_approve(listing=pending, by=moderator())
    assert not ChangedListing.objects.exists()


def test_a_decision_does_not_count_as_an_update_of_the_listing():
    listing = ListingFactory(status=Status.PENDING, nib="1234567890123")
    before = Listing.objects.get(pk=listing.pk).updated_at
    services.listing_verify(listing=listing, by=moderator(), evidence=evidence())
    assert Listing.objects.get(pk=listing.pk).updated_at == before
