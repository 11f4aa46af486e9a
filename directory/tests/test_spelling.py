"""Misspelt searches find what was meant, on the page, in the API and in the CSV."""

import csv
import html
import io
import re

import pytest
from django.http import QueryDict

from directory.filters import ListingFilter
from directory.models import Category, Listing
from directory.search import best_correction, edit_distance, known_words

from .factories import ListingFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture
def makers():
    ListingFactory(
        name="CV Kanvas Nusantara",
        roles=["material"],
        description="Pembuat tas dan dompet dari bahan kanvas.",
        description_en="Canvas bags and wallets.",
        categories=[category("material", "textile")],
    )
    ListingFactory(
        name="PT Karet Makmur",
        roles=["material"],
        description="Produsen kompon untuk sol.",
        description_en="",
        categories=[category("material", "rubber")],
    )
    ListingFactory(
        name="UD Presisi Teknik",
        roles=["supplier"],
        description="",
        description_en="Aluminium moulds for injection soles.",
        categories=[category("supplier", "moulds")],
    )


def run(q, **params):
    """(names found, spelling) as the directory page, the API and the CSV see them."""
    data = QueryDict(mutable=True)
    data.update({"q": q, **params})
    filterset = ListingFilter(data)
    return {listing.name for listing in filterset.qs}, filterset.spelling


@pytest.mark.parametrize(
    "typed, meant, found",
    [
        ("knavas", "kanvas", "CV Kanvas Nusantara"),  # two letters swapped
        ("nusantra", "nusantara", "CV Kanvas Nusantara"),  # a letter missing
        ("dompett", "dompet", "CV Kanvas Nusantara"),  # a letter too many
        ("kompom", "kompon", "PT Karet Makmur"),  # a wrong letter
        ("makmru", "makmur", "PT Karet Makmur"),  # swapped at the end
        ("rubbre", "rubber", "PT Karet Makmur"),  # English, in a category name
        ("walets", "wallets", "CV Kanvas Nusantara"),  # English, in a description
        ("muolds", "moulds", "UD Presisi Teknik"),  # English, category and description
        ("tsa", "tas", "CV Kanvas Nusantara"),  # a short word
    ],
)
def test_a_misspelt_word_is_corrected(makers, typed, meant, found):
    names, spelling = run(typed)
    assert spelling.corrected
    assert spelling.text == meant
    assert found in names


def test_only_the_misspelt_words_of_a_query_are_corrected(makers):
    names, spelling = run("Tas knavas")
    assert (spelling.original, spelling.text) == ("Tas knavas", "Tas kanvas")
    assert names == {"CV Kanvas Nusantara"}
    names, spelling = run("karte makmru")
    assert spelling.text == "karet makmur"
    assert names == {"PT Karet Makmur"}


def test_correct_words_are_left_alone(makers):
    for q in ["kanvas", "dompet karet", "Makmur"]:
        assert not run(q)[1].corrected
    # Nothing is found, but every word is in the directory: nothing to correct.
    names, spelling = run("kanvas kompon")
    assert (names, spelling.corrected) == (set(), False)


def test_a_word_nothing_resembles_is_kept_and_finds_nothing(makers):
    names, spelling = run("xylofon")
    assert (names, spelling.corrected, spelling.text) == (set(), False, "xylofon")


def test_the_literal_parameter_searches_as_typed(makers):
    names, spelling = run("knavas", literal="knavas")
    assert (names, spelling.corrected) == (set(), False)
    # A literal left over from an earlier search does not stop a new correction.
    assert run("dompett", literal="knavas")[1].text == "dompet"


def test_words_of_unpublished_listings_are_never_suggested(makers):
    ListingFactory(name="Zamrud Rahasia", status=Listing.Status.DRAFT, description="")
    names, spelling = run("zamrdu")
    assert (names, spelling.corrected) == (set(), False)


