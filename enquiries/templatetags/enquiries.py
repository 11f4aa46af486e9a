"""The enquiry parts other apps' pages include: the button and hint on a listing's
page, the "ask these listings" link on the directory's results, the dashboard summary."""

from django import template
from django.db.models import Count, Q

from directory.models import ListingMembership

from ..forms import MAX_LISTINGS
from ..models import Enquiry, ResponseStats

register = template.Library()


@register.inclusion_tag("enquiries/_listing_box.html")
def enquiry_box(listing):
    """'Send an enquiry' and, with enough answered enquiries, "usually answers within N days"."""
    hint = ResponseStats.objects.filter(listing=listing).values_list("hint_days", flat=True).first()
    return {"listing": listing, "hint_days": hint}


@register.inclusion_tag("enquiries/_ask_results.html")
def ask_results(listings):
    """A link to one enquiry for the listings shown (the directory's current page of results)."""
    return {"slugs": [listing.slug for listing in listings], "max_listings": MAX_LISTINGS}


@register.simple_tag
def new_enquiries(user):
    """[(listing name, slug, number of enquiries not answered yet)] of the user's listings that have some."""
    listings = ListingMembership.objects.filter(user=user).values("listing")
    rows = (
        Enquiry.objects.filter(listing__in=listings)
        .values("listing__name", "listing__slug")
        .annotate(n=Count("pk", filter=Q(status=Enquiry.Status.NEW)))
        .filter(n__gt=0)
        .order_by("listing__name")
    )
    return [(row["listing__name"], row["listing__slug"], row["n"]) for row in rows]
