"""Writes that matter are all or nothing: a failure midway leaves the earlier
data as it was and queues no email."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from accounts import services
from accounts.history import listing_token
from accounts.models import Claim, Invitation
from directory.models import Listing, ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from outbox.models import Email

from .conftest import image_bytes
from .factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

Owner = ListingMembership.TeamRole.OWNER


class Boom(Exception):
    pass


def fail_on_call(monkeypatch, target, name, n):
    """Make `target.name` raise on its n-th call (the calls before go through)."""
    real = getattr(target, name)
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise Boom(f"{name} fails on call {n}")
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, wrapper)


def nothing_queued():
    return not Email.objects.exists() and not DBTaskResult.objects.exists()


def test_a_dashboard_edit_that_fails_midway_changes_nothing(monkeypatch):
    listing = ListingFactory(name="PT Lama", description="Lama.")
    user = MembershipFactory(listing=listing, role=Owner).user
    history = listing.history.count()
    token = listing_token(listing)
    edited = Listing.objects.get(pk=listing.pk)
    edited.name, edited.description = "PT Baru", "Baru."
    # The listing row is written, then setting its roles fails.
    fail_on_call(monkeypatch, type(edited.roles), "set", 1)
    with pytest.raises(Boom):
        services.listing_update(
            listing=edited, m2m={"roles": list(listing.roles.all())}, user=user, token=token
        )
    listing.refresh_from_db()
    assert (listing.name, listing.description) == ("PT Lama", "Lama.")
    assert not listing.changed_since_review
    assert listing.history.count() == history


def test_a_claim_that_fails_to_save_leaves_no_claim_and_no_document(monkeypatch, media, settings):
    listing = ListingFactory()
    fail_on_call(monkeypatch, Claim, "save", 1)
    document = SimpleUploadedFile("nib.jpg", image_bytes(), content_type="image/jpeg")
    with pytest.raises(Boom):
        services.claim_create(
            listing=listing, user=UserFactory(), position="Direktur", nib="", document=document, message=""
        )
    assert not Claim.objects.exists()
    private = settings.PRIVATE_MEDIA_ROOT
    assert not private.exists() or not any(p.is_file() for p in private.rglob("*"))


def test_a_claim_approval_that_fails_midway_approves_nothing_and_tells_no_one(monkeypatch):
    listing = ListingFactory()
    claim = Claim.objects.create(listing=listing, user=UserFactory(), position="Direktur")
    other = Claim.objects.create(listing=listing, user=UserFactory(), position="Staf")
    # The approval's email is queued; the competing claimant's notice fails.
    fail_on_call(monkeypatch, services, "email_queue_template", 2)
    with pytest.raises(Boom):
        services.claim_approve(claim=claim, by=StaffFactory())
    claim.refresh_from_db(), other.refresh_from_db()
    assert claim.status == other.status == Claim.Status.PENDING
    assert not listing.memberships.exists()
    assert nothing_queued()


def test_a_claim_rejection_that_fails_rejects_nothing(monkeypatch):
    claim = Claim.objects.create(listing=ListingFactory(), user=UserFactory(), position="Direktur")
    fail_on_call(monkeypatch, services, "email_queue_template", 1)
    with pytest.raises(Boom):
        services.claim_reject(claim=claim, by=StaffFactory(), reason="Bukan pemilik.")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING and not claim.decision_reason
    assert nothing_queued()


def test_an_invitation_whose_email_cannot_be_queued_is_not_created(monkeypatch):
    listing = ListingFactory()
    owner = MembershipFactory(listing=listing, role=Owner).user
    fail_on_call(monkeypatch, services, "email_queue_template", 1)
    with pytest.raises(Boom):
        services.invitation_create(listing=listing, email="baru@example.com", by=owner)
    assert not Invitation.objects.exists()
    assert nothing_queued()


def test_a_join_request_reaches_all_owners_or_none(monkeypatch):
    listing = ListingFactory()
    MembershipFactory(listing=listing, role=Owner)
    MembershipFactory(listing=listing, role=Owner)
    fail_on_call(monkeypatch, services, "email_queue_template", 2)
    with pytest.raises(Boom):
        services.join_request_send(listing=listing, user=UserFactory(), message="Halo.")
    assert nothing_queued()
