"""Writing a reviewed import: new listings, updates, links, owners and decisions, in bulk.

A few queries per thousand rows instead of a dozen per row: the database's
search triggers keep the search documents of bulk-written rows as of any
other, and the history gets one entry per listing by the importing clerk.
"""

import json
from contextlib import nullcontext

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from directory.models import Listing, ListingMembership, lifecycle_change

from ..models import Decision
from .parsing import RELATIONS
from .review import CREATED, UPDATED

BATCH = 1000


def _unique_slugs(listings):
    taken = set(Listing.objects.values_list("slug", flat=True).iterator(chunk_size=5000))
    for listing in listings:
        base = slugify(listing.name)[:200] or "listing"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        listing.slug = slug


def write_rows(report, *, by=None, publish=False, progress=None):
    """Write the rows the report creates or updates; returns the changes, for undoing."""
    now = timezone.now()
    creates = [r for r in report.rows if r.action == CREATED]
    updates = [r for r in report.rows if r.action == UPDATED]
    total = len(creates) + len(updates)
    done = 0
    changes = {"created": [], "updated": {}, "links": {}, "owners": []}
    status = Listing.Status.PUBLISHED if publish else Listing.Status.PENDING
    with transaction.atomic():
        new = [r.listing for r in creates]
        for listing in new:
            listing.status = status
            listing.reviewed_at = now if publish else None
            listing._history_user = by
        _unique_slugs(new)
        for start in range(0, len(creates), BATCH):
            batch = creates[start : start + BATCH]
            # Published at once only for a moderator, each recorded below as the importer's decision.
            with lifecycle_change() if publish else nullcontext():
                objects = Listing.objects.bulk_create([r.listing for r in batch])
            ids = [o.pk for o in objects]
            _history(ids, "+", by, now)
            _link(batch, replace=False)
            _decisions(ids, by, now)
            changes["created"].extend(o.pk for o in objects)
            done += len(batch)
            if progress:
                progress(done, total)
        for start in range(0, len(updates), BATCH):
            batch = updates[start : start + BATCH]
            fields = sorted({name for r in batch for name in r.before})
            for result in batch:
                changes["updated"][str(result.listing.pk)] = json.loads(
                    json.dumps(result.before, cls=DjangoJSONEncoder)
                )
                if result.changed_m2m:
                    changes["links"][str(result.listing.pk)] = {
                        name: sorted(result.listing.linked[name]) for name in result.changed_m2m
                    }
                result.listing.updated_at = now
                result.listing._history_user = by
            objects = [r.listing for r in batch]
            Listing.objects.bulk_update(objects, [*fields, "updated_at"])
            _history([o.pk for o in objects], "~", by, now)
            _link(batch, replace=True)
            done += len(batch)
            if progress:
                progress(done, total)
        memberships = [
            ListingMembership(listing=r.listing, user=user, role=ListingMembership.TeamRole.OWNER)
            for r in (*creates, *updates)
            for user in r.new_owners
        ]
        created = ListingMembership.objects.bulk_create(memberships, ignore_conflicts=True)
        changes["owners"] = [[m.listing_id, m.user_id] for m in created]
    report.written = True
    return changes


def _link(results, *, replace):
    """The rows' roles, categories, features and certifications, in one insert per relation."""
    for name in RELATIONS:
        relation = getattr(Listing, name)
        through = relation.through
        source = relation.field.m2m_field_name()
        target = relation.field.m2m_reverse_field_name()
        changed = [r for r in results if name in r.changed_m2m]
        if not changed:
            continue
        if replace:
            through.objects.filter(**{f"{source}__in": [r.listing.pk for r in changed]}).delete()
        pairs = [(r.listing.pk, obj.pk) for r in changed for obj in r.m2m[name]]
        # Plain multi-row INSERTs: bulk_create would build and prepare a model per link.
        table = through._meta.db_table
        source_column = through._meta.get_field(source).column
        target_column = through._meta.get_field(target).column
        with connection.cursor() as cursor:
            for start in range(0, len(pairs), BATCH * 5):
                chunk = pairs[start : start + BATCH * 5]
                cursor.execute(
                    f"INSERT INTO {table} ({source_column}, {target_column}) VALUES "
                    + ", ".join(["(%s, %s)"] * len(chunk)),
                    [value for pair in chunk for value in pair],
                )


def _history(ids, kind, by, now):
    """One history entry per listing, copied by the database from the rows just written.

    simple_history's bulk_history_create prepares every value of every row in
    Python again: as long as writing the listings themselves.
    """
    history = Listing.history.model
    own = {f.name for f in history._meta.fields} - {
        "history_id",
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user",
    }
    columns = [history._meta.get_field(name).column for name in sorted(own)]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {history._meta.db_table} ({names}, history_date, history_change_reason, history_type, "
            f"history_user_id) SELECT {names}, %s, NULL, %s, %s FROM {Listing._meta.db_table} WHERE id IN ({marks})",
            [now, kind, by.pk if by else None, *ids],
        )


def _decisions(ids, by, now):
    """The import's decision on each new listing, as the moderation queue and log show decisions."""
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Decision._meta.db_table} (listing_id, actor_id, action, reason, from_status, to_status, "
            f"created_at) SELECT id, %s, %s, '', %s, status, %s FROM {Listing._meta.db_table} WHERE id IN ({marks})",
            [by.pk if by else None, Decision.Action.IMPORT, Listing.Status.DRAFT, now, *ids],
        )
