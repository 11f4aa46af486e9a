"""Deleting an account removes the person, not the listings."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import Claim, User
from directory.models import Listing, ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from outbox.models import Email
from outbox.services import email_queue

from .factories import UserFactory

pytestmark = pytest.mark.django_db

Owner, Editor = ListingMembership.TeamRole.OWNER, ListingMembership.TeamRole.EDITOR
PASSWORD = "correct-horse-battery-staple"


def test_deleting_an_account(client):
    user = UserFactory(email="pergi@example.com", first_name="Pergi")
    alone = ListingFactory(name="Sendiri")
    MembershipFactory(listing=alone, user=user, role=Owner)
    helper = MembershipFactory(listing=alone, role=Editor).user
    shared = ListingFactory(name="Bersama")
    MembershipFactory(listing=shared, user=user, role=Owner)
    partner = MembershipFactory(listing=shared, role=Owner).user
    edited = ListingFactory(name="Diedit")
    MembershipFactory(listing=edited, user=user, role=Editor)
    edited_owner = MembershipFactory(listing=edited, role=Owner).user
    Claim.objects.create(listing=ListingFactory(), user=user, position="x", document="claims/a.pdf")
    alone._history_user = user
    alone.save()
    assert alone.history.latest().history_user == user
    email_queue(to="Pergi@example.com", subject="Halo", body="Isi.")
    email_queue(to="tetap@example.com", subject="Halo", body="Isi.")

    client.force_login(user)
    response = client.post(reverse("accounts:account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302

    assert not User.objects.filter(email="pergi@example.com").exists()
    assert not EmailAddress.objects.filter(email="pergi@example.com").exists()
    assert not Claim.objects.exists()
    # Every listing stays; the one it owned alone is unclaimed again.
    assert Listing.objects.filter(name__in=["Sendiri", "Bersama", "Diedit"]).count() == 3
    assert not alone.memberships.exists()
    assert helper.memberships.count() == 0
    assert list(shared.memberships.values_list("user", "role")) == [(partner.pk, Owner)]
    assert list(edited.memberships.values_list("user", "role")) == [(edited_owner.pk, Owner)]
    # The emails to the address leave the outbox; others stay.
    assert list(Email.objects.values_list("to", flat=True)) == ["tetap@example.com"]
    # History keeps the change but not who made it.
    assert alone.history.filter(history_user__isnull=True).exists()
    # Logged out.
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_deletion_needs_the_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:account_delete"), {"password": "nope", "confirm": "on"})
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert User.objects.filter(pk=user.pk).exists()
