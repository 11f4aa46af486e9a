"""The guard on a listing's lifecycle: status, verification and review date.

A listing's public status and its "Verified by BPIPI" badge change only
through the moderation services (moderation/services.py), which record a
Decision and notify the owners. The directory cannot import moderation, so
it keeps the guard and the services open it:

    from directory.models import lifecycle_change

    with lifecycle_change():
        listing.status = Listing.Status.PUBLISHED
        listing.save(update_fields=["status"])

Outside `lifecycle_change()`:

- `Listing.save()` raises LifecycleGuardError when it would store a status,
  `verified`, `verified_at` or `reviewed_at` other than the stored one, or
  lower `changed_since_review` (owners' edits may raise it: that is how
  their changes reach the review queue);
- a new listing may be created only as a draft or pending, unverified and
  never reviewed (what a company or an import creates before moderators
  decide); anything else is a decision;
- `Listing.objects.update()` and `bulk_update()` of those fields raise;
  `bulk_create()` applies the creation rule to each listing.

Who opens the guard: the moderation services, and the code that writes
fictitious data (the test factories, `seed_demo`; the bench seeder writes
rows with COPY, below the ORM). The importer (moderation/importer/writing.py)
creates listings as pending, or, for a moderator who asks, as published inside
the guard, writing an `import` Decision by the importing user for each in the
same transaction.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from .choices import Status

GUARDED_FIELDS = ("status", "verified", "verified_at", "reviewed_at", "changed_since_review")
# What a listing may be created with outside the guard.
CREATABLE_STATUSES = {Status.DRAFT, Status.PENDING}

_open = ContextVar("listing_lifecycle_open", default=False)


class LifecycleGuardError(RuntimeError):
    """A listing's status or verification was changed outside the moderation services."""


@contextmanager
def lifecycle_change():
    """Allow changes to listings' status, verification and review flags inside the block.

    Only the moderation services (which record a Decision for each change)
    and the writers of fictitious data (factories, seed_demo) use it.
    """
    token = _open.set(True)
    try:
        yield
    finally:
        _open.reset(token)


def lifecycle_open():
    return _open.get()


def check_creation(listing):
    if lifecycle_open():
        return
    if (
        listing.status not in CREATABLE_STATUSES
        or listing.verified
        or listing.verified_at is not None
        or listing.reviewed_at is not None
    ):
        raise LifecycleGuardError(
            f"“{listing}” would be created as {listing.status}{' and verified' if listing.verified else ''}: "
            "only a draft or pending, unverified listing is created outside the moderation services."
        )


def check_fields(fields):
    """For queryset.update() (a dict of values) and bulk_update() (field names):
    no guarded field is written outside the guard, but the review flag may be raised."""
    raised = isinstance(fields, dict) and fields.get("changed_since_review") is True
    touched = sorted(set(fields) & set(GUARDED_FIELDS) - ({"changed_since_review"} if raised else set()))
    if touched and not lifecycle_open():
        raise LifecycleGuardError(
            f"Listing {', '.join(touched)} change only through the moderation services "
            "(see directory.models.lifecycle)."
        )


def check_save(listing, update_fields):
    """For Listing.save(): compare the guarded fields with the stored row."""
    if lifecycle_open():
        return
    if listing._state.adding:
        check_creation(listing)
        return
    names = GUARDED_FIELDS if update_fields is None else [n for n in GUARDED_FIELDS if n in update_fields]
    if not names:
        return
    stored = type(listing)._base_manager.filter(pk=listing.pk).values(*names).first()
    if stored is None:
        check_creation(listing)
        return
    changed = [
        name
        for name in names
        if getattr(listing, name) != stored[name]
        and not (name == "changed_since_review" and getattr(listing, name))
    ]
    if changed:
        raise LifecycleGuardError(
            f"“{listing}”: {', '.join(changed)} change only through the moderation services "
            "(see directory.models.lifecycle)."
        )
