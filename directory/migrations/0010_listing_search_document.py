"""A search document per listing that the database keeps up to date itself.

Every way a listing reaches the database (forms, the admin, the importer,
bulk_create, raw SQL, COPY) and every change to its categories stays
searchable without a Python step, because triggers do the work:

PostgreSQL
  directory_listing.search_document  tsvector: name (A), category names in
      both languages (B), descriptions (C); GIN index listing_document_idx.
      Not on the Django model, so listings load without it; search.py
      reads it.
  directory_searchword(word, listings)  the words of published listings and
      of category names, with how many use each; GIN trigram index for
      spelling candidates.
SQLite
  directory_listing_fts  FTS5 table of published listings (rowid = listing
      id); its vocabulary is read through directory_listing_fts_vocab.

The vocabulary and the category links are handled by statement-level
triggers, so a bulk insert or COPY costs one set-based statement per table
rather than a query per row.
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

POSTGRESQL_FORWARD = r"""
ALTER TABLE directory_listing ADD COLUMN search_document tsvector;

CREATE TABLE directory_searchword (
    word text PRIMARY KEY,
    listings integer NOT NULL DEFAULT 0
);
-- search.spelling candidates: word % 'misspelt'.
CREATE INDEX searchword_trgm_idx ON directory_searchword USING gin (word gin_trgm_ops);

-- The category part of a listing's document (weight B), both languages.
CREATE FUNCTION directory_category_document(listing bigint) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    -- Most listings are inserted before their links: skip the parser then.
    SELECT CASE WHEN names IS NULL THEN ''::tsvector ELSE
        setweight(to_tsvector('indonesian', names), 'B') || setweight(to_tsvector('english', names), 'B')
    END
    FROM (
        SELECT string_agg(c.name || ' ' || c.name_en, ' ' ORDER BY c.id) AS names
        FROM directory_listing_categories lc JOIN directory_category c ON c.id = lc.category_id
        WHERE lc.listing_id = listing
    ) AS linked
$$;

