"""Supply links: declared by one side, confirmed or declined by the other, ended by either."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.tests.factories import StaffFactory, UserFactory
from directory.models import ListingMembership, SupplyLink
from directory.tests.factories import ListingFactory, MembershipFactory, category

from .factories import SupplyLinkFactory

pytestmark = pytest.mark.django_db

Link = SupplyLink


@pytest.fixture
def tannery():
    listing = ListingFactory(name="Penyamakan Kulit Uji", roles=["material"])
    listing.owner = MembershipFactory(listing=listing).user
    return listing


@pytest.fixture
def producer():
    listing = ListingFactory(name="Sepatu Produsen Uji")
    listing.owner = MembershipFactory(listing=listing).user
    return listing


def links_url(listing):
    return reverse("network:links", kwargs={"slug": listing.slug})


def action_url(listing, link, action):
    return reverse("network:link_action", kwargs={"slug": listing.slug, "pk": link.pk, "action": action})


def propose(client, tannery, producer, **data):
    client.force_login(tannery.owner)
    form = {"partner": producer.slug, "direction": "supplies", "kind": "supply", **data}
    return client.post(links_url(tannery), form)


def test_a_proposed_link_waits_for_the_other_side_and_is_not_public(client, tannery, producer, run_tasks):
    leather = category("material", "leather")
    response = propose(client, tannery, producer, category=leather.pk, note="Kulit sapi krust")
    assert response.status_code == 302
    link = Link.objects.get()
    assert (link.supplier, link.customer, link.status) == (tannery, producer, Link.Status.PROPOSED)
    assert (link.proposer, link.proposed_by, link.category, link.note) == (
        tannery,
        tannery.owner,
        leather,
        "Kulit sapi krust",
    )
    sent = run_tasks()
    assert [m.to for m in sent] == [[producer.owner.email]]
    assert reverse("network:links", kwargs={"slug": producer.slug}) in sent[0].body

    client.logout()
    page = client.get(tannery.get_absolute_url()).content.decode()
    # No chain diagram: the producer may still show among the listings nearby.
    assert 'data-testid="chain-diagram"' not in page
    assert 'data-testid="chain-entry"' not in page


def test_the_other_side_confirms_and_both_pages_show_the_link_to_anonymous_visitors(
    client, tannery, producer, run_tasks
):
    propose(client, tannery, producer, category=category("material", "leather").pk)
    link = Link.objects.get()
    client.logout()
    # Both pages are kept for anonymous visitors before the confirmation.
    for listing in (tannery, producer):
        assert 'data-testid="chain-diagram"' not in client.get(listing.get_absolute_url()).content.decode()

    client.force_login(producer.owner)
    assert client.post(action_url(producer, link, "confirm")).status_code == 302
    link.refresh_from_db()
    assert link.status == Link.Status.CONFIRMED
    assert link.decided_by == producer.owner
    assert tannery.owner.email in [m.to[0] for m in run_tasks()]

    client.logout()
    tannery_page = client.get(tannery.get_absolute_url()).content.decode()
    producer_page = client.get(producer.get_absolute_url()).content.decode()
    assert 'data-testid="chain-diagram"' in tannery_page and "Sepatu Produsen Uji" in tannery_page
    assert 'data-testid="chain-diagram"' in producer_page and "Penyamakan Kulit Uji" in producer_page
    assert "Kulit samak" in producer_page  # what flows


def test_the_proposer_cannot_confirm_its_own_link(client, tannery, producer):
    propose(client, tannery, producer)
    link = Link.objects.get()
    response = client.post(action_url(tannery, link, "confirm"), follow=True)
    assert gettext("This link is not waiting for your answer.") in response.content.decode()
    link.refresh_from_db()
    assert link.status == Link.Status.PROPOSED


def test_declined_links_stay_private_and_the_proposer_is_told(client, tannery, producer, run_tasks):
    propose(client, tannery, producer)
    run_tasks()
    link = Link.objects.get()
    client.force_login(producer.owner)
    client.post(action_url(producer, link, "decline"))
    link.refresh_from_db()
    assert link.status == Link.Status.DECLINED
    assert run_tasks()[-1].to == [tannery.owner.email]
    client.logout()
    assert 'data-testid="chain-diagram"' not in client.get(producer.get_absolute_url()).content.decode()


@pytest.mark.parametrize("side", ["supplier", "customer"])
def test_either_side_ends_a_confirmed_link(client, side):
    link = SupplyLinkFactory()
    listing = getattr(link, side)
    user = MembershipFactory(listing=listing, role=ListingMembership.TeamRole.EDITOR).user
    client.force_login(user)
    client.post(action_url(listing, link, "end"))
    link.refresh_from_db()
    assert (link.status, link.ended_by) == (Link.Status.ENDED, user)
    client.logout()
    assert 'data-testid="chain-diagram"' not in client.get(link.customer.get_absolute_url()).content.decode()


def test_a_second_link_between_the_same_pair_is_refused_with_a_message(client, tannery, producer):
    propose(client, tannery, producer)
    response = propose(client, tannery, producer)
    assert response.status_code == 400
    message = gettext("A link between these two listings is already declared or waiting for confirmation.")
    assert message in response.content.decode()
    assert Link.objects.count() == 1


def test_a_link_to_an_unpublished_or_the_same_listing_is_refused(client, tannery):
    draft = ListingFactory(status="draft")
    client.force_login(tannery.owner)
    assert client.get(links_url(tannery), {"partner": draft.slug}).status_code == 404
    assert client.get(links_url(tannery), {"partner": tannery.slug}).status_code == 404
    assert not Link.objects.exists()


def test_the_search_step_finds_published_listings_by_name(client, tannery, producer):
    ListingFactory(name="Sepatu Draf Tersembunyi", status="draft")
    client.force_login(tannery.owner)
    page = client.get(links_url(tannery), {"q": "sepatu"}).content.decode()
    assert f"?partner={producer.slug}" in page
    assert "Tersembunyi" not in page


@pytest.mark.parametrize("visitor", ["anonymous", "other company", "moderator"])
def test_only_the_team_reaches_a_listings_links(client, tannery, producer, visitor):
    link = SupplyLinkFactory(supplier=tannery, customer=producer, status=Link.Status.PROPOSED)
    if visitor == "other company":
        client.force_login(MembershipFactory().user)
    elif visitor == "moderator":
        client.force_login(StaffFactory())
    expected = 302 if visitor == "anonymous" else 404
    assert client.get(links_url(producer)).status_code == expected
    assert client.post(action_url(producer, link, "confirm")).status_code == expected
    link.refresh_from_db()
    assert link.status == Link.Status.PROPOSED


def test_a_company_cannot_act_on_a_link_of_another_listing_through_its_own(client, tannery, producer):
    link = SupplyLinkFactory(supplier=tannery, customer=producer, status=Link.Status.PROPOSED)
    mine = MembershipFactory()
    client.force_login(mine.user)
    assert client.post(action_url(mine.listing, link, "confirm")).status_code == 404
    assert client.post(action_url(mine.listing, link, "end")).status_code == 404


def test_the_team_sees_its_links_page(client, tannery, producer):
    SupplyLinkFactory(supplier=tannery, customer=producer, status=Link.Status.PROPOSED)
    client.force_login(producer.owner)
    response = client.get(links_url(producer))
    assert response.status_code == 200
    assert 'data-testid="links-waiting"' in response.content.decode()


# --- Staff -------------------------------------------------------------------------


def admin_add(client, supplier, customer):
    return client.post(
        reverse("admin:directory_supplylink_add"),
        {"supplier": supplier.pk, "customer": customer.pk, "kind": "supply", "category": "", "note": ""},
    )


def test_staff_record_a_link_between_unclaimed_listings_confirmed_at_once(admin_client, admin_user):
    supplier, customer = ListingFactory(roles=["supplier"]), ListingFactory()
    assert admin_add(admin_client, supplier, customer).status_code == 302
    link = Link.objects.get()
    assert (link.status, link.proposer, link.decided_by) == (Link.Status.CONFIRMED, None, admin_user)


def test_staff_speak_for_the_unclaimed_side_only(admin_client, producer, run_tasks):
    supplier = ListingFactory(roles=["supplier"])
    admin_add(admin_client, supplier, producer)
    link = Link.objects.get()
    assert (link.status, link.proposer) == (Link.Status.PROPOSED, supplier)
    assert link.awaits(producer)
    assert [m.to for m in run_tasks()] == [[producer.owner.email]]


def test_staff_cannot_record_a_link_between_two_claimed_listings(admin_client, tannery, producer):
    response = admin_add(admin_client, tannery, producer)
    assert response.status_code == 200
    assert (
        gettext("Both listings have owners: they declare this from their dashboards.")
        in response.content.decode()
    )
    assert not Link.objects.exists()


def test_staff_confirm_for_an_unclaimed_side_but_not_for_a_claimed_one(admin_client, tannery):
    unclaimed = ListingFactory()
    for_unclaimed = SupplyLinkFactory(supplier=tannery, customer=unclaimed, status=Link.Status.PROPOSED)
    claimed = MembershipFactory().listing
    for_claimed = SupplyLinkFactory(supplier=tannery, customer=claimed, status=Link.Status.PROPOSED)
    admin_client.post(
        reverse("admin:directory_supplylink_changelist"),
        {"action": "confirm_for_unclaimed", "_selected_action": [for_unclaimed.pk, for_claimed.pk]},
    )
    for_unclaimed.refresh_from_db()
    for_claimed.refresh_from_db()
    assert for_unclaimed.status == Link.Status.CONFIRMED
    assert for_claimed.status == Link.Status.PROPOSED


def test_staff_end_any_link(admin_client, tannery, producer):
    link = SupplyLinkFactory(supplier=tannery, customer=producer)
    admin_client.post(
        reverse("admin:directory_supplylink_changelist"),
        {"action": "end_links", "_selected_action": [link.pk]},
    )
    link.refresh_from_db()
    assert link.status == Link.Status.ENDED


def test_a_company_cannot_answer_for_an_unclaimed_listing():
    from network import services

    translation.activate("en")
    unclaimed = ListingFactory()
    link = SupplyLinkFactory(customer=unclaimed, status=Link.Status.PROPOSED)
    with pytest.raises(ValidationError, match="cannot answer"):
        services.link_confirm(link=link, listing=unclaimed, by=UserFactory())
