import datetime
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from directory.facets import listing_facets
from directory.filters import ListingFilter
from directory.models import Certification, Listing
from directory.views import PAGE_SIZE

from .factories import ListingFactory, category

pytestmark = pytest.mark.django_db

URL = reverse("directory:list")
BANDUNG = {"province_id": "32", "regency_id": "32.73", "district_id": None}
SURABAYA = {"province_id": "35", "regency_id": "35.78", "district_id": None}


def names(response):
    return sorted(listing.name for listing in response.context["page"].object_list)


def get(client, url=URL, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_lists_published_listings_only(client):
    ListingFactory(name="Terbit")
    for status in ["draft", "pending", "rejected", "archived"]:
        ListingFactory(name=f"Hidden {status}", status=status, rejection_reason="x")
    response = get(client)
    assert names(response) == ["Terbit"]
    assert response.context["paginator"].count == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"role": "supplier"}, ["Sol Supplier"]),
        ({"role": "producer"}, ["Sepatu Bandung", "Sepatu Kulit Sidoarjo", "Sepatu Surabaya"]),
        ({"province": "32"}, ["Sepatu Bandung"]),
        ({"province": "35", "regency": "35.78"}, ["Sepatu Surabaya"]),
        ({"regency": "35.15"}, ["Sepatu Kulit Sidoarjo", "Sol Supplier"]),
        ({"certification": "sni"}, ["Sepatu Kulit Sidoarjo"]),
        ({"export": "1"}, ["Sepatu Surabaya"]),
        ({"size": "large"}, ["Sepatu Bandung"]),
        ({"verified": "1"}, ["Sol Supplier"]),
        ({"capacity": "50000-"}, ["Sepatu Bandung"]),
        ({"capacity": "1000-9999"}, ["Sepatu Kulit Sidoarjo"]),
        ({"moq": "0-50"}, ["Sepatu Kulit Sidoarjo"]),
        ({"moq": "1001-"}, ["Sepatu Bandung"]),
        ({"role": "producer", "category": "formal-leather"}, ["Sepatu Kulit Sidoarjo"]),
        ({"category": "outsoles"}, ["Sol Supplier"]),
        ({"role": "producer", "province": "35", "size": "small"}, ["Sepatu Surabaya"]),
    ],
)
def test_each_filter_narrows_the_results(client, params, expected):
    leather = ListingFactory(
        name="Sepatu Kulit Sidoarjo",
        categories=[category("producer", "formal-leather")],
        capacity_pairs=3000,
        moq_pairs=24,
        size="medium",
    )
    leather.certifications.set([Certification.objects.get(slug="sni")])
    ListingFactory(name="Sepatu Bandung", capacity_pairs=120000, moq_pairs=5000, size="large", **BANDUNG)
    ListingFactory(name="Sepatu Surabaya", export_markets=["JP"], size="small", **SURABAYA)
    ListingFactory(
        name="Sol Supplier",
        roles=["supplier"],
        categories=[category("supplier", "outsoles")],
        verified=True,
        verified_at=timezone.now(),
    )
    response = get(client, **params)
    assert names(response) == expected
    assert not response.context["notices"]


def test_category_slug_shared_by_producers_and_brands_finds_both_once(client):
    ListingFactory(
        name="Both",
        roles=["producer", "brand"],
        categories=[category("producer", "sport"), category("brand", "sport")],
    )
    ListingFactory(name="Brand only", roles=["brand"], categories=[category("brand", "sport")])
    ListingFactory(name="Casual", categories=[category("producer", "casual")])
    assert names(get(client, category="sport")) == ["Both", "Brand only"]
    assert names(get(client, role="brand", category="sport")) == ["Both", "Brand only"]
    assert names(get(client, role="producer", category="sport")) == ["Both"]


def test_category_choices_follow_the_chosen_role(client):
    response = get(client, role="supplier")
    values = [option.value for option in response.context["facets"]["category"].options]
    assert "outsoles" in values
    assert "sport" not in values
    # A producer category under the supplier role is not a valid choice: ignored, said so.
    ListingFactory(name="Sol", roles=["supplier"])
    response = get(client, url="/en/directory/", role="supplier", category="sport")
    assert names(response) == ["Sol"]
    with translation.override("en"):
        assert any("Category" in notice for notice in response.context["notices"])


