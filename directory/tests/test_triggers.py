"""The triggers that keep search and the directory generation are all there after every migration.

SQLite cannot alter most columns in place: a migration that changes a field
of a table rebuilds it, and the rebuilt table has none of its triggers. The
portal would go on working, with search and cached counts silently stale.
This test names every trigger the directory's tables must carry, so such a
migration fails here rather than in production.
"""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

WATCHED = [
    "directory_listing",
    "directory_listing_roles",
    "directory_listing_categories",
    "directory_listing_certifications",
    "directory_listing_features",
    "directory_role",
    "directory_category",
    "directory_certification",
    "directory_feature",
    "directory_cluster",
    "directory_province",
    "directory_regency",
    "directory_district",
    "directory_communitymember",
    "directory_supplylink",
]

POSTGRESQL = {
    "directory_listing": {
        "listing_search_insert",
        "listing_search_update",
        "listing_search_delete",
        "listing_search_truncate",
        "listing_vocabulary_insert",
        "listing_vocabulary_update",
        "listing_vocabulary_delete",
        "listing_vocabulary_truncate",
    },
    "directory_listing_categories": {
        "listing_categories_search_insert",
        "listing_categories_search_update",
        "listing_categories_search_delete",
    },
    "directory_category": {"category_search_insert_delete", "category_search_rename"},
}
SQLITE = {
    "directory_listing": {"listing_fts_insert", "listing_fts_update", "listing_fts_delete"},
    "directory_listing_categories": {"listing_categories_fts_insert", "listing_categories_fts_delete"},
    "directory_category": {"category_fts_rename"},
}


def triggers():
    """{table: {trigger names}} as the database has them."""
    found = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'"
            )
        else:
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        for table, name in cursor.fetchall():
            found.setdefault(table, set()).add(name)
    return found


def expected():
    wanted = {
        table: set(names)
        for table, names in (POSTGRESQL if connection.vendor == "postgresql" else SQLITE).items()
    }
    for table in WATCHED:
        names = (
            {f"{table}_generation"}
            if connection.vendor == "postgresql"
            else {f"{table}_generation_{event}" for event in ("insert", "update", "delete")}
        )
        wanted.setdefault(table, set()).update(names)
    return wanted


def test_every_table_keeps_its_search_and_generation_triggers():
    found = triggers()
    missing = {table: names - found.get(table, set()) for table, names in expected().items()}
    assert not {table: names for table, names in missing.items() if names}