CREATE FUNCTION directory_listing_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := setweight(to_tsvector('indonesian', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('indonesian', coalesce(NEW.description, '')), 'C')
        || setweight(to_tsvector('english', coalesce(NEW.description_en, '')), 'C')
        || directory_category_document(NEW.id);
    RETURN NEW;
END
$$;
-- Django's save() names every column, so every save refreshes the document.
CREATE TRIGGER listing_search_refresh
BEFORE INSERT OR UPDATE OF name, description, description_en ON directory_listing
FOR EACH ROW EXECUTE FUNCTION directory_listing_search_refresh();

-- The plain words of a text, for the spelling vocabulary.
CREATE FUNCTION directory_words(content text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT unnest(tsvector_to_array(to_tsvector('simple', coalesce(content, ''))))
$$;

-- Add change[i] to the count of words[i]; only words of 3+ letters are kept,
-- filtered once grouped. Words in order, so that concurrent writers take
-- their row locks in the same order.
CREATE FUNCTION directory_searchword_add(words text[], change integer[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO directory_searchword AS v (word, listings)
    SELECT word, sum(n) FROM unnest(words, change) AS t(word, n)
    GROUP BY word HAVING sum(n) <> 0 AND word ~ '^[[:alpha:]]{3,}$' ORDER BY word
    ON CONFLICT (word) DO UPDATE SET listings = v.listings + EXCLUDED.listings
$$;

-- The vocabulary counts published listings only: a draft's words must not
-- leak through a spelling suggestion.
CREATE FUNCTION directory_listing_vocabulary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM directory_searchword_add(array_agg(word), array_agg(n))
        FROM (
            SELECT word, count(*)::int AS n
            FROM new_rows, directory_words(concat_ws(' ', name, description, description_en)) AS word
            WHERE status = 'published' GROUP BY word
        ) AS added;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM directory_searchword_add(array_agg(word), array_agg(n))
        FROM (
            SELECT word, sum(change)::int AS n
            FROM (
                SELECT n.name, n.description, n.description_en, n.status, 1 AS change
                FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.name, n.description, n.description_en, n.status)
                    IS DISTINCT FROM (o.name, o.description, o.description_en, o.status)
                UNION ALL
                SELECT o.name, o.description, o.description_en, o.status, -1
                FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.name, n.description, n.description_en, n.status)
                    IS DISTINCT FROM (o.name, o.description, o.description_en, o.status)
            ) AS changed, directory_words(concat_ws(' ', name, description, description_en)) AS word
            WHERE status = 'published' GROUP BY word
        ) AS changes;
    ELSE
        PERFORM directory_searchword_add(array_agg(word), array_agg(n))
        FROM (
            SELECT word, -count(*)::int AS n
            FROM old_rows, directory_words(concat_ws(' ', name, description, description_en)) AS word
            WHERE status = 'published' GROUP BY word
        ) AS removed;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER listing_vocabulary_insert AFTER INSERT ON directory_listing
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_vocabulary();
CREATE TRIGGER listing_vocabulary_update AFTER UPDATE ON directory_listing
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_vocabulary();
CREATE TRIGGER listing_vocabulary_delete AFTER DELETE ON directory_listing
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_vocabulary();

-- Django's flush empties tables with TRUNCATE, which row triggers miss.
CREATE FUNCTION directory_vocabulary_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM directory_searchword;
    PERFORM directory_searchword_add(array_agg(word), array_agg(1))
    FROM directory_category, directory_words(name || ' ' || name_en) AS word;
    RETURN NULL;
END
$$;
CREATE TRIGGER listing_vocabulary_truncate AFTER TRUNCATE ON directory_listing
FOR EACH STATEMENT EXECUTE FUNCTION directory_vocabulary_reset();

-- Category links: replace the category part of each touched document,
-- once per statement, keeping the listing's own part (weights A and C).
CREATE FUNCTION directory_listing_categories_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE directory_listing
        SET search_document = ts_filter(search_document, '{a,c}') || directory_category_document(id)
        WHERE id IN (SELECT listing_id FROM new_links);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE directory_listing
        SET search_document = ts_filter(search_document, '{a,c}') || directory_category_document(id)
        WHERE id IN (SELECT listing_id FROM old_links);
    ELSE
        UPDATE directory_listing
        SET search_document = ts_filter(search_document, '{a,c}') || directory_category_document(id)
        WHERE id IN (SELECT listing_id FROM old_links UNION SELECT listing_id FROM new_links);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER listing_categories_search_insert AFTER INSERT ON directory_listing_categories
REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_categories_sync();
CREATE TRIGGER listing_categories_search_update AFTER UPDATE ON directory_listing_categories
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_categories_sync();
CREATE TRIGGER listing_categories_search_delete AFTER DELETE ON directory_listing_categories
REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_categories_sync();

-- Categories: a renamed category renames what its listings are found by,
-- and category names are in the vocabulary (one count per category).
CREATE FUNCTION directory_category_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM directory_searchword_add(array_agg(word), array_agg(-1))
        FROM directory_words(OLD.name || ' ' || OLD.name_en) AS word;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM directory_searchword_add(array_agg(word), array_agg(1))
        FROM directory_words(NEW.name || ' ' || NEW.name_en) AS word;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        UPDATE directory_listing
        SET search_document = ts_filter(search_document, '{a,c}') || directory_category_document(id)
        WHERE id IN (SELECT listing_id FROM directory_listing_categories WHERE category_id = NEW.id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER category_search_insert_delete AFTER INSERT OR DELETE ON directory_category
FOR EACH ROW EXECUTE FUNCTION directory_category_search_sync();
CREATE TRIGGER category_search_rename AFTER UPDATE OF name, name_en ON directory_category
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_en IS DISTINCT FROM NEW.name_en)
EXECUTE FUNCTION directory_category_search_sync();

-- What is there already: documents (the vocabulary follows by trigger),
-- then the category names.
UPDATE directory_listing SET name = name;
SELECT directory_searchword_add(array_agg(word), array_agg(1))
FROM directory_category, directory_words(name || ' ' || name_en) AS word;

-- ListingQuerySet.search(): search_document @@ query.
CREATE INDEX listing_document_idx ON directory_listing USING gin (search_document);

-- Superseded by the stored document and the vocabulary (0006).
DROP INDEX IF EXISTS listing_search_idx;
DROP INDEX IF EXISTS listing_name_trgm_idx;
DROP INDEX IF EXISTS category_name_trgm_idx;
DROP INDEX IF EXISTS category_name_en_trgm_idx;
"""

POSTGRESQL_BACKWARD = r"""
DROP TRIGGER category_search_rename ON directory_category;
DROP TRIGGER category_search_insert_delete ON directory_category;
DROP TRIGGER listing_categories_search_insert ON directory_listing_categories;
DROP TRIGGER listing_categories_search_update ON directory_listing_categories;
DROP TRIGGER listing_categories_search_delete ON directory_listing_categories;
DROP TRIGGER listing_vocabulary_insert ON directory_listing;
DROP TRIGGER listing_vocabulary_update ON directory_listing;
DROP TRIGGER listing_vocabulary_delete ON directory_listing;
DROP TRIGGER listing_vocabulary_truncate ON directory_listing;
DROP TRIGGER listing_search_refresh ON directory_listing;
DROP FUNCTION directory_category_search_sync();
DROP FUNCTION directory_listing_categories_sync();
DROP FUNCTION directory_vocabulary_reset();
DROP FUNCTION directory_listing_vocabulary();
DROP FUNCTION directory_searchword_add(text[], integer[]);
DROP FUNCTION directory_words(text);
DROP FUNCTION directory_listing_search_refresh();
DROP FUNCTION directory_category_document(bigint);
DROP TABLE directory_searchword;
ALTER TABLE directory_listing DROP COLUMN search_document;

CREATE INDEX listing_search_idx ON directory_listing USING gin ((
    setweight(to_tsvector('indonesian'::regconfig, coalesce(name, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
    || setweight(to_tsvector('indonesian'::regconfig, coalesce(description, '')), 'C')
    || setweight(to_tsvector('english'::regconfig, coalesce(description_en, '')), 'C')
));
CREATE INDEX listing_name_trgm_idx ON directory_listing USING gin (name gin_trgm_ops);
CREATE INDEX category_name_trgm_idx ON directory_category USING gin (name gin_trgm_ops);
CREATE INDEX category_name_en_trgm_idx ON directory_category USING gin (name_en gin_trgm_ops);
"""

# The category names of a listing, as the FTS table stores them.
SQLITE_CATEGORIES = """(
    SELECT group_concat(c.name || ' ' || c.name_en, ' ')
    FROM directory_listing_categories lc JOIN directory_category c ON c.id = lc.category_id
    WHERE lc.listing_id = {listing}
)"""

SQLITE_INDEX_LISTING = """
    INSERT INTO directory_listing_fts (rowid, name, categories, description, description_en)
    SELECT NEW.id, NEW.name, {categories}, NEW.description, NEW.description_en
    WHERE NEW.status = 'published';
""".format(categories=SQLITE_CATEGORIES.format(listing="NEW.id"))

SQLITE_FORWARD = [
    # Published listings only: the table is both the search index and the
    # spelling vocabulary, and drafts must not show in either.
    """CREATE VIRTUAL TABLE directory_listing_fts USING fts5(
        name, categories, description, description_en, tokenize = 'unicode61 remove_diacritics 2'
    )""",
    "CREATE VIRTUAL TABLE directory_listing_fts_vocab USING fts5vocab(directory_listing_fts, 'row')",
    f"""CREATE TRIGGER listing_fts_insert AFTER INSERT ON directory_listing BEGIN
        {SQLITE_INDEX_LISTING}
    END""",
    f"""CREATE TRIGGER listing_fts_update
    AFTER UPDATE OF name, description, description_en, status ON directory_listing BEGIN
        DELETE FROM directory_listing_fts WHERE rowid = OLD.id;
        {SQLITE_INDEX_LISTING}
    END""",
    """CREATE TRIGGER listing_fts_delete AFTER DELETE ON directory_listing BEGIN
        DELETE FROM directory_listing_fts WHERE rowid = OLD.id;
    END""",
    """CREATE TRIGGER listing_categories_fts_insert AFTER INSERT ON directory_listing_categories BEGIN
        UPDATE directory_listing_fts SET categories = {categories} WHERE rowid = NEW.listing_id;
    END""".format(categories=SQLITE_CATEGORIES.format(listing="NEW.listing_id")),
    """CREATE TRIGGER listing_categories_fts_delete AFTER DELETE ON directory_listing_categories BEGIN
        UPDATE directory_listing_fts SET categories = {categories} WHERE rowid = OLD.listing_id;
    END""".format(categories=SQLITE_CATEGORIES.format(listing="OLD.listing_id")),
    """CREATE TRIGGER category_fts_rename AFTER UPDATE OF name, name_en ON directory_category BEGIN
        UPDATE directory_listing_fts SET categories = {categories}
        WHERE rowid IN (SELECT listing_id FROM directory_listing_categories WHERE category_id = NEW.id);
    END""".format(categories=SQLITE_CATEGORIES.format(listing="directory_listing_fts.rowid")),
    f"""INSERT INTO directory_listing_fts (rowid, name, categories, description, description_en)
    SELECT l.id, l.name, {SQLITE_CATEGORIES.format(listing="l.id")}, l.description, l.description_en
    FROM directory_listing l WHERE l.status = 'published'""",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER category_fts_rename",
    "DROP TRIGGER listing_categories_fts_delete",
    "DROP TRIGGER listing_categories_fts_insert",
    "DROP TRIGGER listing_fts_delete",
    "DROP TRIGGER listing_fts_update",
    "DROP TRIGGER listing_fts_insert",
    "DROP TABLE directory_listing_fts_vocab",
    "DROP TABLE directory_listing_fts",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FORWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BACKWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement, params=None)


class FuzzyStrMatchExtension(CreateExtension):
    """levenshtein() for ranking spelling candidates (pg_trgm is there since 0006)."""

    def __init__(self):
        super().__init__("fuzzystrmatch")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        # Django's own reverse step does not skip other databases.
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0009_listing_review_help"),
    ]

    operations = [
        # A no-op on databases other than PostgreSQL.
        FuzzyStrMatchExtension(),
        migrations.RunPython(forward, backward),
    ]
