"""The directory, the API and the CSV export filter by community and by confirmed supply links."""

import csv
import io

import pytest
from django.urls import reverse

from directory.filters import ListingFilter
from directory.models import Role, SupplyLink

from .factories import CommunityMemberFactory, ListingFactory, OrganisationFactory, SupplyLinkFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("memory_cache")]


def html_names(client, params):
    response = client.get(reverse("directory:list"), params)
    assert response.status_code == 200
    return {listing.name for listing in response.context["page"].object_list}


def api_names(client, params):
    response = client.get("/api/listings/", params)
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def csv_names(client, params):
    response = client.get(reverse("directory:export_csv"), params)
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row["name"] for row in csv.DictReader(io.StringIO(content))}


def names(client, params):
    """The same answer from the directory page, the API and the CSV export."""
    found = html_names(client, params)
    assert api_names(client, params) == found
    assert csv_names(client, params) == found
    return found


@pytest.fixture
def chain():
    """A tannery in Jawa Barat supplying two producers in Jawa Timur, one of which makes for a brand."""
    tannery = ListingFactory(
        name="Tannery Garut", roles=["material"], province_id="32", regency_id="32.05", district_id=None
    )
    other_tannery = ListingFactory(name="Tannery Sidoarjo", roles=["material"])
    east = ListingFactory(name="Maker Sidoarjo")
    west = ListingFactory(name="Maker Bandung", province_id="32", regency_id="32.04", district_id=None)
    brand = ListingFactory(name="Brand Surabaya", roles=["brand"])
    SupplyLinkFactory(supplier=tannery, customer=east)
    SupplyLinkFactory(supplier=tannery, customer=west)
    SupplyLinkFactory(supplier=other_tannery, customer=west, status=SupplyLink.Status.PROPOSED)
    SupplyLinkFactory(supplier=east, customer=brand, kind="makloon")
    return {"tannery": tannery, "other": other_tannery, "east": east, "west": west, "brand": brand}


def test_members_of_a_community(client):
    association = OrganisationFactory(name="Asosiasi Filter")
    for name in ["Anggota Satu", "Anggota Dua"]:
        CommunityMemberFactory(organisation=association, member=ListingFactory(name=name))
    CommunityMemberFactory(organisation=association, member=ListingFactory(name="Diundang"), status="invited")
    CommunityMemberFactory(organisation=association, member=ListingFactory(name="Keluar"), status="ended")
    CommunityMemberFactory(member=ListingFactory(name="Anggota Lain"))
    assert names(client, {"community": association.slug}) == {"Anggota Satu", "Anggota Dua"}
    assert names(client, {"community": association.slug, "q": "satu"}) == {"Anggota Satu"}


def test_a_community_that_is_unknown_or_not_published_matches_nothing(client):
    hidden = OrganisationFactory(status="draft")
    CommunityMemberFactory(organisation=hidden)
    assert names(client, {"community": hidden.slug}) == set()
    assert names(client, {"community": "tidak-ada"}) == set()


def test_suppliers_and_customers_of_a_listing(client, chain):
    assert names(client, {"supplies": chain["west"].slug}) == {"Tannery Garut"}  # the proposal does not count
    assert names(client, {"supplied_by": chain["tannery"].slug}) == {"Maker Sidoarjo", "Maker Bandung"}
    assert names(client, {"supplied_by": chain["tannery"].slug, "province": "35"}) == {"Maker Sidoarjo"}


def test_producers_supplied_by_a_given_tannery(client, chain):
    params = {"role": "producer", "supplied_by": chain["tannery"].slug}
    assert names(client, params) == {"Maker Sidoarjo", "Maker Bandung"}


def test_suppliers_of_producers_in_a_province(client, chain):
    assert names(client, {"customer_role": "producer", "customer_province": "35"}) == {"Tannery Garut"}
    assert names(client, {"customer_role": "brand"}) == {"Maker Sidoarjo"}
    # Role and province describe the same customer: nobody supplies a brand in Jawa Barat.
    assert names(client, {"customer_role": "brand", "customer_province": "32"}) == set()
    assert names(client, {"customer_province": "32"}) == {"Tannery Garut"}


def test_listings_supplied_by_material_sources_in_a_province(client, chain):
    assert names(client, {"supplier_role": "material", "supplier_province": "32"}) == {
        "Maker Sidoarjo",
        "Maker Bandung",
    }
    assert names(client, {"supplier_role": "producer"}) == {"Brand Surabaya"}
    assert names(client, {"supplier_role": "material", "supplier_province": "35"}) == set()


@pytest.mark.usefixtures("lifecycle_open")
def test_links_to_unpublished_listings_do_not_count(client, chain):
    chain["brand"].status = "archived"
    chain["brand"].save()
    assert names(client, {"customer_role": "brand"}) == set()


def test_a_value_not_understood_is_ignored_with_a_notice_on_the_page_and_refused_by_the_api(client, chain):
    response = client.get(reverse("directory:list"), {"customer_role": "tukang"})
    assert response.status_code == 200
    assert response.context["notices"]
    assert client.get("/api/listings/", {"customer_role": "tukang"}).status_code == 400
    assert client.get("/api/listings/", {"community": "bukan slug!"}).status_code == 400


def test_chips_name_the_filters_and_the_form_keeps_them(client, chain):
    association = OrganisationFactory(name="Asosiasi Chip")
    CommunityMemberFactory(organisation=association, member=chain["east"])
    response = client.get(
        reverse("directory:list"),
        {"community": association.slug, "customer_role": "brand", "role": "producer"},
    )
    chips = {chip.label: chip.value for chip in response.context["chips"]}
    assert chips[str(ListingFilter.base_filters["community"].label)] == "Asosiasi Chip"
    assert chips[str(ListingFilter.base_filters["customer_role"].label)] == str(Role.Code.BRAND.label)
    html = response.content.decode()
    assert f'<input type="hidden" name="community" value="{association.slug}">' in html
    # The province of the customer is offered once its role is chosen.
    assert 'id="f-customer_province"' in html
    assert 'id="f-supplier_province"' not in html
    community_chip = next(chip for chip in response.context["chips"] if chip.value == "Asosiasi Chip")
    assert "community" not in community_chip.remove_query
    assert "customer_role=brand" in community_chip.remove_query


def test_facet_counts_follow_the_network_filters(client, chain):
    client.get(reverse("directory:list"))
    filtered = client.get(reverse("directory:list"), {"supplied_by": chain["tannery"].slug})
    assert filtered.context["paginator"].count == 2
    roles = {option.value: option.count for option in filtered.context["facets"]["role"].options}
    assert roles["producer"] == 2 and roles["material"] == 0


def test_the_community_filter_costs_the_same_at_any_size(client, django_assert_num_queries):
    association = OrganisationFactory()
    for _ in range(3):
        CommunityMemberFactory(organisation=association)
    params = {"community": association.slug}
    client.get(reverse("directory:list"), params)

    def count():
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(reverse("directory:list"), params)  # the generation's snapshot, read once
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("directory:list"), params)
        return len(queries)

    few = count()
    for _ in range(25):
        CommunityMemberFactory(organisation=association)
    assert count() == few
