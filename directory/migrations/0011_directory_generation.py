"""The directory generation: a token that database triggers replace on every directory write.

Counts cached under the token (directory/counts.py) are never read again once
the data under them changes, whatever made the change: the ORM, bulk_update,
raw SQL or another process.

PostgreSQL: statement-level BEFORE triggers, so a bulk write replaces the
token once, and a writer takes the token row's lock before any listing row:
writers queue on one lock in one order and cannot deadlock over it.
SQLite has only row-level triggers; the demo database is small.
"""

import secrets

from django.db import migrations, models

# Tables whose rows the cached counts are made of.
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
]
TABLE = "directory_directorygeneration"

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION directory_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (id, token) VALUES (1, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$;
"""


def add_triggers(apps, schema_editor):
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        execute(POSTGRESQL_FUNCTION)
        for table in WATCHED:
            execute(
                f"CREATE TRIGGER {table}_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump()"
            )
    elif vendor == "sqlite":
        for table in WATCHED:
            for event in ["INSERT", "UPDATE", "DELETE"]:
                execute(
                    f"CREATE TRIGGER {table}_generation_{event.lower()} AFTER {event} ON {table} "
                    f"BEGIN INSERT OR REPLACE INTO {TABLE} (id, token) "
                    f"VALUES (1, lower(hex(randomblob(16)))); END"
                )
    apps.get_model("directory", "DirectoryGeneration").objects.update_or_create(
        pk=1, defaults={"token": secrets.token_hex(16)}
    )


def remove_triggers(apps, schema_editor):
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in WATCHED:
            execute(f"DROP TRIGGER IF EXISTS {table}_generation ON {table}")
        execute("DROP FUNCTION IF EXISTS directory_generation_bump()")
    elif vendor == "sqlite":
        for table in WATCHED:
            for event in ["insert", "update", "delete"]:
                execute(f"DROP TRIGGER IF EXISTS {table}_generation_{event}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0010_listing_search_document"),
    ]

    operations = [
        migrations.CreateModel(
            name="DirectoryGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=40, verbose_name="token")),
            ],
            options={
                "verbose_name": "directory generation",
                "verbose_name_plural": "directory generations",
                "ordering": ["pk"],
            },
        ),
        migrations.RunPython(add_triggers, remove_triggers),
    ]
