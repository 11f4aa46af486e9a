"""Member rosters: the organisation invites or a listing asks to join, the other side confirms."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from accounts.tests.factories import StaffFactory
from directory.models import CommunityMember, ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory

from .factories import CommunityMemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

Entry = CommunityMember


@pytest.fixture
def association():
    listing = OrganisationFactory(name="Asosiasi Pengrajin Uji")
    listing.owner = MembershipFactory(listing=listing).user
    return listing


@pytest.fixture
def maker():
    listing = ListingFactory(name="Sepatu Anggota Uji")
    listing.owner = MembershipFactory(listing=listing).user
    return listing


def url(name, listing, **kwargs):
    return reverse(f"network:{name}", kwargs={"slug": listing.slug, **kwargs})


def entry_url(listing, entry, action):
    return url("entry_action", listing, pk=entry.pk, action=action)


def test_an_invitation_is_confirmed_by_the_member_and_shows_on_both_pages(
    client, association, maker, run_tasks
):
    client.force_login(association.owner)
    response = client.post(
        url("roster", association), {"partner": maker.slug, "message": "Selamat bergabung"}
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.status, entry.requested_by, entry.message) == (
        Entry.Status.INVITED,
        association.owner,
        "Selamat bergabung",
    )
    sent = run_tasks()
    assert [m.to for m in sent] == [[maker.owner.email]]
    assert url("communities", maker) in sent[0].body

    client.logout()
    assert 'data-testid="roster"' not in client.get(association.get_absolute_url()).content.decode()

    client.force_login(maker.owner)
    client.post(entry_url(maker, entry, "confirm"))
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == (Entry.Status.CONFIRMED, maker.owner)
    assert run_tasks()[-1].to == [association.owner.email]

    client.logout()
    organisation_page = client.get(association.get_absolute_url()).content.decode()
    assert 'data-testid="roster"' in organisation_page
    assert "Sepatu Anggota Uji" in organisation_page
    assert "Produsen: 1" in organisation_page  # members by chain role, with counts
    member_page = client.get(maker.get_absolute_url()).content.decode()
    assert 'data-testid="communities"' in member_page and "Asosiasi Pengrajin Uji" in member_page


def test_a_request_to_join_is_confirmed_by_the_organisation(client, association, maker, run_tasks):
    client.force_login(maker.owner)
    client.post(url("communities", maker), {"partner": association.slug, "message": ""})
    entry = Entry.objects.get()
    assert entry.status == Entry.Status.REQUESTED
    assert [m.to for m in run_tasks()] == [[association.owner.email]]

    # The asking side cannot confirm its own request.
    client.post(entry_url(maker, entry, "confirm"))
    entry.refresh_from_db()
    assert entry.status == Entry.Status.REQUESTED

    client.force_login(association.owner)
    client.post(entry_url(association, entry, "confirm"))
    entry.refresh_from_db()
    assert entry.status == Entry.Status.CONFIRMED


def test_the_organisation_cannot_accept_its_own_invitation(client, association, maker):
    entry = CommunityMemberFactory(organisation=association, member=maker, status=Entry.Status.INVITED)
    client.force_login(association.owner)
    response = client.post(entry_url(association, entry, "confirm"), follow=True)
    assert gettext("This is not waiting for your answer.") in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == Entry.Status.INVITED


def test_declined_invitations_leave_the_roster_empty(client, association, maker):
    entry = CommunityMemberFactory(organisation=association, member=maker, status=Entry.Status.INVITED)
    client.force_login(maker.owner)
    client.post(entry_url(maker, entry, "decline"))
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DECLINED
    client.logout()
    assert 'data-testid="communities"' not in client.get(maker.get_absolute_url()).content.decode()


@pytest.mark.parametrize("side", ["organisation", "member"])
def test_either_side_ends_a_membership(client, association, maker, side):
    entry = CommunityMemberFactory(organisation=association, member=maker)
    listing = association if side == "organisation" else maker
    client.force_login(listing.owner)
    client.post(entry_url(listing, entry, "end"))
    entry.refresh_from_db()
    assert (entry.status, entry.ended_by) == (Entry.Status.ENDED, listing.owner)
    # Ended, the pair may start again.
    CommunityMemberFactory(organisation=association, member=maker, status=Entry.Status.REQUESTED)


def test_only_organisations_keep_a_roster(client, maker):
    client.force_login(maker.owner)
    assert client.get(url("roster", maker)).status_code == 404
    assert client.get(url("roster_export", maker)).status_code == 404
    other = ListingFactory()
    response = client.post(url("communities", maker), {"partner": other.slug})
    assert response.status_code == 404  # only organisations are offered and accepted
    assert not Entry.objects.exists()


def test_a_second_invitation_to_the_same_listing_is_refused(client, association, maker):
    CommunityMemberFactory(organisation=association, member=maker, status=Entry.Status.INVITED)
    client.force_login(association.owner)
    response = client.post(url("roster", association), {"partner": maker.slug})
    assert response.status_code == 400
    message = gettext("%(name)s is already on the roster or waiting for an answer.") % {"name": maker.name}
    assert message in response.content.decode()


@pytest.mark.parametrize("visitor", ["anonymous", "other company", "moderator"])
def test_only_the_team_reaches_the_roster(client, association, maker, visitor):
    entry = CommunityMemberFactory(organisation=association, member=maker, status=Entry.Status.REQUESTED)
    if visitor == "other company":
        client.force_login(MembershipFactory().user)
    elif visitor == "moderator":
        client.force_login(StaffFactory())
    expected = 302 if visitor == "anonymous" else 404
    for name in ["roster", "roster_export", "communities"]:
        assert client.get(url(name, association)).status_code == expected
    member = CommunityMemberFactory(organisation=association)
    assert client.get(url("propose_edit", association, pk=member.pk)).status_code == expected
    assert client.post(entry_url(association, entry, "confirm")).status_code == expected
    entry.refresh_from_db()
    assert entry.status == Entry.Status.REQUESTED


def test_the_team_sees_the_roster_with_unclaimed_members_marked(client, association, maker):
    unclaimed = ListingFactory(name="Sepatu Belum Diklaim")
    claimed_entry = CommunityMemberFactory(organisation=association, member=maker)
    unclaimed_entry = CommunityMemberFactory(organisation=association, member=unclaimed)
    client.force_login(association.owner)
    page = client.get(url("roster", association)).content.decode()
    assert page.count('data-testid="roster-member"') == 2
    assert url("propose_edit", association, pk=unclaimed_entry.pk) in page
    assert url("propose_edit", association, pk=claimed_entry.pk) not in page


def test_the_roster_exports_as_csv_with_formulas_kept_as_text(client, association, maker):
    risky = ListingFactory(name="=HYPERLINK(1)", email="a@example.com")
    CommunityMemberFactory(organisation=association, member=maker)
    CommunityMemberFactory(organisation=association, member=risky)
    CommunityMemberFactory(organisation=association, status=Entry.Status.ENDED)
    client.force_login(association.owner)
    response = client.get(url("roster_export", association))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["name", "status", "roles"]
    names = [row[0] for row in rows[1:]]
    assert names == ["'=HYPERLINK(1)", "Sepatu Anggota Uji"]
    assert rows[1][7] == "a@example.com"


# --- Staff ------------------------------------------------------------------------------


def test_staff_put_an_unclaimed_listing_on_an_unclaimed_roster_at_once(admin_client):
    organisation, member = OrganisationFactory(), ListingFactory()
    response = admin_client.post(
        reverse("admin:directory_communitymember_add"), {"organisation": organisation.pk, "member": member.pk}
    )
    assert response.status_code == 302
    assert Entry.objects.get().status == Entry.Status.CONFIRMED


def test_staff_invite_a_claimed_listing_which_confirms_itself(admin_client, maker):
    organisation = OrganisationFactory()
    admin_client.post(
        reverse("admin:directory_communitymember_add"), {"organisation": organisation.pk, "member": maker.pk}
    )
    assert Entry.objects.get().status == Entry.Status.INVITED


def test_staff_cannot_use_a_non_organisation_as_a_roster(admin_client):
    response = admin_client.post(
        reverse("admin:directory_communitymember_add"),
        {"organisation": ListingFactory().pk, "member": ListingFactory().pk},
    )
    assert response.status_code == 200
    assert not Entry.objects.exists()


def test_an_editor_of_the_organisation_may_invite(client, association, maker):
    editor = MembershipFactory(listing=association, role=ListingMembership.TeamRole.EDITOR).user
    client.force_login(editor)
    client.post(url("roster", association), {"partner": maker.slug})
    assert Entry.objects.get().requested_by == editor
