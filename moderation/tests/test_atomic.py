"""Moderation decisions and imports are all or nothing: a failure midway leaves
the listings as they were and queues no email."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.tests.factories import UserFactory
from accounts.tests.test_atomic import Boom, fail_on_call, nothing_queued
from directory.models import Listing, ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from moderation import notifications, services
from moderation.models import Decision
from outbox.models import Email

from .factories import moderator
from .test_transfer import row, run

pytestmark = pytest.mark.django_db

Status = Listing.Status


def test_a_decision_whose_emails_fail_midway_is_not_taken(monkeypatch):
    listing = ListingFactory(status=Status.PENDING)
    for _ in range(2):
        MembershipFactory(listing=listing, role=ListingMembership.TeamRole.OWNER, user=UserFactory())
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
    MembershipFactory(listing=listing, role=ListingMembership.TeamRole.OWNER)
    services.listing_approve(listing=listing, by=moderator())
    assert Decision.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_an_import_that_fails_midway_writes_nothing(monkeypatch):
    existing = ListingFactory(name="PT Sudah Ada", nib="1234567890123", description="Lama.")
    # The new listing is written first, then the update fails.
    fail_on_call(monkeypatch, Listing.objects, "bulk_update", 1)
    with pytest.raises(Boom):
        run([row(name="PT Sudah Ada", nib="1234567890123", description="Baru."), row(name="PT Kedua")])
    existing.refresh_from_db()
    assert existing.description == "Lama."
    assert list(Listing.objects.values_list("name", flat=True)) == ["PT Sudah Ada"]


def test_a_decision_answers_normally_while_the_mail_server_is_down(client, mail_down, run_tasks, clock):
    listing = ListingFactory(status=Status.PENDING)
    owner = UserFactory(email="pemilik@example.com", language="en")
    MembershipFactory(listing=listing, role=ListingMembership.TeamRole.OWNER, user=owner)
    client.force_login(moderator())
    decide_url = reverse("admin:directory_listing_decide", args=[listing.pk, "approve"])
    assert client.post(decide_url, {"reason": ""}).status_code == 302
    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED
    assert Decision.objects.filter(listing=listing).count() == 1
    assert run_tasks() == []
    assert Email.objects.get().status == Email.Status.RETRYING

    mail_down()  # the server is back
    clock(timedelta(minutes=2))
    (message,) = run_tasks()
    assert message.to == ["pemilik@example.com"]
    assert "is published" in message.subject
