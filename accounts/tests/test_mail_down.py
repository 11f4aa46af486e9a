"""With the mail server down, every page answers normally, the data is saved,
the emails wait in the outbox, and a worker run delivers them once it is back."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import get_hasher
from django.urls import reverse

from accounts.models import Claim, Invitation, User
from directory.models import ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from outbox.models import Email

from .factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

Owner = ListingMembership.TeamRole.OWNER
PASSWORD = "Sepatu-Kulit-2026"


def signup(client, email, prefix=""):
    return client.post(
        prefix + reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def delivered_after_recovery(recover, run_tasks, clock, expected):
    """The emails wait as failed-and-retrying; once the server is back and the
    retry is due, one worker run sends each exactly once."""
    assert run_tasks() == []
    waiting = Email.objects.filter(to__in=expected)
    assert sorted(waiting.values_list("to", flat=True)) == sorted(expected)
    assert set(waiting.values_list("status", flat=True)) == {Email.Status.RETRYING}
    assert all(email.last_error.startswith("ConnectionRefusedError") for email in waiting)
    recover()
    clock(timedelta(minutes=2))
    sent = run_tasks()
    assert sorted(m.to[0] for m in sent) == sorted(expected)
    clock(timedelta(hours=3))
    assert len(run_tasks()) == len(expected)
    return sent


def test_sign_up(client, mail_down, run_tasks, clock):
    response = signup(client, "budi@example.com")
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="budi@example.com", verified=False).exists()
    (message,) = delivered_after_recovery(mail_down, run_tasks, clock, ["budi@example.com"])
    assert "/accounts/confirm-email/" in message.body


def test_password_reset(client, mail_down, run_tasks, clock):
    UserFactory(email="ada@example.com")
    response = client.post(reverse("account_reset_password"), {"email": "ada@example.com"})
    assert response.status_code == 302
    (message,) = delivered_after_recovery(mail_down, run_tasks, clock, ["ada@example.com"])
    assert "/accounts/password/reset/key/" in message.body


def test_invitation(client, mail_down, run_tasks, clock):
    listing = ListingFactory(name="PT Sepatu\nBaris Baru")
    client.force_login(MembershipFactory(listing=listing, role=Owner).user)
    response = client.post(
        reverse("accounts:team", kwargs={"slug": listing.slug}), {"email": "baru@example.com"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    (message,) = delivered_after_recovery(mail_down, run_tasks, clock, ["baru@example.com"])
    assert invitation.token in message.body
    # A listing name with a line break does not break the subject.
    assert "\n" not in message.subject and "PT Sepatu Baris Baru" in message.subject


def test_claim_approval_tells_the_claimant_and_the_competing_claimants(client, mail_down, run_tasks, clock):
    listing = ListingFactory()
    winner = Claim.objects.create(
        listing=listing, user=UserFactory(email="a@example.com"), position="Direktur"
    )
    other = Claim.objects.create(listing=listing, user=UserFactory(email="b@example.com"), position="Staf")
    client.force_login(StaffFactory())
    response = client.post(
        reverse("admin:accounts_claim_changelist"), {"action": "approve", "_selected_action": [winner.pk]}
    )
    assert response.status_code == 302
    winner.refresh_from_db(), other.refresh_from_db()
    assert (winner.status, other.status) == (Claim.Status.APPROVED, Claim.Status.REJECTED)
    assert listing.memberships.get(user=winner.user).role == Owner
    delivered_after_recovery(mail_down, run_tasks, clock, ["a@example.com", "b@example.com"])


def test_join_request(client, mail_down, run_tasks, clock):
    listing = ListingFactory()
    MembershipFactory(listing=listing, role=Owner, user=UserFactory(email="pemilik@example.com"))
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:claim", kwargs={"slug": listing.slug}), {"message": "Halo."})
    assert response.status_code == 302
    delivered_after_recovery(mail_down, run_tasks, clock, ["pemilik@example.com"])


# --- allauth's emails, in the recipient's language ----------------------------


def test_sign_up_in_english_is_confirmed_in_english(client, run_tasks):
    signup(client, "jane@example.com", prefix="/en")
    assert User.objects.get(email="jane@example.com").language == "en"
    (message,) = run_tasks()
    assert "Please Confirm Your Email Address" in message.subject
    assert Email.objects.get().language == "en"


def test_sign_up_in_indonesian_is_confirmed_in_indonesian(client, run_tasks):
    signup(client, "budi@example.com")
    (message,) = run_tasks()
    assert "Konfirmasi" in message.subject
    assert Email.objects.get().language == "id"


def test_the_account_owner_is_told_in_their_own_language(client, run_tasks):
    UserFactory(email="ada@example.com", language="en")
    client.post(reverse("account_reset_password"), {"email": "ada@example.com"})
    signup(client, "ada@example.com")
    reset, exists = run_tasks()
    assert "Password Reset" in reset.subject
    assert "Account Already Exists" in exists.subject
    assert set(Email.objects.values_list("language", flat=True)) == {"en"}


# --- Sign-up takes the same work whether or not the address is known -------------


def test_sign_up_hashes_one_password_whether_or_not_the_address_has_an_account(client, monkeypatch):
    UserFactory(email="ada@example.com")
    hasher = type(get_hasher())
    calls = []
    real_encode = hasher.encode
    monkeypatch.setattr(
        hasher, "encode", lambda self, *args, **kw: calls.append(1) or real_encode(self, *args, **kw)
    )

    assert signup(client, "ada@example.com").status_code == 302
    known = len(calls)
    assert signup(client, "baru@example.com").status_code == 302
    new = len(calls) - known
    assert known == new == 1
    # Both answers queue exactly one email.
    assert Email.objects.filter(to="ada@example.com").count() == 1
    assert Email.objects.filter(to="baru@example.com").count() == 1
