"""Counts that cost the same at any size: computed once per directory generation, then cached.

Every cached value is stored under the current `DirectoryGeneration` token,
read with one primary-key query. Database triggers replace the token in the
same transaction as any write to listings, their links or the taxonomy, so a
count cached before a write is never read after it commits, across processes
and whatever made the write. Keys also name the release (settings.RELEASE),
so new code never reads what old code kept. When the cache is unreachable the counts are
computed directly: slower, never wrong, never an error page.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

# Unreachable keys expire on their own; a day bounds what a busy cache holds.
TIMEOUT = 24 * 60 * 60
PREFIX = "ifn:directory"


def cached(name, compute, *, key=(), token=None):
    """compute() for this generation of the directory, from the cache when it holds it.

    `key` is anything repr()-able that tells apart the variants of `name`;
    `token`, the generation, when the caller has read it already.
    """
    from .models import DirectoryGeneration  # the models use this module

    if token is None:
        token = DirectoryGeneration.current()
    if token is None:
        return compute()
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    cache_key = f"{PREFIX}:{settings.RELEASE}:{name}:{token}:{digest}"
    try:
        value = cache.get(cache_key)
    except Exception:
        logger.warning("Cache unreachable; counting directly.", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(cache_key, value, TIMEOUT)
        except Exception:
            logger.warning("Cache unreachable; the count is not kept.", exc_info=True)
    return value


def cached_count(queryset):
    """queryset.count(), computed once per generation for each distinct query."""
    queryset = queryset.order_by()
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        # A filter that can match nothing (an empty IN list): no query to run or key.
        return 0
    return cached("count", queryset.count, key=(queryset.db, sql, tuple(map(str, params))))


# From this offset on, a page first reads its ids alone (an index-only scan
# can skip the rows before it) and then its rows, instead of reading every
# skipped row whole.
DEEP_OFFSET = 1000


class CachedCountPaginator(Paginator):
    """A paginator whose total comes from the generation cache, and whose deep pages skip rows cheaply."""

    def __init__(self, object_list, per_page, *args, count=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        if count is not None:
            self.__dict__["count"] = count

    @cached_property
    def count(self):
        if hasattr(self.object_list, "query"):
            return cached_count(self.object_list)
        return len(self.object_list)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < DEEP_OFFSET or not hasattr(self.object_list, "query"):
            return super().page(number)
        top = min(bottom + self.per_page, self.count)
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        # The same order, now over the page's own rows only.
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)
