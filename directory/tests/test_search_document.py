"""The search document is kept by the database: every write path stays searchable."""

import re

import pytest
from django.db import connection
from django.utils import timezone

from directory import search as search_module
from directory.filters import ListingFilter
from directory.models import Category, Listing, Role

from .factories import ListingFactory, category

# Fixture data here sets listings' status directly, in bulk.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lifecycle_open")]

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")


def search(q):
    return set(Listing.objects.published().search(q).values_list("name", flat=True))


def unsaved_listing(name, **fields):
    fields.setdefault("slug", Listing.unique_slug(name))
    return Listing(
        name=name,
        status=Listing.Status.PUBLISHED,
        province_id="35",
        regency_id="35.15",
        **fields,
    )


def insert_by_raw_sql(listing):
    """INSERT the listing with hand-written SQL, as a seeder or another program would."""
    fields = [f for f in Listing._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    listing.created_at = listing.updated_at = now
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    values = [f.get_db_prep_save(getattr(listing, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO directory_listing ({columns}) VALUES ({marks})", values)
        cursor.execute("SELECT id FROM directory_listing WHERE slug = %s", [listing.slug])
        return cursor.fetchone()[0]


def link_by_raw_sql(listing_id, category):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO directory_listing_categories (listing_id, category_id) VALUES (%s, %s)",
            [listing_id, category.pk],
        )


def test_a_listing_inserted_by_raw_sql_is_found():
    listing_id = insert_by_raw_sql(
        unsaved_listing(
            "Pabrik Gesper Lestari", description="Gesper kuningan.", description_en="Brass buckles."
        )
    )
    assert search("gesper") == search("kuningan") == search("brass") == {"Pabrik Gesper Lestari"}
    link_by_raw_sql(listing_id, category("supplier", "moulds"))
    assert search("cetakan") == {"Pabrik Gesper Lestari"}
    assert search("moulds") == {"Pabrik Gesper Lestari"}


def test_listings_made_by_bulk_create_are_found_with_their_categories():
    made = Listing.objects.bulk_create(
        [unsaved_listing("Lem Perkasa", description="Lem sepatu."), unsaved_listing("Busa Ringan")]
    )
    links = Listing.categories.through
    links.objects.bulk_create([links(listing_id=made[1].pk, category=category("material", "foam-eva"))])
    assert search("perkasa") == {"Lem Perkasa"}
    assert search("eva") == {"Busa Ringan"}


def test_only_published_listings_are_found():
    ListingFactory(name="Tali Sepatu Draf", status=Listing.Status.DRAFT)
    published = ListingFactory(name="Tali Sepatu Terbit")
    assert search("tali") == {"Tali Sepatu Terbit"}
    Listing.objects.filter(pk=published.pk).update(status=Listing.Status.ARCHIVED)
    assert search("tali") == set()


def test_editing_a_listing_changes_what_finds_it():
    listing = ListingFactory(name="Sol Karet Abadi")
    listing.name = "Sol Kayu Abadi"
    listing.save()
    assert search("karet") == set()
    assert search("kayu") == {"Sol Kayu Abadi"}


def test_adding_and_removing_a_category_changes_what_finds_it():
    listing = ListingFactory(name="Mitra Langkah", description="")
    assert search("outsoles") == set()
    listing.categories.add(category("supplier", "outsoles"))
    assert search("outsoles") == search("luar") == {"Mitra Langkah"}
    listing.categories.remove(category("supplier", "outsoles"))
    assert search("outsoles") == set()
    listing.categories.set([category("supplier", "insoles")])
    assert search("insoles") == {"Mitra Langkah"}


def test_renaming_a_category_changes_what_finds_its_listings():
    ListingFactory(name="Karya Cetak", description="", categories=[category("supplier", "moulds")])
    moulds = category("supplier", "moulds")
    moulds.name, moulds.name_en = "Matras", "Dies"
    moulds.save()
    assert search("cetakan") == set()
    assert search("matras") == search("dies") == {"Karya Cetak"}


def test_a_new_category_is_searchable_once_linked():
    role = Role.objects.get(code="supplier")
    heels = Category.objects.create(role=role, slug="heels", name="Hak sepatu", name_en="Heels")
    listing = ListingFactory(name="Tumit Jaya", description="")
    assert search("heels") == set()
    listing.categories.add(heels)
    assert search("heels") == {"Tumit Jaya"}


def test_deleting_a_listing_removes_it_from_the_search():
    listing = ListingFactory(name="Pudar Sentosa", categories=[category("producer", "casual")])
    listing.delete()
    assert search("pudar") == set()


@postgres_only
def test_the_search_uses_the_document_index_on_thousands_of_listings():
    words = ["kanvas", "karet", "kulit", "busa", "lem", "sol", "tali", "kemasan", "mesin", "cetakan"]
    Listing.objects.bulk_create(
        unsaved_listing(
            f"Usaha {n} {words[n % 10]}",
            slug=f"usaha-{n}",
            description=f"Pembuat {words[(n * 7) % 10]} nomor {n}."
            + (" Gesper kuningan." if n % 40 == 0 else ""),
        )
        for n in range(4000)
    )
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load: statistics, and the GIN
        # index's pending list merged into the index proper.
        cursor.execute("ANALYZE directory_listing")
        cursor.execute("ANALYZE directory_listingsearch")
        cursor.execute("SELECT gin_clean_pending_list('listingsearch_document_idx')")
    filterset = ListingFilter({"q": "gesper"})
    # The documents are found through their index, never computed from the
    # listings nor scanned whole (a small listing table may still be read
    # whole to join the few matches, where that is cheaper).
    for queryset in [filterset.qs, filterset.qs[:24], Listing.objects.published().search("gesper")]:
        plan = queryset.explain()
        assert "listingsearch_document_idx" in plan, plan
        assert not re.search(r"Seq Scan on directory_listingsearch\b", plan), plan
        assert "to_tsvector" not in plan, plan
    assert filterset.qs.count() == 100
    # The snapshot's query of every match, too.
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + search_module.POSTGRESQL_MATCHES, ["gesper"] * 15)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "listingsearch_document_idx" in plan, plan
    assert not re.search(r"Seq Scan on directory_listing(search)?\b", plan), plan
    assert len(search_module.matches("gesper").ids) == 100
