"""Full-text search over listings, with spelling correction.

The database keeps each published listing's search document and the
directory's vocabulary itself: on PostgreSQL the table directory_listingsearch
with a GIN index (migration 0013) and a trigger-fed word table (0010), on
SQLite an FTS5 table (0010). This module builds the queries over them; it
never writes.

`spell_check()` corrects the words of a query that the directory does not
know; `ListingQuerySet.search()` and `.with_search_rank()` match and rank.
"""

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from django.db import connections, models, transaction
from django.db.models import Case, Expression, Value, When
from django.db.models.expressions import RawSQL

from .counts import cached
from .pgbinary import binary_array

# Queries are cut to this size: longer ones only slow the database down.
SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 8
# Spelling candidates share at least this trigram similarity with the typed
# word. It is low on purpose: one swapped pair of letters in a five-letter
# word ("kuilt" for "kulit") leaves a similarity of only 0.2.
CANDIDATE_SIMILARITY = 0.1
CANDIDATES_PER_WORD = 20
# Words shorter than this are neither in the vocabulary nor corrected.
SHORTEST_WORD = 3

WORD = re.compile(r"\w+")


def normalize_search_text(q):
    """Collapse whitespace and cut overlong input; drop characters no database accepts."""
    q = " ".join(str(q or "").replace("\x00", " ").split())
    return q[:SEARCH_MAX_LENGTH].strip()


def _vendor(queryset):
    return connections[queryset.db].vendor


# --- Matching and ranking ----------------------------------------------------

# A query in Indonesian or English, web-search syntax. Most words read the
# same in both languages: the query is then 'kulit' rather than
# 'kulit' | 'kulit', which the planner would count twice, estimating twice
# the rows it will find. Five parameters, all the query text.
TSQUERY_SQL = (
    "(CASE WHEN websearch_to_tsquery('indonesian', %s) = websearch_to_tsquery('english', %s)"
    " THEN websearch_to_tsquery('indonesian', %s)"
    " ELSE websearch_to_tsquery('indonesian', %s) || websearch_to_tsquery('english', %s) END)"
)


def _tsquery(q):
    return TSQUERY_SQL, [q] * 5


class SearchRelevance(Expression):
    """Every word in the name, in the categories, or elsewhere (PostgreSQL): 3, 2, 1 or 0.

    Read from the listing's row in directory_listingsearch (migration 0013),
    matched on the query's own listing row, so subqueries that relabel the
    listing table keep working.
    """

    output_field = models.FloatField()

    def __init__(self, q):
        super().__init__()
        self.q = q
        self.pk = None

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        resolved = self.copy()
        resolved.pk = query.resolve_ref("pk", allow_joins, reuse, summarize)
        return resolved

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        tsquery, params = _tsquery(self.q)
        sql = (
            f"COALESCE((SELECT (2 * (s.in_name @@ {tsquery})::int + (s.in_categories @@ {tsquery})::int)::float"
            f" FROM directory_listingsearch s WHERE s.listing_id = {pk_sql}), 0)"
        )
        return sql, [*params, *params, *pk_params]


def fts_expression(q, column=None):
    """An FTS5 MATCH expression: every word of `q`, each also as a prefix (SQLite).

    Words are quoted, so nothing the visitor types is read as FTS5 syntax.
    """
    words = WORD.findall(q)[:SEARCH_MAX_WORDS]
    if not words:
        return ""
    expression = " ".join('"{}"*'.format(word.replace('"', '""')) for word in words)
    return f"{column} : ({expression})" if column else expression


def _fts_rows(expression):
    return RawSQL(
        "SELECT rowid FROM directory_listing_fts WHERE directory_listing_fts MATCH %s", [expression]
    )


def match(queryset, q):
    """`queryset` narrowed to listings whose document holds every word of `q`."""
    if _vendor(queryset) == "postgresql":
        tsquery, params = _tsquery(q)
        documents = RawSQL(
            f"SELECT listing_id FROM directory_listingsearch WHERE document @@ {tsquery}", params
        )
        return queryset.filter(pk__in=documents)
    expression = fts_expression(q)
    if not expression:
        return queryset.none()
    # The FTS table holds published listings only; public searches start there anyway.
    return queryset.filter(pk__in=_fts_rows(expression))


