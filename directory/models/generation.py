"""The directory generation: the token cached counts and pages are kept under."""

from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from ..search import SEARCH_MAX_LENGTH, normalize_search_text  # noqa: F401 (imported from here)


class DirectoryGeneration(models.Model):
    """One row whose token changes, in the same transaction, with every write to the directory.

    Database triggers (migration 0011) replace the token on any insert, update,
    delete or truncate of listings, their links and the taxonomy, whichever
    way the write is made (ORM, bulk_update, raw SQL, another process). Cached
    counts are stored under the token, so a write makes them unreachable the
    moment it commits. The token is random rather than a counter so that a
    rolled-back write or a restored database never meets counts cached for
    different data under the same key.
    """

    token = models.CharField(_("token"), max_length=40)

    class Meta:
        verbose_name = _("directory generation")
        verbose_name_plural = _("directory generations")
        ordering = ["pk"]

    def __str__(self):
        return self.token

    @classmethod
    def current(cls, using="default"):
        """The token of the data this transaction sees, or None when the row is missing.

        Read on every public request, so as a plain statement: building the
        ORM query cost more than running it.
        """
        with connections[using].cursor() as cursor:
            cursor.execute(f"SELECT token FROM {cls._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else None
