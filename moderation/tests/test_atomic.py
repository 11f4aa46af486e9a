"""Moderation decisions and imports are all or nothing: a failure midway leaves
the listings as they were and queues no email."""

import pytest
from django_tasks_db.models import DBTaskResult

from accounts.tests.factories import UserFactory
from accounts.tests.test_atomic import Boom, fail_on_call, nothing_queued
from directory.models import Listing, ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from moderation import notifications, services
from moderation.models import Decision

from .factories import moderator
from .test_transfer import row, run

pytestmark = pytest.mark.django_db

Status = Listing.Status


def test_a_decision_whose_emails_fail_midway_is_not_taken(monkeypatch):
    listing = ListingFactory(status=Status.PENDING)
    for _ in range(2):
        MembershipFactory(listing=listing, role=ListingMembership.Role.OWNER, user=UserFactory())
    # The first owner's email is queued, the second one's fails.
    fail_on_call(monkeypatch, notifications, "email_queue", 2)
    with pytest.raises(Boom):
        services.listing_approve(listing=listing, by=moderator())
    listing.refresh_from_db()
    assert listing.status == Status.PENDING and listing.reviewed_at is None
    assert not Decision.objects.exists()
    assert nothing_queued()


def test_a_decision_queues_its_emails_with_it():
    listing = ListingFactory(status=Status.PENDING)
    MembershipFactory(listing=listing, role=ListingMembership.Role.OWNER)
    services.listing_approve(listing=listing, by=moderator())
    assert Decision.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_an_import_that_fails_midway_writes_nothing(monkeypatch):
    existing = ListingFactory(name="PT Sudah Ada", nib="1234567890123", description="Lama.")
    fail_on_call(monkeypatch, Listing, "save_with_history", 2)
    with pytest.raises(Boom):
        run([row(name="PT Sudah Ada", nib="1234567890123", description="Baru."), row(name="PT Kedua")])
    existing.refresh_from_db()
    assert existing.description == "Lama."
    assert list(Listing.objects.values_list("name", flat=True)) == ["PT Sudah Ada"]
