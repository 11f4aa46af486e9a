import pytest
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import Certification, Listing, ListingPhoto
from directory.tests.factories import CommunityMemberFactory, ListingFactory, SupplyLinkFactory, category

pytestmark = pytest.mark.django_db

LIST_URL = "/api/listings/"


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


def test_list_is_paginated_and_shows_only_published(client):
    ListingFactory.create_batch(22)
    ListingFactory(status=Listing.Status.DRAFT)
    ListingFactory(status=Listing.Status.REJECTED, rejection_reason="alasan")
    data = client.get(LIST_URL).json()
    assert data["count"] == 22
    assert len(data["results"]) == 20
    assert data["previous"] is None
    assert data["next"] == "http://testserver/api/listings/?page=2"
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 2
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/listings/"
    assert client.get(LIST_URL, {"page_size": 5}).json()["next"].endswith("page=2&page_size=5")


def test_list_result_fields(client):
    listing = ListingFactory(
        name="Kulit Prima",
        roles=["material", "supplier"],
        categories=[category("material", "leather")],
        verified=True,
        verified_at=timezone.now(),
        latitude="-7.5",
        longitude="112.7",
    )
    [result] = client.get(LIST_URL).json()["results"]
    assert result["slug"] == listing.slug
    assert result["name"] == "Kulit Prima"
    assert [role["code"] for role in result["roles"]] == ["material", "supplier"]
    assert result["categories"] == [
        {"slug": "leather", "role": "material", "label": category("material", "leather").name}
    ]
    assert result["province"] == {"code": "35", "name": "Jawa Timur"}
    assert result["regency"]["code"] == "35.15"
    assert result["regency"]["name"] == "Kabupaten Sidoarjo"
    assert result["district"]["code"] == "35.15.06"
    assert result["verified"] is True
    assert result["url"] == f"http://testserver/directory/{listing.slug}/"
    assert result["api_url"] == f"http://testserver/api/listings/{listing.slug}/"
    assert (result["latitude"], result["longitude"]) == (-7.5, 112.7)


def test_labels_follow_accept_language(client):
    ListingFactory(categories=[category("producer", "sport")])
    [result] = client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert result["roles"][0]["label"] == "Producer"
    assert result["categories"][0]["label"] == category("producer", "sport").name_en
    assert result["url"].endswith(f"/en/directory/{result['slug']}/")


def test_detail_has_everything_public(client):
    listing = ListingFactory(
        description="Sandal kulit.",
        whatsapp="081234567890",
        email="jual@sandal.example",
        export_markets=["JP"],
        capacity_pairs=5000,
    )
    listing.certifications.set(Certification.objects.all()[:1])
    ListingPhoto.objects.create(listing=listing, image="photos/a.jpg", caption="Bengkel")
    data = client.get(f"{LIST_URL}{listing.slug}/").json()
    assert data["slug"] == listing.slug
    assert data["description"] == {"text": "Sandal kulit.", "is_fallback": False}
    assert data["whatsapp_url"] == "https://wa.me/6281234567890"
    assert data["email"] == "jual@sandal.example"
    # Country names in Indonesian, unless the request asks for English.
    assert data["export_markets"] == [{"code": "JP", "name": "Jepang"}]
    english = client.get(f"{LIST_URL}{listing.slug}/", headers={"Accept-Language": "en"}).json()
    assert english["export_markets"] == [{"code": "JP", "name": "Japan"}]
    assert data["capacity_pairs"] == 5000
    assert data["photos"] == [{"url": "http://testserver/media/photos/a.jpg", "caption": "Bengkel"}]
    assert data["certifications"][0]["slug"] == Certification.objects.first().slug


def test_detail_is_404_for_unpublished_listings(client):
    for status in ["draft", "pending", "rejected", "archived"]:
        listing = ListingFactory(status=status, rejection_reason="alasan")
        response = client.get(f"{LIST_URL}{listing.slug}/")
        assert response.status_code == 404
        assert "slug" not in response.json()
    assert client.get(f"{LIST_URL}tidak-ada/").status_code == 404


def test_api_is_read_only(client):
    listing = ListingFactory()
    assert client.post(LIST_URL, {"name": "x"}, content_type="application/json").status_code == 405
    assert client.delete(f"{LIST_URL}{listing.slug}/").status_code == 405
    assert client.patch(f"{LIST_URL}{listing.slug}/", {}, content_type="application/json").status_code == 405
    assert Listing.objects.filter(pk=listing.pk).exists()


def test_filters_narrow_the_list(client):
    near = ListingFactory(roles=["supplier"], verified=True, verified_at=timezone.now())
    ListingFactory(roles=["producer"])
    ListingFactory(roles=["supplier"], province_id="32", regency_id="32.04", district_id=None)
    data = client.get(LIST_URL, {"role": "supplier", "province": "35", "verified": "true"}).json()
    assert [result["slug"] for result in data["results"]] == [near.slug]


@pytest.mark.parametrize(
    "params",
    [
        {"province": "99"},
        {"role": "shoemaker"},
        {"province": "32", "regency": "35.15"},
        {"capacity": "lots"},
        {"sort": "random"},
        {"certification": "no-such"},
    ],
)
def test_bad_filter_is_a_400_naming_the_parameter(client, params):
    ListingFactory()
    response = client.get(LIST_URL, params)
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {list(params)[-1]}
    assert all(isinstance(message, str) and message for message in errors[list(params)[-1]])


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "abc"},
        {"page": "999"},
        {"page_size": "-1"},
        {"page_size": "x"},
        {"q": "a" * 5000},
        {"q": "\x00"},
        {"q": "' OR 1=1 --"},
        {"province": "%00"},
        {"regency": "35.15'"},
    ],
)
def test_odd_parameters_never_500(client, params):
    ListingFactory.create_batch(2)
    response = client.get(LIST_URL, params)
    assert response.status_code in (200, 400, 404)
    assert response["Content-Type"] == "application/json"


