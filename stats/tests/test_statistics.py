"""The network in numbers: every chart's numbers against the data, in both languages, with CSV."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import Listing, SupplyLink
from directory.tests.factories import ListingFactory, SupplyLinkFactory, category
from enquiries.tests.factories import EnquiryFactory
from stats.charts import nice_ceiling
from stats.numbers import month_starts

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    """Published listings across roles, places, sizes; links along the chain; enquiries."""
    tannery = ListingFactory(roles=["material"], size="medium", verified=True, verified_at=timezone.now())
    soles = ListingFactory(
        roles=["supplier"], size="small", province_id="32", regency_id="32.04", district_id=None
    )
    makers = [ListingFactory(size="micro", categories=[category("producer", "sport")]) for _ in range(3)]
    brand = ListingFactory(roles=["brand", "producer"], categories=[category("brand", "casual")])
    ListingFactory(status=Listing.Status.DRAFT, size="large")  # not counted anywhere
    SupplyLinkFactory(supplier=tannery, customer=makers[0])
    SupplyLinkFactory(supplier=tannery, customer=makers[1])
    SupplyLinkFactory(supplier=soles, customer=makers[0])
    SupplyLinkFactory(supplier=makers[2], customer=brand, kind="makloon")
    SupplyLinkFactory(supplier=soles, customer=makers[2], status=SupplyLink.Status.PROPOSED)  # not confirmed
    old = timezone.now() - timedelta(days=62)
    EnquiryFactory(listing=makers[0], created_at=old)
    EnquiryFactory.create_batch(2, listing=makers[1])
    return {"tannery": tannery, "soles": soles, "makers": makers, "brand": brand}


def page(client, language="id"):
    with translation.override(language):
        url = reverse("stats:index")
    response = client.get(url)
    assert response.status_code == 200
    return response


def table_values(html, name):
    table = re.search(rf'data-testid="table-{name}">(.*?)</table>', html, re.S).group(1)
    return [
        int(v.replace(".", "").replace(",", "")) for v in re.findall(r'data-testid="value">([\d.,]+)<', table)
    ]


def test_listings_by_role_province_size_and_verified_match_the_data(client, network):
    response = page(client)
    html = response.content.decode()
    assert response.context["numbers"]["total"] == 6
    # Roles in chain order: material, supplier, producer (3 makers + the brand), brand, organisation.
    assert table_values(html, "roles") == [1, 1, 4, 1, 0]
    provinces = response.context["numbers"]["provinces"]
    assert provinces == [("35", "Jawa Timur", 5), ("32", "Jawa Barat", 1)]
    sizes = dict(response.context["numbers"]["sizes"])
    assert (sizes["micro"], sizes["small"], sizes["medium"], sizes["large"]) == (3, 1, 1, 0)
    assert table_values(html, "sizes") == [3, 1, 1, 0, 1]  # the brand gave no size
    assert table_values(html, "verified") == [1, 5]
    assert "17%" in html  # 1 of 6 verified


def test_categories_count_each_listing_per_category(client, network):
    numbers = page(client).context["numbers"]
    counts = {(role, slug): n for role, slug, _name, _en, n in numbers["categories"]}
    assert counts[("producer", "sport")] == 3
    assert counts[("brand", "casual")] == 1


def test_links_between_stages_count_confirmed_links_by_each_sides_first_role(client, network):
    response = page(client)
    links = {(s, t): n for s, t, n in response.context["numbers"]["links"]}
    # The brand is also a producer: its first role in the chain is producer.
    assert links == {("material", "producer"): 2, ("supplier", "producer"): 1, ("producer", "producer"): 1}
    html = response.content.decode()
    assert sorted(table_values(html, "links")) == [1, 1, 2]
    assert 'data-testid="chart-links"' in html


def test_growth_and_enquiries_per_month(client, network):
    response = page(client)
    numbers = response.context["numbers"]
    months = dict(numbers["growth"]["months"])
    this_month = timezone.localdate().replace(day=1)
    assert months[this_month] == 6
    assert sum(months.values()) == 6
    enquiries = dict(numbers["enquiries"])
    assert enquiries[this_month] == 2
    assert sum(enquiries.values()) == 3
    html = response.content.decode()
    assert table_values(html, "enquiries")[-1] == 2


def test_every_chart_downloads_as_csv(client, network):
    expected = {
        "roles": ["role", "listings"],
        "provinces": ["province_code", "province", "listings"],
        "categories": ["role", "category", "name", "listings"],
        "sizes": ["size", "listings"],
        "verified": ["verified", "listings"],
        "growth": ["month", "new_listings", "total_listings"],
        "links": ["from_role", "to_role", "confirmed_links"],
        "enquiries": ["month", "enquiries"],
    }
    html = page(client).content.decode()
    for name, header in expected.items():
        url = reverse("stats:csv", kwargs={"name": name})
        assert url in html
        response = client.get(url)
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == header, name
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("stats:csv", kwargs={"name": "growth"})).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[-1][1:] == ["6", "6"]
    assert client.get("/statistik/nothing.csv").status_code == 404


def test_numbers_follow_a_new_listing_at_once(client, network):
    assert page(client).context["numbers"]["total"] == 6
    ListingFactory()
    assert page(client).context["numbers"]["total"] == 7


def test_the_page_reads_its_numbers_from_the_cache(
    client, network, django_assert_max_num_queries, memory_cache
):
    page(client)
    # The generation, twice (the numbers, the role counts); nothing is counted again.
    with django_assert_max_num_queries(2):
        page(client)


def test_the_page_is_in_english_too(client, network):
    html = page(client, "en").content.decode()
    assert "The network in numbers" in html
    assert "Material source" in html


def test_an_empty_directory_has_a_page_too(client):
    html = page(client).content.decode()
    assert 'data-testid="chart-growth"' in html


def test_the_page_stays_within_the_page_weight_budget(client, network):
    from scripts.page_weight import BUDGET_BYTES, measure

    def fetch(url):
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            return b"".join(response.streaming_content)
        return response.content

    rows = measure(reverse("stats:index"), fetch)
    assert sum(gz for _url, _raw, gz in rows) < BUDGET_BYTES


def test_month_starts_and_axis_maximum():
    from datetime import date

    months = month_starts(date(2026, 2, 14), count=3)
    assert months == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 10, 11, 230)] == [0, 1, 5, 10, 10, 20, 500]


def test_the_statistics_page_is_in_the_sitemap(client):
    assert "/sitemap-statistics.xml" in client.get("/sitemap.xml").content.decode()
    assert "/statistik/" in client.get("/sitemap-statistics.xml").content.decode()