def test_facet_counts_show_what_each_option_would_give(client):
    ListingFactory.create_batch(2)
    ListingFactory(**BANDUNG)
    ListingFactory(roles=["supplier"], **BANDUNG)
    response = get(client, role="producer", province="32")
    facets = response.context["facets"]
    provinces = {o.value: o.count for o in facets["province"].options}
    # Province counts keep the role filter but not the province one.
    assert provinces == {"35": 2, "32": 1}
    roles = {o.value: o.count for o in facets["role"].options}
    assert roles["producer"] == 1
    assert roles["supplier"] == 1
    assert roles["brand"] == 0
    html = response.content.decode()
    assert "Jawa Timur (2)" in html
    assert "Jawa Barat (1)" in html
    regencies = {o.value: o.count for o in facets["regency"].options}
    assert regencies == {"32.73": 1}


def test_facets_work_outside_the_view_for_reuse():
    ListingFactory(size="micro")
    ListingFactory(size="micro", verified=True, verified_at=timezone.now())
    ListingFactory(size="large", capacity_pairs=60000)
    filterset = ListingFilter(QueryDict("verified=1"))
    facets = listing_facets(filterset)
    assert {o.value: o.count for o in facets["size"].options}["micro"] == 1
    assert facets["verified"].options[0].count == 1
    assert facets["verified"].options[0].selected
    assert {o.value: o.count for o in facets["capacity"].options}["50000-"] == 0
    assert [listing.size for listing in filterset.qs] == ["micro"]


def test_active_filters_show_as_removable_chips(client):
    ListingFactory(name="A", **BANDUNG)
    response = get(
        client, url="/en/directory/", role="producer", province="32", regency="32.73", verified="1"
    )
    with translation.override("en"):
        chips = {str(chip.label): chip for chip in response.context["chips"]}
    assert chips["Province"].value == "Jawa Barat"
    # Removing the province also drops the regency inside it.
    assert QueryDict(chips["Province"].remove_query).dict() == {"role": "producer", "verified": "1"}
    assert QueryDict(chips["Chain role"].remove_query).dict() == {
        "province": "32",
        "regency": "32.73",
        "verified": "1",
    }
    html = response.content.decode()
    assert f'href="?{chips["Province"].remove_query.replace("&", "&amp;")}"' in html


def test_sort_by_name_newest_and_recently_updated(client):
    now = timezone.now()
    b = ListingFactory(name="B")
    a = ListingFactory(name="A")
    c = ListingFactory(name="C")
    Listing.objects.filter(pk=b.pk).update(created_at=now, updated_at=now - datetime.timedelta(days=9))
    Listing.objects.filter(pk=a.pk).update(created_at=now - datetime.timedelta(days=5), updated_at=now)
    Listing.objects.filter(pk=c.pk).update(
        created_at=now - datetime.timedelta(days=9), updated_at=now - datetime.timedelta(days=5)
    )

    def order(**params):
        return [listing.name for listing in get(client, **params).context["page"].object_list]

    assert order() == ["A", "B", "C"]
    assert order(sort="name") == ["A", "B", "C"]
    assert order(sort="newest") == ["B", "A", "C"]
    assert order(sort="updated") == ["A", "C", "B"]
    # Relevance needs a search; without one it falls back to name.
    assert order(sort="relevance") == ["A", "B", "C"]


def test_relevance_is_the_default_sort_when_searching(client):
    ListingFactory(name="Aneka Sandal", description="Kami juga membuat sepatu.")
    ListingFactory(name="Sepatu Zamrud", description="")
    response = get(client, q="sepatu")
    assert response.context["filter"].sort_order == "relevance"
    assert [listing.name for listing in response.context["page"].object_list] == [
        "Sepatu Zamrud",
        "Aneka Sandal",
    ]
    assert [listing.name for listing in get(client, q="sepatu", sort="name").context["page"].object_list] == [
        "Aneka Sandal",
        "Sepatu Zamrud",
    ]


