"""Search documents in a narrow table of their own, and a covering index for the directory snapshot (PostgreSQL).

0010 kept each listing's search document in the listing row: 700 bytes of a
1,400-byte row, read by every scan of the listings. Now the documents of
published listings live in directory_listingsearch, one narrow row each:

  document       every word of the name, the category names (both languages)
                 and the descriptions, without positions (GIN index)
  in_name        the name's words: a search whose every word is here ranks first
  in_categories  the category names' words: next

Triggers keep it whatever writes the listings (ORM, bulk_create, raw SQL,
COPY), as 0010's did: statement-level, so a bulk write costs one set-based
statement per table. The spelling vocabulary of 0010 is unchanged.

listing_snapshot_idx lets directory/snapshot.py read the published listings'
facet columns by an index-only scan.
"""

from django.db import migrations

FORWARD = r"""
DROP TRIGGER listing_search_refresh ON directory_listing;
DROP TRIGGER listing_categories_search_insert ON directory_listing_categories;
DROP TRIGGER listing_categories_search_update ON directory_listing_categories;
DROP TRIGGER listing_categories_search_delete ON directory_listing_categories;
DROP FUNCTION directory_listing_search_refresh();
DROP FUNCTION directory_listing_categories_sync();

CREATE TABLE directory_listingsearch (
    listing_id bigint PRIMARY KEY,
    document tsvector NOT NULL,
    in_name tsvector NOT NULL,
    in_categories tsvector NOT NULL
);

-- tsvector || tsvector over rows: a listing's categories' words.
CREATE AGGREGATE directory_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');

-- The documents of the published listings among `ids`, as they are now. Each
-- category's words are parsed once per statement, not once per listing.
CREATE FUNCTION directory_listingsearch_rows(ids bigint[])
RETURNS TABLE (listing_id bigint, document tsvector, in_name tsvector, in_categories tsvector)
LANGUAGE sql STABLE AS $$
    WITH words AS (
        SELECT c.id, to_tsvector('indonesian', c.name || ' ' || c.name_en)
                     || to_tsvector('english', c.name || ' ' || c.name_en) AS vector
        FROM directory_category c
    ), linked AS (
        SELECT lc.listing_id, directory_tsvector_agg(w.vector) AS vector
        FROM directory_listing_categories lc JOIN words w ON w.id = lc.category_id
        WHERE lc.listing_id = ANY(ids)
        GROUP BY lc.listing_id
    )
    SELECT l.id, strip(v.name || v.text || v.categories), strip(v.name), strip(v.categories)
    FROM directory_listing l
    LEFT JOIN linked ON linked.listing_id = l.id
    CROSS JOIN LATERAL (
        SELECT to_tsvector('indonesian', l.name) || to_tsvector('english', l.name) AS name,
               to_tsvector('indonesian', l.description) || to_tsvector('english', l.description_en) AS text,
               coalesce(linked.vector, ''::tsvector) AS categories
    ) AS v
    WHERE l.id = ANY(ids) AND l.status = 'published'
$$;

CREATE FUNCTION directory_listingsearch_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM directory_listingsearch WHERE listing_id = ANY(ids);
    INSERT INTO directory_listingsearch SELECT * FROM directory_listingsearch_rows(ids);
$$;

CREATE FUNCTION directory_listing_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM directory_listingsearch_refresh(array(SELECT id FROM new_rows WHERE status = 'published'));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM directory_listingsearch_refresh(array(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.name, n.description, n.description_en, n.status)
                IS DISTINCT FROM (o.name, o.description, o.description_en, o.status)
        ));
    ELSE
        DELETE FROM directory_listingsearch WHERE listing_id IN (SELECT id FROM old_rows);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER listing_search_insert AFTER INSERT ON directory_listing
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_search_sync();
CREATE TRIGGER listing_search_update AFTER UPDATE ON directory_listing
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_search_sync();
CREATE TRIGGER listing_search_delete AFTER DELETE ON directory_listing
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_search_sync();

CREATE FUNCTION directory_listing_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE directory_listingsearch;
    RETURN NULL;
END
$$;
CREATE TRIGGER listing_search_truncate AFTER TRUNCATE ON directory_listing
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_search_truncate();

-- Category links: the touched listings' documents again, once per statement.
-- Links inserted before their listing (bulk loaders do, in one transaction)
-- find no listing yet; the listing's own insert then reads them.
CREATE FUNCTION directory_listing_categories_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM directory_listingsearch_refresh(array(SELECT DISTINCT listing_id FROM new_links));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM directory_listingsearch_refresh(array(SELECT DISTINCT listing_id FROM old_links));
    ELSE
        PERFORM directory_listingsearch_refresh(array(
            SELECT listing_id FROM old_links UNION SELECT listing_id FROM new_links
        ));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER listing_categories_search_insert AFTER INSERT ON directory_listing_categories
REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_categories_search_sync();
CREATE TRIGGER listing_categories_search_update AFTER UPDATE ON directory_listing_categories
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_categories_search_sync();
CREATE TRIGGER listing_categories_search_delete AFTER DELETE ON directory_listing_categories
REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION directory_listing_categories_search_sync();

-- A renamed category: the vocabulary as in 0010, then its listings' documents.
CREATE OR REPLACE FUNCTION directory_category_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
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
        PERFORM directory_listingsearch_refresh(array(
            SELECT listing_id FROM directory_listing_categories WHERE category_id = NEW.id
        ));
    END IF;
    RETURN NULL;
END
$$;

INSERT INTO directory_listingsearch
SELECT * FROM directory_listingsearch_rows(array(SELECT id FROM directory_listing WHERE status = 'published'));

-- ListingQuerySet.search() and search.matches(): document @@ query.
CREATE INDEX listingsearch_document_idx ON directory_listingsearch USING gin (document);

DROP INDEX listing_document_idx;
ALTER TABLE directory_listing DROP COLUMN search_document;

-- snapshot.py: the published listings' facet columns, read by an index-only scan.
CREATE INDEX listing_snapshot_idx ON directory_listing (id)
INCLUDE (province_id, regency_id, size, capacity_pairs, moq_pairs, verified, export_markets, created_at, updated_at)
WHERE status = 'published';
"""

