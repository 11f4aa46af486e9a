"""The network's numbers, counted over published listings, confirmed links and enquiries.

Everything is computed in one pass of a few aggregate queries and kept with
`directory.counts.cached` under the directory generation, like every other
count of the portal; the key also holds today's date, because enquiries (and
the months themselves) change without a directory write. Values are plain
codes and numbers; labels are added in the page's language when shown.
"""

from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from directory.counts import cached
from directory.models import Category, Listing, Role, SupplyLink, role_counts
from enquiries.models import Enquiry

MONTHS = 24
TOP_CATEGORIES = 15
# The chain's stages in order; organisations support all of them and stand apart.
STAGES = [Role.Code.MATERIAL, Role.Code.SUPPLIER, Role.Code.PRODUCER, Role.Code.BRAND]


def month_starts(today, count=MONTHS):
    """The first days of the last `count` months, oldest first, this month last."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _by_month(queryset, field, months):
    """{month start: count} of the queryset's rows by `field`'s month, from the first month on."""
    rows = (
        queryset.filter(**{f"{field}__date__gte": months[0]})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in rows:
        month = row["month"]
        month = month.date() if hasattr(month, "date") else month
        counts[month.replace(day=1)] = counts.get(month.replace(day=1), 0) + row["n"]
    return counts


def _first_role(field):
    """The most upstream role of the link's `field` side (supplier or customer)."""
    return Subquery(
        Listing.roles.through.objects.filter(listing=OuterRef(field))
        .order_by("role__position")
        .values("role")[:1]
    )


def compute(today):
    published = Listing.objects.published()
    months = month_starts(today)
    totals = published.aggregate(
        total=Count("pk"),
        verified=Count("pk", filter=Q(verified=True)),
        before=Count("pk", filter=Q(created_at__date__lt=months[0])),
        **{f"size_{code}": Count("pk", filter=Q(size=code)) for code in Listing.Size.values},
    )
    provinces = list(
        published.order_by()
        .values("province", "province__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "province__name")
    )
    categories = list(
        Listing.categories.through.objects.filter(listing__in=published.values("pk"))
        .values("category")
        .annotate(n=Count("listing"))
        .order_by("-n", "category")[:TOP_CATEGORIES]
    )
    names = {
        c.pk: (c.role_id, c.slug, c.name, c.name_en)
        for c in Category.objects.filter(pk__in=[r["category"] for r in categories])
    }
    links = list(
        SupplyLink.objects.public()
        .annotate(source=_first_role("supplier"), target=_first_role("customer"))
        .values("source", "target")
        .annotate(n=Count("pk"))
        .order_by()
    )
    growth = _by_month(published, "created_at", months)
    enquiries = _by_month(Enquiry.objects.all(), "created_at", months)
    return {
        "total": totals["total"],
        "verified": totals["verified"],
        "sizes": [(code, totals[f"size_{code}"]) for code in Listing.Size.values],
        "provinces": [(row["province"], row["province__name"], row["n"]) for row in provinces],
        "categories": [(*names[row["category"]], row["n"]) for row in categories if row["category"] in names],
        "links": [
            (row["source"], row["target"], row["n"]) for row in links if row["source"] and row["target"]
        ],
        "growth": {"before": totals["before"], "months": [(month, growth.get(month, 0)) for month in months]},
        "enquiries": [(month, enquiries.get(month, 0)) for month in months],
    }


def network_numbers():
    """The statistics page's numbers (see compute()), cached per generation and day."""
    today = timezone.localdate()
    numbers = cached("statistics", lambda: compute(today), key=today.isoformat())
    return {**numbers, "roles": role_counts()}
