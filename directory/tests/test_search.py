import pytest
from django.db import connection

from directory.models import Listing
from directory.search import spell_check

from .factories import ListingFactory, category

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback")


def search(q):
    return set(Listing.objects.published().search(q).values_list("name", flat=True))


def corrected_search(q):
    listings = Listing.objects.published()
    return set(listings.search(spell_check(q, listings=listings).text).values_list("name", flat=True))


def ranked(q):
    return list(
        Listing.objects.published()
        .search(q)
        .with_search_rank(q)
        .order_by("-search_rank", "name")
        .values_list("name", flat=True)
    )


@pytest.fixture
def makers():
    ListingFactory(
        name="CV Tapak Mulia",
        description="Pembuat alas kaki pria.",
        categories=[category("producer", "formal-leather")],
    )
    ListingFactory(
        name="UD Langkah Jaya",
        description="Pembuat alas kaki santai.",
        categories=[category("producer", "casual")],
    )
    ListingFactory(
        name="PT Karet Makmur",
        roles=["material"],
        description="Produsen kompon untuk sol.",
        categories=[category("material", "rubber")],
    )


def test_empty_or_blank_search_changes_nothing(makers):
    assert search("") == search("   ") == {"CV Tapak Mulia", "UD Langkah Jaya", "PT Karet Makmur"}


def test_search_matches_name_category_and_description(makers):
    assert search("karet") == {"PT Karet Makmur"}
    assert search("kompon") == {"PT Karet Makmur"}
    assert search("langkah") == {"UD Langkah Jaya"}


def test_category_names_match_in_both_languages(makers):
    # "leather" is only in the English category name; "kulit" only in the Indonesian one.
    assert search("leather") == {"CV Tapak Mulia"}
    assert search("kulit") == {"CV Tapak Mulia"}
    assert search("rubber") == {"PT Karet Makmur"}


def test_every_word_must_match(makers):
    assert search("karet sol") == {"PT Karet Makmur"}
    assert search("karet kasual") == set()


def test_rank_puts_name_above_category_above_description():
    ListingFactory(name="Sinar Abadi", description="Kami menjual sepatu kulit formal dan boot.")
    ListingFactory(name="Boot Sejati", description="")
    ListingFactory(name="Bintang Timur", categories=[category("producer", "boots")], description="")
    assert ranked("boot") == ["Boot Sejati", "Bintang Timur", "Sinar Abadi"]


def test_typos_still_find_leather_shoe_makers(makers):
    assert corrected_search("sepatu kuilt") == {"CV Tapak Mulia"}
    assert corrected_search("sandl") == set()
    ListingFactory(name="Sandal Sentosa")
    assert corrected_search("sandl") == {"Sandal Sentosa"}


@postgres_only
def test_stemming_in_indonesian_and_english():
    ListingFactory(name="Mitra Boga", description="Kami memproduksi sepatu kulit.", description_en="")
    ListingFactory(name="Nusa Prima", description="", description_en="We manufactured shoes for export.")
    assert search("produksi") == {"Mitra Boga"}
    assert search("manufacturing shoe") == {"Nusa Prima"}


@sqlite_only
def test_sqlite_matches_words_and_their_beginnings(makers):
    assert search("Makmur") == {"PT Karet Makmur"}
    assert search("makm") == {"PT Karet Makmur"}  # a prefix, no stemming
    assert search("akmu") == set()  # words, not any substring
    assert search("sepatu kuilt") == set()  # as typed; spell_check() corrects
