"""A community proposes edits to an unclaimed member's listing; BPIPI reviews them in the admin."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from directory.models import Listing
from directory.tests.factories import ListingFactory, MembershipFactory
from network.models import EditProposal

from .factories import CommunityMemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    listing = OrganisationFactory(name="Koperasi Uji")
    listing.owner = MembershipFactory(listing=listing).user
    return listing


def propose_url(association, entry):
    return reverse("network:propose_edit", kwargs={"slug": association.slug, "pk": entry.pk})


def form_data(listing, **changes):
    data = {
        "description": listing.description,
        "description_en": listing.description_en,
        "address": listing.address,
        "postal_code": listing.postal_code,
        "contact_person": listing.contact_person,
        "phone": "",
        "whatsapp": "",
        "email": listing.email,
        "website": "",
        "instagram": "",
        "facebook": "",
        "size": listing.size,
        "year_founded": "",
        "note": "",
    }
    return {**data, **changes}


def test_a_proposal_is_stored_and_changes_nothing_until_reviewed(client, association):
    member = ListingFactory(address="Jl. Lama 1")
    entry = CommunityMemberFactory(organisation=association, member=member)
    client.force_login(association.owner)
    response = client.post(
        propose_url(association, entry),
        form_data(member, address="Jl. Baru 2", whatsapp="0812 3456 7890", note="Kunjungan Mei"),
    )
    assert response.status_code == 302
    proposal = EditProposal.objects.get()
    assert proposal.changes == {"address": "Jl. Baru 2", "whatsapp": "+6281234567890"}
    assert (proposal.organisation, proposal.proposed_by, proposal.note) == (
        association,
        association.owner,
        "Kunjungan Mei",
    )
    member.refresh_from_db()
    assert member.address == "Jl. Lama 1"


def test_a_claimed_member_edits_its_own_listing(client, association):
    member = MembershipFactory().listing
    entry = CommunityMemberFactory(organisation=association, member=member)
    client.force_login(association.owner)
    response = client.get(propose_url(association, entry))
    assert response.status_code == 302
    assert not EditProposal.objects.exists()


def test_only_confirmed_members_can_be_edited(client, association):
    entry = CommunityMemberFactory(organisation=association, status="invited")
    client.force_login(association.owner)
    assert client.get(propose_url(association, entry)).status_code == 404


def test_another_organisation_cannot_propose_for_a_roster_it_does_not_keep(client, association):
    entry = CommunityMemberFactory(organisation=association)
    other = OrganisationFactory()
    client.force_login(MembershipFactory(listing=other).user)
    url = reverse("network:propose_edit", kwargs={"slug": other.slug, "pk": entry.pk})
    assert client.get(url).status_code == 404
    assert client.get(propose_url(association, entry)).status_code == 404


def test_an_unchanged_form_is_refused_with_a_message(client, association):
    member = ListingFactory()
    entry = CommunityMemberFactory(organisation=association, member=member)
    client.force_login(association.owner)
    response = client.post(propose_url(association, entry), form_data(member))
    assert response.status_code == 400
    assert gettext("Nothing was changed.") in response.content.decode()


def make_proposal(association, **changes):
    member = ListingFactory(address="Jl. Lama 1")
    CommunityMemberFactory(organisation=association, member=member)
    return EditProposal.objects.create(
        listing=member, organisation=association, proposed_by=association.owner, changes=changes
    )


def test_a_moderator_accepts_and_the_listing_history_names_the_moderator(
    admin_client, admin_user, association, run_tasks
):
    proposal = make_proposal(association, address="Jl. Baru 2", size="small")
    page = admin_client.get(reverse("admin:network_editproposal_change", args=[proposal.pk])).content.decode()
    assert "Jl. Lama 1" in page and "Jl. Baru 2" in page
    admin_client.post(reverse("admin:network_editproposal_decide", args=[proposal.pk]), {"accept": "1"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (EditProposal.Status.ACCEPTED, admin_user)
    assert proposal.decided_at is not None
    listing = Listing.objects.get(pk=proposal.listing_id)
    assert (listing.address, listing.size) == ("Jl. Baru 2", "small")
    assert listing.history.first().history_user == admin_user
    assert run_tasks()[-1].to == [association.owner.email]


def test_rejecting_needs_a_reason_which_is_sent_to_the_organisation(admin_client, association, run_tasks):
    proposal = make_proposal(association, address="Jl. Baru 2")
    url = reverse("admin:network_editproposal_decide", args=[proposal.pk])
    admin_client.post(url, {"reject": "1", "reason": ""})
    proposal.refresh_from_db()
    assert proposal.status == EditProposal.Status.PENDING
    admin_client.post(url, {"reject": "1", "reason": "Alamat tidak cocok dengan NIB"})
    proposal.refresh_from_db()
    assert proposal.status == EditProposal.Status.REJECTED
    assert "Alamat tidak cocok dengan NIB" in run_tasks()[-1].body
    assert Listing.objects.get(pk=proposal.listing_id).address == "Jl. Lama 1"


def test_a_decided_proposal_is_not_decided_again(admin_client, association):
    proposal = make_proposal(association, address="Jl. Baru 2")
    url = reverse("admin:network_editproposal_decide", args=[proposal.pk])
    admin_client.post(url, {"accept": "1"})
    response = admin_client.post(url, {"reject": "1", "reason": "x"}, follow=True)
    assert gettext("This proposal has already been reviewed.") in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == EditProposal.Status.ACCEPTED


def test_a_value_no_longer_valid_is_refused_on_acceptance(admin_client, association):
    proposal = make_proposal(association, postal_code="12")
    response = admin_client.post(
        reverse("admin:network_editproposal_decide", args=[proposal.pk]), {"accept": "1"}, follow=True
    )
    proposal.refresh_from_db()
    assert proposal.status == EditProposal.Status.PENDING
    assert response.status_code == 200


def test_a_company_cannot_reach_the_review(client, association):
    proposal = make_proposal(association, address="Jl. Baru 2")
    client.force_login(association.owner)
    url = reverse("admin:network_editproposal_decide", args=[proposal.pk])
    assert client.post(url, {"accept": "1"}).status_code == 302  # to the admin's log-in
    proposal.refresh_from_db()
    assert proposal.status == EditProposal.Status.PENDING
