"""A search document per listing that the database keeps up to date itself.

Every way a listing reaches the database (forms, the admin, the importer,
bulk_create, raw SQL, COPY) and every change to its categories stays
searchable without a Python step, because triggers do the work:

PostgreSQL
  directory_listing.search_document  tsvector: name (A), category names in
      both languages (B), descriptions (C); GIN index listing_document_idx.
  directory_listing.search_words  text[]: the distinct plain words of the
      same text, the listing's share of the spelling vocabulary.
  directory_searchword(word, listings)  the words of published listings and
      how many listings use each; GIN trigram index for spelling candidates.
SQLite
  directory_listing_fts  FTS5 table of published listings (rowid = listing
      id); its vocabulary is read through directory_listing_fts_vocab.

Neither column is on the Django model: nothing in Python reads or writes
them except directory/search.py, and a listing's queries stay lean.
"""

from django.contrib.postgres.operations import CreateExtension, TrigramExtension
from django.db import migrations

POSTGRESQL_FORWARD = r"""
ALTER TABLE directory_listing ADD COLUMN search_document tsvector, ADD COLUMN search_words text[];

CREATE TABLE directory_searchword (
    word text PRIMARY KEY,
    listings integer NOT NULL DEFAULT 0
);
-- search.spelling_candidates(): word % 'misspelt'.
CREATE INDEX searchword_trgm_idx ON directory_searchword USING gin (word gin_trgm_ops);

CREATE FUNCTION directory_search_document(name text, categories text, description text, description_en text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('indonesian', coalesce(name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(name, '')), 'A')
        || setweight(to_tsvector('indonesian', coalesce(categories, '')), 'B')
        || setweight(to_tsvector('english', coalesce(categories, '')), 'B')
        || setweight(to_tsvector('indonesian', coalesce(description, '')), 'C')
        || setweight(to_tsvector('english', coalesce(description_en, '')), 'C')
$$;

-- Plain lower-case words of three letters or more: what a visitor may misspell.
CREATE FUNCTION directory_search_words(content text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(word ORDER BY word), '{}')
    FROM unnest(tsvector_to_array(to_tsvector('simple', coalesce(content, '')))) AS word
    WHERE word ~ '^[[:alpha:]]{3,}$'
$$;

CREATE FUNCTION directory_listing_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    category_names text;
BEGIN
    SELECT string_agg(c.name || ' ' || c.name_en, ' ' ORDER BY c.id) INTO category_names
    FROM directory_listing_categories lc JOIN directory_category c ON c.id = lc.category_id
    WHERE lc.listing_id = NEW.id;
    NEW.search_document := directory_search_document(
        NEW.name, category_names, NEW.description, NEW.description_en);
    NEW.search_words := directory_search_words(
        concat_ws(' ', NEW.name, category_names, NEW.description, NEW.description_en));
    RETURN NEW;
END
$$;

-- Django's save() names every column, so any save refreshes the document;
-- other paths below touch `name` to ask for a refresh.
CREATE TRIGGER listing_search_refresh
BEFORE INSERT OR UPDATE OF name, description, description_en ON directory_listing
FOR EACH ROW EXECUTE FUNCTION directory_listing_search_refresh();

-- The vocabulary counts published listings only: a draft's words must not
-- leak through a spelling suggestion. One set-based upsert per statement
-- keeps bulk inserts fast; words in order so concurrent writers lock alike.
CREATE FUNCTION directory_searchword_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO directory_searchword AS v (word, listings)
        SELECT word, count(*) FROM new_rows, unnest(new_rows.search_words) AS word
        WHERE new_rows.status = 'published'
        GROUP BY word ORDER BY word
        ON CONFLICT (word) DO UPDATE SET listings = v.listings + EXCLUDED.listings;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO directory_searchword AS v (word, listings)
        SELECT word, sum(change) FROM (
            SELECT word, 1 AS change FROM new_rows, unnest(new_rows.search_words) AS word
            WHERE new_rows.status = 'published'
            UNION ALL
            SELECT word, -1 FROM old_rows, unnest(old_rows.search_words) AS word
            WHERE old_rows.status = 'published'
        ) AS changes
        GROUP BY word HAVING sum(change) <> 0 ORDER BY word
        ON CONFLICT (word) DO UPDATE SET listings = v.listings + EXCLUDED.listings;
    ELSE
        UPDATE directory_searchword AS v SET listings = v.listings - gone.n
        FROM (
            SELECT word, count(*) AS n FROM old_rows, unnest(old_rows.search_words) AS word
            WHERE old_rows.status = 'published' GROUP BY word
        ) AS gone
        WHERE v.word = gone.word;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER listing_searchword_insert AFTER INSERT ON directory_listing
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION directory_searchword_count();
CREATE TRIGGER listing_searchword_update AFTER UPDATE ON directory_listing
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION directory_searchword_count();
CREATE TRIGGER listing_searchword_delete AFTER DELETE ON directory_listing
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION directory_searchword_count();

CREATE FUNCTION directory_searchword_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE directory_searchword;
    RETURN NULL;
END
$$;
CREATE TRIGGER listing_searchword_truncate AFTER TRUNCATE ON directory_listing
FOR EACH STATEMENT EXECUTE FUNCTION directory_searchword_clear();

-- Category links: refresh each touched listing once per statement.
CREATE FUNCTION directory_listing_categories_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE directory_listing SET name = name
        WHERE id IN (SELECT listing_id FROM new_links);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE directory_listing SET name = name
        WHERE id IN (SELECT listing_id FROM old_links);
    ELSE
        UPDATE directory_listing SET name = name
        WHERE id IN (SELECT listing_id FROM old_links UNION SELECT listing_id FROM new_links);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER listing_categories_search_insert AFTER INSERT ON directory_listing_categories
REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_categories_touch();
CREATE TRIGGER listing_categories_search_update AFTER UPDATE ON directory_listing_categories
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_categories_touch();
CREATE TRIGGER listing_categories_search_delete AFTER DELETE ON directory_listing_categories
REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_categories_touch();

-- A renamed category renames what its listings are found by.
CREATE FUNCTION directory_category_search_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_listing SET name = name
    WHERE id IN (SELECT listing_id FROM directory_listing_categories WHERE category_id = NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER category_search_rename AFTER UPDATE OF name, name_en ON directory_category
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_en IS DISTINCT FROM NEW.name_en)
EXECUTE FUNCTION directory_category_search_touch();

-- Fill the new columns (and through the trigger above, the vocabulary).
UPDATE directory_listing SET name = name;

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
DROP TRIGGER listing_categories_search_insert ON directory_listing_categories;
DROP TRIGGER listing_categories_search_update ON directory_listing_categories;
DROP TRIGGER listing_categories_search_delete ON directory_listing_categories;
DROP TRIGGER listing_searchword_insert ON directory_listing;
DROP TRIGGER listing_searchword_update ON directory_listing;
DROP TRIGGER listing_searchword_delete ON directory_listing;
DROP TRIGGER listing_searchword_truncate ON directory_listing;
DROP TRIGGER listing_search_refresh ON directory_listing;
DROP FUNCTION directory_category_search_touch();
DROP FUNCTION directory_listing_categories_touch();
DROP FUNCTION directory_searchword_clear();
DROP FUNCTION directory_searchword_count();
DROP FUNCTION directory_listing_search_refresh();
DROP FUNCTION directory_search_words(text);
DROP FUNCTION directory_search_document(text, text, text, text);
DROP TABLE directory_searchword;
ALTER TABLE directory_listing DROP COLUMN search_document, DROP COLUMN search_words;

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


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0009_listing_review_help"),
    ]

    operations = [
        # Both are no-ops on databases other than PostgreSQL.
        TrigramExtension(),
        CreateExtension("fuzzystrmatch"),
        migrations.RunPython(forward, backward),
    ]
