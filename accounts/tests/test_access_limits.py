"""Claim documents are for claim moderators; invitation and join-request emails are rate-limited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts import services
from accounts.models import Invitation
from directory.models import ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from moderation.tests.factories import moderator
from outbox.models import Email

from .factories import UserFactory
from .test_claims import claim_data, claim_url

pytestmark = pytest.mark.django_db

Owner = ListingMembership.TeamRole.OWNER


def test_a_claim_document_needs_the_claim_moderation_permission(client):
    claimant = UserFactory()
    client.force_login(claimant)
    client.post(claim_url(ListingFactory()), claim_data())
    url = reverse("accounts:claim_document", args=[claimant.claims.get().pk])

    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403
    client.force_login(moderator())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_inviting_the_same_address_over_and_over_is_refused_with_a_clear_message(client):
    listing = ListingFactory()
    owner = MembershipFactory(listing=listing, role=Owner).user
    client.force_login(owner)
    url = reverse("accounts:team", kwargs={"slug": listing.slug})
    for _attempt in range(services.MAIL_LIMIT_PER_ADDRESS):
        assert client.post(url, {"email": "korban@example.com"}).status_code == 302
    sent = Email.objects.count()
    response = client.post(url, {"email": "korban@example.com"})
    assert response.status_code == 200
    with translation.override("id"):
        message = gettext(
            "This address has already received %(limit)s of these emails in the last day. Try again tomorrow."
        ) % {"limit": services.MAIL_LIMIT_PER_ADDRESS}
    assert message in response.content.decode()
    assert Email.objects.count() == sent
    assert Invitation.objects.count() == services.MAIL_LIMIT_PER_ADDRESS


def test_one_user_cannot_flood_many_addresses(monkeypatch):
    monkeypatch.setattr(services, "MAIL_LIMIT_PER_USER", 3)
    listing = ListingFactory()
    owner = MembershipFactory(listing=listing, role=Owner).user
    for n in range(3):
        services.invitation_create(listing=listing, email=f"orang{n}@example.com", by=owner)
    with pytest.raises(ValidationError) as refused:
        services.invitation_create(listing=listing, email="orang9@example.com", by=owner)
    assert refused.value.code == "rate_limited"
    assert not Invitation.objects.filter(email="orang9@example.com").exists()


def test_join_requests_are_limited_per_user_and_per_owner_address(monkeypatch):
    listing = ListingFactory()
    MembershipFactory(listing=listing, role=Owner)
    for _attempt in range(services.MAIL_LIMIT_PER_ADDRESS):
        services.join_request_send(listing=listing, user=UserFactory(), message="Halo.")
    sent = Email.objects.count()
    # A new user each time: the owner's address is what the limit protects.
    with pytest.raises(ValidationError) as refused:
        services.join_request_send(listing=listing, user=UserFactory(), message="Halo.")
    assert refused.value.code == "rate_limited"
    assert Email.objects.count() == sent

    monkeypatch.setattr(services, "MAIL_LIMIT_PER_USER", 2)
    asker = UserFactory()
    for _attempt in range(2):
        other = ListingFactory()
        MembershipFactory(listing=other, role=Owner)
        services.join_request_send(listing=other, user=asker, message="Halo.")
    with pytest.raises(ValidationError):
        services.join_request_send(listing=ListingFactory(), user=asker, message="Halo.")