BACKWARD = r"""
DROP INDEX listing_snapshot_idx;
ALTER TABLE directory_listing ADD COLUMN search_document tsvector;

DROP TRIGGER listing_categories_search_insert ON directory_listing_categories;
DROP TRIGGER listing_categories_search_update ON directory_listing_categories;
DROP TRIGGER listing_categories_search_delete ON directory_listing_categories;
DROP TRIGGER listing_search_insert ON directory_listing;
DROP TRIGGER listing_search_update ON directory_listing;
DROP TRIGGER listing_search_delete ON directory_listing;
DROP TRIGGER listing_search_truncate ON directory_listing;
DROP FUNCTION directory_listing_categories_search_sync();
DROP FUNCTION directory_listing_search_truncate();
DROP FUNCTION directory_listing_search_sync();
DROP FUNCTION directory_listingsearch_refresh(bigint[]);
DROP FUNCTION directory_listingsearch_rows(bigint[]);
DROP AGGREGATE directory_tsvector_agg(tsvector);
DROP TABLE directory_listingsearch;

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
CREATE TRIGGER listing_search_refresh
BEFORE INSERT OR UPDATE OF name, description, description_en ON directory_listing
FOR EACH ROW EXECUTE FUNCTION directory_listing_search_refresh();

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

CREATE OR REPLACE FUNCTION directory_category_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
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

UPDATE directory_listing SET name = name;
CREATE INDEX listing_document_idx ON directory_listing USING gin (search_document);
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("directory", "0012_listing_scaling_indexes")]

    operations = [migrations.RunPython(forward, backward)]