def test_pagination_with_total_count(client):
    ListingFactory.create_batch(PAGE_SIZE + 5)
    first = get(client, url="/en/directory/")
    assert first.context["paginator"].count == PAGE_SIZE + 5
    assert len(first.context["page"].object_list) == PAGE_SIZE
    assert f"{PAGE_SIZE + 5} listings found" in first.content.decode()
    assert 'rel="next" href="?page=2"' in first.content.decode()
    second = get(client, page="2", role="producer")
    assert len(second.context["page"].object_list) == 5
    assert 'href="?role=producer&amp;page=1"' in second.content.decode()
    assert not {x.pk for x in first.context["page"].object_list} & {
        x.pk for x in second.context["page"].object_list
    }


@pytest.mark.parametrize(
    "params",
    [
        {"role": "wizard"},
        {"category": "no-such-thing"},
        {"province": "99"},
        {"province": "3'5"},
        {"regency": "xx.yy"},
        {"province": "32", "regency": "35.15"},
        {"certification": "nope"},
        {"size": "huge"},
        {"capacity": "1-2"},
        {"moq": "-5"},
        {"sort": "price"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "99999999999999999999999"},
        {"page": "1.5"},
        {"q": "x" * 500},
        {"q": "sepatu\tkulit\n"},
        {"q": "!@#$%^&*()<>'\"|:;"},
        {"q": "' OR 1=1 --"},
        {"verified": "banana", "export": "null"},
        {"unknown": "value"},
    ],
)
def test_bad_parameters_never_fail(client, params):
    ListingFactory(name="Tetap Tampil", description="sepatu")
    response = client.get(URL, params)
    assert response.status_code == 200
    partial = client.get(URL, params, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert client.get(reverse("directory:map"), params).status_code == 200


def test_bad_values_are_ignored_with_a_clear_message(client):
    """Checked on the English page; the catalogue tests cover the Indonesian text."""
    with translation.override("en"):
        ListingFactory(name="Sidoarjo")
        ListingFactory(name="Bandung", **BANDUNG)
        response = get(client, url="/en/directory/", province="99", size="huge", page="7")
        assert names(response) == ["Bandung", "Sidoarjo"]
        notices = " ".join(response.context["notices"])
        assert "Province" in notices
        assert "Size" in notices
        assert "ignored" in notices
        assert "There is no page “7”; showing page 1." in notices
        assert 'data-testid="notices"' in response.content.decode()
        response = get(client, url="/en/directory/", province="32", regency="35.15")
        assert names(response) == ["Bandung"]
        assert "Kabupaten Sidoarjo is not in Jawa Barat." in " ".join(response.context["notices"])


@pytest.mark.usefixtures("memory_cache")
def test_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    certifications = list(Certification.objects.all()[:2])
    for listing in ListingFactory.create_batch(
        PAGE_SIZE + 3, categories=[category("producer", "sport"), category("producer", "boots")]
    ):
        listing.certifications.set(certifications)
    # Session-less anonymous request: the generation token (for a kept page),
    # category options, the token again and the directory snapshot of this
    # generation (9 queries, once per process and generation), the province
    # check, certifications, the listings with a checked certificate (once per
    # snapshot and day), the page, 5 prefetches (roles, categories,
    # certifications, features, photos).
    with django_assert_num_queries(22):
        response = client.get(URL, {"role": "producer", "province": "35"})
    assert len(response.context["page"].object_list) == PAGE_SIZE
    # Other filters on the same data: the snapshot is kept, counts cost no query.
    with django_assert_num_queries(11):
        client.get(URL, {"role": "producer"})
    # The same address again: the kept page, after reading the token.
    with django_assert_num_queries(1):
        client.get(URL, {"role": "producer"})


def test_htmx_request_gets_the_results_fragment(client):
    ListingFactory(name="Fragmen")
    full = client.get(URL, {"role": "producer"})
    assert b"<html" in full.content
    fragment = client.get(URL, {"role": "producer"}, headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content
    assert b'id="directory-form"' in fragment.content
    assert b"Fragmen" in fragment.content
    assert "HX-Request" in fragment["Vary"]
    # Back-button restore after the htmx cache expired needs the whole page.
    restore = client.get(
        URL, {"role": "producer"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert b"<html" in restore.content


def test_filter_form_works_without_javascript(client):
    """Every control sits in one GET form with a submit button and a label."""
    ListingFactory(**BANDUNG)
    html = get(client, url="/en/directory/", province="32").content.decode()
    assert '<form id="directory-form" action="/en/directory/" method="get"' in html
    assert "Apply filters</button>" in html
    # The chain role is a group of radio buttons under a legend.
    assert 'data-testid="role-filter"' in html and 'type="radio" name="role"' in html
    for name in [
        "category",
        "province",
        "regency",
        "certification",
        "size",
        "capacity",
        "moq",
        "sort",
    ]:
        assert f'for="f-{name}"' in html, name
        assert f'name="{name}"' in html
    assert 'for="f-verified"' in html and 'for="f-export"' in html and 'for="f-q"' in html


def test_map_data_has_the_filtered_listings_with_coordinates(client):
    ListingFactory(name="Peta", latitude="-7.5", longitude="112.7")
    ListingFactory(name="Tanpa koordinat")
    ListingFactory(name="Bandung", latitude="-6.9", longitude="107.6", **BANDUNG)
    data = client.get(reverse("directory:map"), {"province": "35"}).json()
    assert data["truncated"] is False
    assert data["markers"] == [
        {
            "name": "Peta",
            "url": reverse("directory:detail", kwargs={"slug": "peta"}),
            "lat": -7.5,
            "lng": 112.7,
            "role": "producer",
        }
    ]
    # The map says how many results it cannot place.
    assert data["without_location"] == 1


def test_map_assets_are_not_in_the_first_load(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    html = get(client).content.decode()
    assert "leaflet.js" in html  # named for the script to load on demand…
    assert '<script src="/static/vendor/leaflet' not in html  # …but not loaded up front
    assert 'rel="stylesheet" href="/static/vendor/leaflet' not in html
    assert 'data-tile-url="https://tiles.example/{z}/{x}/{y}.png"' in html


def test_first_load_of_a_full_directory_page_is_under_the_weight_budget(client):
    from django.contrib.staticfiles import finders

    from scripts.page_weight import BUDGET_BYTES, measure

    ListingFactory.create_batch(PAGE_SIZE + 1, categories=[category("producer", "sport")])

    def fetch(url):
        path = url.removeprefix("http://testserver")
        if path.startswith("/static/"):
            with open(finders.find(path.removeprefix("/static/")), "rb") as file:
                return file.read()
        return client.get(path).content

    rows = measure("http://testserver/directory/?role=producer", fetch)
    assets = [name for name, *_ in rows[1:]]
    assert "/static/vendor/htmx/htmx.min.js" in assets
    assert not any("leaflet" in name for name in assets)
    assert sum(zipped for *_, zipped in rows) < BUDGET_BYTES


def test_page_links_are_an_elided_range(client, monkeypatch):
    monkeypatch.setattr("directory.views.PAGE_SIZE", 1)
    ListingFactory.create_batch(30)
    html = get(client, page="15").content.decode()
    linked = {int(n) for n in re.findall(r'class="page-link" href="\?page=(\d+)"', html)}
    assert linked == {1, 13, 14, 16, 17, 30}
    assert 'aria-current="page"><span class="page-link">15<' in html
    assert html.count("…</span>") == 2
    assert 'rel="next" href="?page=16"' in html


@pytest.mark.usefixtures("lifecycle_open")
def test_counts_follow_writes_made_outside_the_orm(client):
    ListingFactory.create_batch(3)
    before = get(client, role="producer")
    assert before.context["paginator"].count == 3
    assert {o.value: o.count for o in before.context["facets"]["size"].options}["micro"] == 0
    with connection.cursor() as cursor:
        cursor.execute("UPDATE directory_listing SET size = 'micro'")
    Listing.objects.filter(pk=Listing.objects.first().pk).update(status=Listing.Status.ARCHIVED)
    after = get(client, role="producer")
    assert after.context["paginator"].count == 2
    assert {o.value: o.count for o in after.context["facets"]["size"].options}["micro"] == 2