@pytest.mark.usefixtures("lifecycle_open")
def test_words_leave_the_vocabulary_with_their_last_published_listing(makers):
    presisi = Listing.objects.get(name="UD Presisi Teknik")
    assert known_words({"aluminium", "injection", "teknik"}) == {"aluminium", "injection", "teknik"}
    assert run("aluminuim")[1].text == "aluminium"
    Listing.objects.filter(pk=presisi.pk).update(status=Listing.Status.ARCHIVED)
    assert known_words({"aluminium", "injection", "teknik"}) == set()
    assert not run("aluminuim")[1].corrected
    Listing.objects.filter(pk=presisi.pk).update(status=Listing.Status.PUBLISHED)
    presisi.refresh_from_db()
    presisi.description_en = "Steel moulds."
    presisi.save()
    assert known_words({"aluminium", "steel", "teknik"}) == {"steel", "teknik"}
    presisi.delete()
    assert known_words({"steel", "teknik"}) == set()


def test_the_vocabulary_follows_renamed_categories(makers):
    textile = Category.objects.get(role="material", slug="textile")
    textile.name_en = "Denim"
    textile.save()
    assert run("dneim")[1].text == "denim"


@pytest.mark.usefixtures("lifecycle_open")
def test_a_listing_added_by_bulk_create_feeds_the_vocabulary(makers):
    Listing.objects.bulk_create(
        [
            Listing(
                name="Gesper Kuningan",
                slug="gesper-kuningan",
                status="published",
                province_id="35",
                regency_id="35.15",
            )
        ]
    )
    names, spelling = run("kuningna")
    assert spelling.text == "kuningan"
    assert names == {"Gesper Kuningan"}


def test_edit_distance_counts_a_swap_as_one_edit():
    assert edit_distance("kanvas", "knavas") == 1
    assert edit_distance("dompet", "dompett") == 1
    assert edit_distance("kompon", "kompom") == 1
    assert edit_distance("abc", "abc") == 0
    assert edit_distance("sol", "lem") == 3


def test_best_correction_prefers_fewer_edits_then_the_first_letter_then_frequency():
    assert best_correction("dompett", [("dompet", 1), ("dompetku", 50)]) == "dompet"
    assert best_correction("bkaet", [("bakat", 3), ("baket", 1)]) == "baket"
    assert best_correction("karte", [("karet", 2), ("karta", 9)]) == "karta"
    assert best_correction("kulti", [("zulti", 9), ("kulit", 1)]) == "kulit"
    assert best_correction("sol", [("solar", 9)]) is None  # two edits are too many for three letters


# --- The directory page, the API and the CSV agree -----------------------------


def test_the_page_says_what_it_searched_for_and_links_to_the_search_as_typed(client, makers):
    response = client.get("/en/directory/", {"q": "knavas"})
    page = response.content.decode()
    banner = re.search(r'data-testid="spelling"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert "Showing results for <strong>kanvas</strong>" in banner
    href = html.unescape(re.search(r'href="\?([^"]+)"[^>]*data-testid="search-as-typed"', banner).group(1))
    assert QueryDict(href) == QueryDict("q=knavas&literal=knavas")
    assert "CV Kanvas Nusantara" in page

    literal = client.get("/en/directory/?" + href).content.decode()
    assert 'data-testid="spelling"' not in literal
    assert 'data-testid="no-results"' in literal
    # Changing a filter keeps searching as typed.
    assert '<input type="hidden" name="literal" value="knavas">' in literal


def test_the_banner_speaks_indonesian(client, makers):
    page = client.get("/directory/", {"q": "knavas"}).content.decode()
    assert "Menampilkan hasil untuk <strong>kanvas</strong>" in page
    assert "sebagai gantinya" in page


def test_a_correct_search_shows_no_banner(client, makers):
    page = client.get("/en/directory/", {"q": "kanvas"}).content.decode()
    assert 'data-testid="spelling"' not in page


def test_api_and_csv_give_the_corrected_results_of_the_page(client, makers):
    page = client.get("/en/directory/", {"q": "walets"})
    html_slugs = [listing.slug for listing in page.context["page"].object_list]
    api = client.get("/api/listings/", {"q": "walets"}).json()
    assert [row["slug"] for row in api["results"]] == html_slugs
    assert api["correction"] == {"query": "walets", "searched_for": "wallets"}
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get("/directory/export.csv", {"q": "walets"}).streaming_content).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert [row["slug"] for row in rows] == html_slugs != []

    api = client.get("/api/listings/", {"q": "walets", "literal": "walets"}).json()
    assert api["results"] == [] and "correction" not in api