def relevance(queryset, q):
    """The relevance expression for `q` over the listings of `queryset`: name, then categories."""
    if _vendor(queryset) == "postgresql":
        return SearchRelevance(q)
    score = Value(0.0, output_field=models.FloatField())
    for expression, weight in [(fts_expression(q, "name"), 2.0), (fts_expression(q, "categories"), 1.0)]:
        if expression:
            score = score + Case(
                When(pk__in=_fts_rows(expression), then=Value(weight)),
                default=Value(0.0),
                output_field=models.FloatField(),
            )
    return score


# --- Every match at once, for the snapshot (snapshot.py) -------------------------


@dataclass(frozen=True, eq=False)
class Matches:
    """The published listings matching a query: their ids, ascending, and where each matched.

    `in_name[i]`: every word is in the name; `in_categories[i]`: every word is in
    the names of its categories. Relevance orders by these, then by name.
    """

    ids: np.ndarray
    in_name: np.ndarray
    in_categories: np.ndarray

    def __len__(self):
        return len(self.ids)


# Unsorted: an ORDER BY would tempt the planner to walk the primary key and test
# every document; the bitmap scan of the GIN index reads only the matches.
POSTGRESQL_MATCHES = f"""
SELECT array_send(array_agg(listing_id)), array_send(array_agg(in_name @@ {TSQUERY_SQL})),
       array_send(array_agg(in_categories @@ {TSQUERY_SQL}))
FROM directory_listingsearch WHERE document @@ {TSQUERY_SQL}
"""


def _sqlite_matches(cursor, q):
    """(all, in the name, in the categories) rowids of the FTS table matching `q`, in one query."""
    expressions = [fts_expression(q), fts_expression(q, "name"), fts_expression(q, "categories")]
    if not expressions[0]:
        return [], [], []
    cursor.execute(
        " UNION ALL ".join(
            f"SELECT rowid, {part} FROM directory_listing_fts WHERE directory_listing_fts MATCH %s"
            for part in range(3)
        ),
        expressions,
    )
    found = [[], [], []]
    for rowid, part in cursor.fetchall():
        found[part].append(rowid)
    return found


def _find_matches(q, using):
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_MATCHES, [q] * 15)
            ids, in_name, in_categories = cursor.fetchone()
            ids = binary_array(ids, np.int64)
            order = np.argsort(ids, kind="stable")
            return ids[order], binary_array(in_name, bool)[order], binary_array(in_categories, bool)[order]
        every, in_name, in_categories = _sqlite_matches(cursor, q)
        ids = np.unique(np.array(every, dtype=np.int64))
        return ids, np.isin(ids, in_name), np.isin(ids, in_categories)


_kept_matches = {}
KEPT_MATCHES = 64


def matches(q, *, using="default", token=None):
    """Matches of `q` (as given: correct it first) among the published listings, once per generation.

    Kept in the process and in the shared cache under the directory generation,
    so a query costs the database once per generation whatever filters,
    sorting or pages go with it.
    """
    q = normalize_search_text(q)
    key = (using, token, q)
    if token is not None and key in _kept_matches:
        return _kept_matches[key]

    def find():
        return tuple(column.tobytes() for column in _find_matches(q, using))

    ids, in_name, in_categories = cached("matches", find, key=(using, q), token=token)
    found = Matches(
        np.frombuffer(ids, dtype=np.int64),
        np.frombuffer(in_name, dtype=bool),
        np.frombuffer(in_categories, dtype=bool),
    )
    if token is not None:
        if len(_kept_matches) >= KEPT_MATCHES:
            _kept_matches.clear()
        _kept_matches[key] = found
    return found


# --- Spelling ----------------------------------------------------------------


@dataclass(frozen=True)
class Spelling:
    """A query as typed and as searched; they differ when a word was corrected."""

    original: str
    text: str

    @property
    def corrected(self):
        return self.text != self.original


