"""Owners invite editors, remove them and hand over ownership."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User
from directory.models import ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory

from .factories import UserFactory

pytestmark = pytest.mark.django_db

Owner, Editor = ListingMembership.TeamRole.OWNER, ListingMembership.TeamRole.EDITOR


@pytest.fixture
def team(client):
    listing = ListingFactory()
    owner = MembershipFactory(listing=listing, role=Owner).user
    client.force_login(owner)
    return listing, owner


def team_url(listing):
    return reverse("accounts:team", kwargs={"slug": listing.slug})


def invitation_path(outbox):
    return re.search(r"https?://[^/\s]+(/\S+)", outbox[-1].body).group(1)


def test_invitation_email_link_works_for_someone_without_an_account(client, team, run_tasks):
    listing, owner = team
    response = client.post(team_url(listing), {"email": "Baru@Example.com"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "baru@example.com"
    assert run_tasks()[-1].to == ["baru@example.com"]
    path = invitation_path(run_tasks())
    assert invitation.token in path

    # The newcomer follows the link, is asked to log in or sign up, and comes back.
    client.logout()
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login") + "?next=")
    password = "Sepatu-Kulit-2026"
    client.post(
        reverse("account_signup") + f"?next={path}",
        {"email": "baru@example.com", "password1": password, "password2": password, "next": path},
    )
    verification = re.search(r"https?://[^/\s]+(/\S+)", run_tasks()[-1].body).group(1)
    after_verification = client.post(verification)
    assert after_verification.url == path
    assert client.post(path).status_code == 302
    newcomer = User.objects.get(email="baru@example.com")
    assert listing.memberships.get(user=newcomer).role == Editor
    invitation.refresh_from_db()
    assert invitation.accepted_by == newcomer
    # The link is used up.
    client.force_login(UserFactory())
    client.post(path)
    assert listing.memberships.count() == 2


def test_expired_invitation_is_refused(client, team, run_tasks):
    listing, owner = team
    client.post(team_url(listing), {"email": "late@example.com"})
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=15))
    client.force_login(UserFactory())
    page = client.get(invitation_path(run_tasks()))
    assert "sudah kedaluwarsa" in page.content.decode()
    client.post(invitation_path(run_tasks()))
    assert listing.memberships.count() == 1


def test_inviting_a_member_is_refused(client, team):
    listing, owner = team
    response = client.post(team_url(listing), {"email": owner.email})
    assert "sudah menjadi anggota tim ini" in response.content.decode()
    assert not Invitation.objects.exists()


def test_owner_removes_an_editor(client, team):
    listing, owner = team
    editor = MembershipFactory(listing=listing, role=Editor)
    client.post(reverse("accounts:member_remove", args=[listing.slug, editor.pk]))
    assert not ListingMembership.objects.filter(pk=editor.pk).exists()


def test_the_last_owner_cannot_leave(client, team):
    listing, owner = team
    mine = listing.memberships.get(user=owner)
    response = client.post(reverse("accounts:member_remove", args=[listing.slug, mine.pk]), follow=True)
    assert ListingMembership.objects.filter(pk=mine.pk).exists()
    assert "harus selalu memiliki pemilik" in response.content.decode()


def test_an_owner_can_leave_when_another_owner_remains(client, team):
    listing, owner = team
    MembershipFactory(listing=listing, role=Owner)
    mine = listing.memberships.get(user=owner)
    client.post(reverse("accounts:member_remove", args=[listing.slug, mine.pk]))
    assert not ListingMembership.objects.filter(pk=mine.pk).exists()
    assert listing.memberships.filter(role=Owner).count() == 1


def test_hand_over_ownership(client, team):
    listing, owner = team
    editor = MembershipFactory(listing=listing, role=Editor)
    client.post(reverse("accounts:ownership_hand_over", args=[listing.slug, editor.pk]))
    roles = dict(listing.memberships.values_list("user__email", "role"))
    assert roles == {editor.user.email: Owner, owner.email: Editor}
    # The former owner is now an editor and the team page is closed to them.
    assert client.get(team_url(listing)).status_code == 404


def test_an_invitation_is_accepted_only_by_the_invited_address(client, team, run_tasks):
    listing, owner = team
    client.post(team_url(listing), {"email": "tujuan@example.com"})
    path = invitation_path(run_tasks())
    client.force_login(UserFactory(email="orang.lain@example.com"))
    response = client.post(path, follow=True)
    assert "tujuan@example.com" in response.content.decode()
    assert listing.memberships.count() == 1
    client.force_login(UserFactory(email="Tujuan@Example.com".lower()))
    client.post(path)
    assert listing.memberships.count() == 2