@pytest.mark.usefixtures("memory_cache")
def test_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    certifications = list(Certification.objects.all())
    for listing in ListingFactory.create_batch(25, categories=[category("producer", "sport")]):
        listing.certifications.set(certifications)
    # The generation token (for the kept answer), the filter's category options,
    # the token again and the directory snapshot of this generation (9 queries,
    # once per process and generation), the page's listings, their roles,
    # categories and certifications, their verifications (checked or declared);
    # the listings with a checked certificate (once per snapshot and day).
    with django_assert_num_queries(18):
        response = client.get(LIST_URL)
    assert len(response.json()["results"]) == 20
    # The same address again: the kept answer, after reading the token.
    with django_assert_num_queries(1):
        assert client.get(LIST_URL).json() == response.json()
    # Other filters: the snapshot is kept; only the page's rows (and their verifications) are read.
    with django_assert_num_queries(8):
        assert len(client.get(LIST_URL, {"role": "producer"}).json()["results"]) == 20


def test_detail_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    listing = ListingFactory(categories=list(listing_categories()))
    listing.certifications.set(Certification.objects.all())
    ListingPhoto.objects.bulk_create(
        ListingPhoto(listing=listing, image=f"photos/{n}.jpg") for n in range(20)
    )
    for _ in range(5):
        SupplyLinkFactory(customer=listing)
        CommunityMemberFactory(member=listing)
    # listing, roles, categories, certifications, features, photos, verifications;
    # supply links, communities
    with django_assert_num_queries(9):
        response = client.get(f"{LIST_URL}{listing.slug}/")
    assert len(response.json()["photos"]) == 20
    assert len(response.json()["suppliers"]) == 5 and len(response.json()["communities"]) == 5


def test_detail_lists_confirmed_links_and_communities_only(client):
    listing = ListingFactory()
    tannery = ListingFactory(name="Penyamakan API", roles=["material"])
    SupplyLinkFactory(supplier=tannery, customer=listing, category=category("material", "leather"))
    SupplyLinkFactory(customer=listing, status="proposed")
    SupplyLinkFactory(supplier=listing, customer=ListingFactory(status="draft"))
    brand = ListingFactory(name="Merek API", roles=["brand"])
    SupplyLinkFactory(supplier=listing, customer=brand, kind="makloon")
    CommunityMemberFactory(member=listing, organisation__name="Asosiasi API")
    CommunityMemberFactory(member=listing, status="invited")
    data = client.get(f"{LIST_URL}{listing.slug}/").json()
    assert data["suppliers"] == [
        {"slug": tannery.slug, "name": "Penyamakan API", "kind": "supply", "category": "leather", "note": ""}
    ]
    assert data["customers"] == [
        {"slug": brand.slug, "name": "Merek API", "kind": "makloon", "category": None, "note": ""}
    ]
    assert [c["name"] for c in data["communities"]] == ["Asosiasi API"]


def listing_categories():
    return category("producer", "sport").role.categories.all()


def test_openapi_schema_and_docs(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    parameters = {p["name"] for p in schema["paths"]["/api/listings/"]["get"]["parameters"]}
    assert {"q", "role", "category", "province", "regency", "verified", "page"} <= parameters
    assert "/api/listings/{slug}/" in schema["paths"]
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    # The docs page loads ReDoc from the portal itself, never from a CDN.
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/redoc/" in html
    assert "cdn." not in html


@pytest.mark.parametrize(
    "params",
    [{"verified": "null"}, {"export": "maybe"}, {"page_size": "0"}, {"page_size": "101"}, {"page_size": "x"}],
)
def test_values_the_schema_refuses_are_refused(client, params):
    response = client.get(LIST_URL, params)
    assert response.status_code == 400
    assert list(response.json()) == list(params)


@pytest.mark.parametrize("value", ["", "0", "false", "1", "true", "on"])
def test_toggle_values_the_schema_allows_are_understood(client, value):
    ListingFactory(verified=True, verified_at=timezone.now())
    ListingFactory(verified=False)
    response = client.get(LIST_URL, {"verified": value})
    assert response.status_code == 200
    assert response.json()["count"] == (1 if value in ("1", "true", "on") else 2)


def test_unknown_api_addresses_answer_json_404(client):
    for path in ["/api/listings/no-such-listing/", "/api/nothing/here/", "/api/listings/a.b.c/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_the_schema_documents_errors_and_nulls(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ["/api/listings/", "/api/listings/{slug}/"]:
        assert {"200", "400", "404"} <= set(schema["paths"][path]["get"]["responses"])
    listing = schema["components"]["schemas"]["Listing"]["properties"]
    assert listing["latitude"]["nullable"] and listing["longitude"]["nullable"]
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/listings/"]["get"]["parameters"]}
    assert "null" not in parameters["verified"]["enum"]
    assert set(parameters["province"]["enum"]) >= {"", "35", "32"}


def test_a_search_of_characters_that_are_no_words_finds_nothing_without_failing(client):
    ListingFactory(name="Sepatu Kulit Sidoarjo")
    response = client.get(LIST_URL, {"q": "\U000f74cf\U000afff3"})
    assert response.status_code == 200
    assert response.json()["count"] == 0