def _fold(word):
    """Lower case without accents, as the vocabulary stores words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _checkable(word):
    return word.isalpha() and len(word) >= SHORTEST_WORD


def max_edits(word):
    """How many edits a correction of `word` may take: short words allow fewer."""
    return 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3


def edit_distance(a, b):
    """Optimal string alignment distance: insertions, deletions, substitutions and
    swaps of two neighbouring letters each count one."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def best_correction(word, candidates):
    """The likeliest intended word among `candidates` [(word, listings)], or None.

    Fewest edits first; then a word with the same first letter (people rarely
    mistype the first one), then the word more listings use.
    """
    limit = max_edits(word)
    scored = []
    for candidate, listings in candidates:
        distance = edit_distance(word, candidate)
        if 0 < distance <= limit:
            scored.append((distance, candidate[:1] != word[:1], -listings, candidate))
    return min(scored)[3] if scored else None


def known_words(words, using="default"):
    """Those of `words` the directory uses: in published listings, and on PostgreSQL in any category name."""
    if not words:
        return set()
    with connections[using].cursor() as cursor:
        if connections[using].vendor == "postgresql":
            cursor.execute(
                "SELECT word FROM directory_searchword WHERE word = ANY(%s) AND listings > 0", [list(words)]
            )
        else:
            marks = ", ".join(["%s"] * len(words))
            cursor.execute(
                f"SELECT term FROM directory_listing_fts_vocab WHERE term IN ({marks})", list(words)
            )
        return {row[0] for row in cursor.fetchall()}


def _candidates(words, using):
    """{word: [(candidate, listings)]} from the vocabulary, nearest first."""
    connection = connections[using]
    found = {word: [] for word in words}
    if connection.vendor == "postgresql":
        # Plain Levenshtein counts a swap as two edits, so allow twice the
        # final limit here; best_correction() applies the exact one.
        limits = [2 * max_edits(word) for word in words]
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(CANDIDATE_SIMILARITY)]
            )
            cursor.execute(
                """
                SELECT typed.word, v.word, v.listings
                FROM unnest(%s::text[], %s::int[]) AS typed(word, edits)
                CROSS JOIN LATERAL (
                    SELECT word, listings FROM directory_searchword
                    WHERE word %% typed.word AND listings > 0
                      AND levenshtein_less_equal(word, typed.word, typed.edits) <= typed.edits
                    ORDER BY levenshtein(word, typed.word), similarity(word, typed.word) DESC, listings DESC
                    LIMIT %s
                ) AS v
                """,
                [list(words), limits, CANDIDATES_PER_WORD],
            )
            rows = cursor.fetchall()
    else:
        shortest = min(len(word) for word in words) - 3
        longest = max(len(word) for word in words) + 3
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, doc FROM directory_listing_fts_vocab WHERE length(term) BETWEEN %s AND %s",
                [shortest, longest],
            )
            vocabulary = cursor.fetchall()
        rows = [
            (word, term, listings)
            for word in words
            for term, listings in vocabulary
            if abs(len(term) - len(word)) <= max_edits(word) and term.isalpha()
        ]
    for word, candidate, listings in rows:
        found[word].append((candidate, listings))
    return found


def spell_check(q, *, listings):
    """The query to search for `q`: misspelt words replaced by the directory's own.

    A word is corrected only when it is not in the vocabulary and the query
    as typed finds no published listing (so stemmed and prefix matches stay
    as typed), and only when the corrected query does find one. `listings`
    names the database.
    """
    q = normalize_search_text(q)
    words = {_fold(w) for w in WORD.findall(q)[:SEARCH_MAX_WORDS] if _checkable(w)}
    if not words:
        return Spelling(q, q)
    using = listings.db
    unknown = sorted(words - known_words(words, using))
    # The matches of a query are read once per generation (matches()), and
    # the page then uses the same ones.
    if not unknown or len(matches(q, using=using)):
        return Spelling(q, q)
    corrections = {}
    for word, candidates in _candidates(unknown, using).items():
        if best := best_correction(word, candidates):
            corrections[word] = best
    if not corrections:
        return Spelling(q, q)
    text = WORD.sub(lambda m: corrections.get(_fold(m.group()), m.group()), q)
    if not len(matches(text, using=using)):
        return Spelling(q, q)
    return Spelling(q, text)
