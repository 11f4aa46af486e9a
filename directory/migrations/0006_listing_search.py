"""Search indexes for the public directory, PostgreSQL only.

SQLite uses a plain contains-search and gets none of this: every operation
here does nothing unless the database is PostgreSQL.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def listing_indexes():
    return [
        # ListingQuerySet.search(): the full-text match on a listing's own
        # fields. Same expression as models.listing_document().
        GinIndex(
            SearchVector("name", config="indonesian", weight="A")
            + SearchVector("name", config="english", weight="A")
            + SearchVector("description", config="indonesian", weight="C")
            + SearchVector("description_en", config="english", weight="C"),
            name="listing_search_idx",
        ),
        # ListingQuerySet.search(): name %> q, typo-tolerant name match.
        GinIndex(OpClass("name", name="gin_trgm_ops"), name="listing_name_trgm_idx"),
    ]


def category_indexes():
    # _matching_categories(): name %> q and name_en %> q.
    return [
        GinIndex(OpClass("name", name="gin_trgm_ops"), name="category_name_trgm_idx"),
        GinIndex(OpClass("name_en", name="gin_trgm_ops"), name="category_name_en_trgm_idx"),
    ]


def on_postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


def add_indexes(apps, schema_editor):
    if not on_postgresql(schema_editor):
        return
    for model, indexes in [
        (apps.get_model("directory", "Listing"), listing_indexes()),
        (apps.get_model("directory", "Category"), category_indexes()),
    ]:
        for index in indexes:
            schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if not on_postgresql(schema_editor):
        return
    for model, indexes in [
        (apps.get_model("directory", "Listing"), listing_indexes()),
        (apps.get_model("directory", "Category"), category_indexes()),
    ]:
        for index in indexes:
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_load_clusters"),
    ]

    operations = [
        # A no-op on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(add_indexes, remove_indexes),
    ]
