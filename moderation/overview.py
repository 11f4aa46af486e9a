"""What the admin index shows: the moderation queues and the directory's headline numbers."""

from datetime import timedelta

from django.apps import apps
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.counts import cached, cached_count
from directory.models import Listing, Role

from .models import ChangedListing, ErrorReport, PendingListing, ReverificationDueListing

STALE_AFTER = timedelta(days=365)


def claim_model():
    """The accounts Claim model once the company dashboard provides it, else None."""
    try:
        return apps.get_model("accounts", "Claim")
    except LookupError:
        return None


def _queue(user, model, label, count, query=""):
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        return None
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + query
    except NoReverseMatch:
        return None
    return {"label": label, "count": count, "url": url, "key": opts.model_name}


def queues(user):
    """The moderation queues this user may open, each with its count."""
    found = [
        _queue(
            user, PendingListing, _("Listings pending review"), cached_count(PendingListing.objects.all())
        ),
        _queue(
            user,
            ChangedListing,
            _("Published listings changed since review"),
            cached_count(ChangedListing.objects.all()),
        ),
        # Not cached per generation: a certificate expiring changes no listing, only the date.
        _queue(
            user,
            ReverificationDueListing,
            _("Listings due for re-verification"),
            ReverificationDueListing.objects.count(),
        ),
    ]
    Claim = claim_model()
    if Claim is not None:
        found.append(
            _queue(
                user,
                Claim,
                _("Pending claims"),
                Claim.objects.filter(status="pending").count(),
                "?status__exact=pending",
            )
        )
    found.append(
        _queue(
            user,
            ErrorReport,
            _("Error reports from the public"),
            ErrorReport.objects.filter(status=ErrorReport.Status.OPEN).count(),
            "?status__exact=open",
        )
    )
    return [q for q in found if q is not None]


def headline_numbers():
    """Listings per status and chain role, and listings not updated for over a year.

    Cached per directory generation and day: each count reads every listing.
    """
    stale_before = timezone.now() - STALE_AFTER
    numbers = cached(
        "headline_numbers", lambda: _count_headline_numbers(stale_before), key=stale_before.date()
    )
    numbers["stale_url"] = reverse("admin:directory_listing_changelist") + (
        f"?status__exact=published&updated_at__lt={stale_before.date().isoformat()}"
    )
    return numbers


def _count_headline_numbers(stale_before):
    statuses = Listing.Status.choices
    per_status = dict(Listing.objects.values_list("status").annotate(n=Count("pk")).order_by())
    cells = {}
    rows = (
        Listing.roles.through.objects.values_list("role_id", "listing__status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for role_id, status, n in rows:
        cells[(role_id, status)] = n
    by_role = [
        {"role": role, "counts": [cells.get((role.code, code), 0) for code, _label in statuses]}
        for role in Role.objects.order_by("position")
    ]
    stale_before = stale_before.replace(hour=0, minute=0, second=0, microsecond=0)
    return {
        "statuses": [label for _code, label in statuses],
        "status_counts": [per_status.get(code, 0) for code, _label in statuses],
        "total": sum(per_status.values()),
        "by_role": by_role,
        "stale": Listing.objects.published().filter(updated_at__lt=stale_before).count(),
    }
