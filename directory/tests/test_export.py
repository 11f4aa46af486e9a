import csv
import html
import io
import re

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import Certification, Listing

from .factories import ListingFactory, category

pytestmark = pytest.mark.django_db

# Filter combinations the directory page offers; each must give the same
# listings in the HTML page, the CSV export and the API.
FILTERS = [
    {},
    {"role": "supplier"},
    {"role": "producer", "category": "sport"},
    {"category": "sport"},
    {"province": "35"},
    {"province": "35", "regency": "35.78"},
    {"verified": "on"},
    {"export": "on"},
    {"size": "small"},
    {"capacity": "1000-9999"},
    {"moq": "51-300"},
    {"certification": "sni"},
    {"q": "kulit"},
    {"q": "kulit", "sort": "name"},
    {"sort": "newest"},
    {"sort": "updated", "role": "producer", "province": "35"},
]


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


def directory_dataset():
    """Listings that the filters in FILTERS tell apart, plus some the public never sees."""
    sni = Certification.objects.get(slug="sni")
    made = [
        ListingFactory(
            name="Sepatu Kulit Sidoarjo", categories=[category("producer", "sport")], size="small"
        ),
        ListingFactory(
            name="Sandal Surabaya",
            regency_id="35.78",
            district_id=None,
            capacity_pairs=5000,
            moq_pairs=100,
            export_markets=["JP"],
        ),
        ListingFactory(
            name="Karet Bandung",
            roles=["material", "supplier"],
            province_id="32",
            regency_id="32.04",
            district_id=None,
            description="Kompon karet untuk sol.",
            verified=True,
            verified_at=timezone.now(),
        ),
        ListingFactory(name="Merek Lokal", roles=["brand"], categories=[category("brand", "sport")]),
        ListingFactory(
            name="Sol Tanggulangin", roles=["supplier"], size="small", description="Sol karet dan kulit."
        ),
        ListingFactory(
            name="Asosiasi Alas Kaki",
            roles=["organisation"],
            province_id="31",
            regency_id="31.74",
            district_id=None,
        ),
    ]
    made[0].certifications.add(sni)
    made[2].certifications.add(sni)
    ListingFactory(name="Kulit Rahasia", status=Listing.Status.DRAFT)
    ListingFactory(
        name="Kulit Ditolak", status=Listing.Status.REJECTED, rejection_reason="alasan", roles=["supplier"]
    )
    return made


def html_slugs(client, params):
    response = client.get(reverse("directory:list"), params)
    assert response.status_code == 200
    page = response.context["page"]
    assert not page.has_next(), "the test data must fit on one page"
    return [listing.slug for listing in page.object_list]


def csv_rows(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.parametrize(
    "params", FILTERS, ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()) or "all"
)
def test_csv_gives_the_listings_of_the_directory_page(client, params):
    directory_dataset()
    expected = html_slugs(client, params)
    response = client.get(reverse("directory:export_csv"), params)
    assert response.status_code == 200
    assert [row["slug"] for row in csv_rows(response)] == expected


def test_filters_in_the_dataset_tell_listings_apart(client):
    directory_dataset()
    results = {tuple(sorted(params.items())): frozenset(html_slugs(client, params)) for params in FILTERS}
    narrowing = [slugs for key, slugs in results.items() if key and dict(key).get("sort") is None]
    assert all(0 < len(slugs) < 6 for slugs in narrowing), results
    assert len(results[()]) == 6


def test_csv_headers_and_row(client, settings):
    settings.SITE_URL = "https://ifn.example.id"
    listing = ListingFactory(
        name="Kulit Prima",
        roles=["material", "supplier"],
        categories=[category("material", "leather")],
        address="Jl. Kulit 1",
        phone="+62318971234",
        whatsapp="081234567890",
        latitude="-7.5",
        longitude="112.7",
    )
    response = client.get(reverse("directory:export_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ifn-directory.csv"'
    [row] = csv_rows(response)
    assert row["name"] == "Kulit Prima"
    assert row["roles"] == "material|supplier"
    assert row["categories"] == "material:leather"
    assert (row["province_code"], row["province"]) == ("35", "Jawa Timur")
    assert (row["regency_code"], row["regency"]) == ("35.15", "Kabupaten Sidoarjo")
    assert row["whatsapp"] == "+6281234567890"
    assert (row["latitude"], row["longitude"]) == ("-7.500000", "112.700000")
    assert row["verified"] == "no"
    assert row["url"] == f"https://ifn.example.id/directory/{listing.slug}/"


def test_csv_keeps_non_ascii_and_defuses_formulas(client):
    ListingFactory(name='=HYPERLINK("http://evil.example")', address="Jl. Café № 5")
    [row] = csv_rows(client.get(reverse("directory:export_csv")))
    assert row["name"] == '\'=HYPERLINK("http://evil.example")'
    assert row["address"] == "Jl. Café № 5"


@pytest.mark.parametrize(
    "params",
    [{"province": "99"}, {"role": "shoemaker"}, {"province": "32", "regency": "35.15"}, {"capacity": "x"}],
)
def test_csv_refuses_bad_filters_with_a_message(client, params):
    ListingFactory()
    response = client.get("/en/directory/export.csv", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "not made" in text
    assert len(text.strip().splitlines()) == 2


@pytest.mark.parametrize(
    "params", [{"q": "a" * 5000}, {"q": "\x00"}, {"page": "x"}, {"regency": "35.15'"}, {"verified": "maybe"}]
)
def test_csv_odd_parameters_never_500(client, params):
    ListingFactory()
    assert client.get(reverse("directory:export_csv"), params).status_code in (200, 400)


def test_csv_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    for listing in ListingFactory.create_batch(30, categories=[category("producer", "sport")]):
        listing.roles.add("brand")
    # category options of the filter, listings, roles, categories
    with django_assert_num_queries(4):
        rows = csv_rows(client.get(reverse("directory:export_csv")))
    assert len(rows) == 30


def test_directory_page_links_its_results_as_csv(client):
    directory_dataset()
    params = {"role": "producer", "province": "35"}
    slugs = html_slugs(client, params)
    # The same page again (now the kept copy) links the same results as CSV.
    page = client.get(reverse("directory:list"), params)
    link = re.search(r'href="([^"]+)"[^>]*data-testid="export-csv"', page.content.decode()).group(1)
    assert link.startswith(reverse("directory:export_csv") + "?")
    response = client.get(html.unescape(link))
    assert [row["slug"] for row in csv_rows(response)] == slugs


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("+6281234567890", "+6281234567890"),
        ("-7.536000", "-7.536000"),
        ("Sepatu", "Sepatu"),
    ],
)
def test_one_escaping_rule_for_every_download(value, written):
    from directory.spreadsheet import safe_cell

    assert safe_cell(value) == written
