"""The chain's order: who works upstream and downstream of whom.

A listing's page shows the members of the stages next to its own, nearby
("upstream and downstream near you"): material sources and suppliers near a
producer, producers near a supplier, brands near a producer that makes for
them.
"""

from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from .models import Listing, Role

Code = Role.Code

# Whom each stage buys from. Organisations support every stage, outside the flow.
UPSTREAM = {
    Code.MATERIAL: [],
    Code.SUPPLIER: [Code.MATERIAL],
    Code.PRODUCER: [Code.MATERIAL, Code.SUPPLIER],
    Code.BRAND: [Code.PRODUCER],
    Code.ORGANISATION: [],
}
DOWNSTREAM = {code: [other for other, sources in UPSTREAM.items() if code in sources] for code in UPSTREAM}
NEAR_LIMIT = 4


def upstream_of(role_codes):
    """The roles that supply any of `role_codes`, in chain order, minus the listing's own."""
    return _around(role_codes, UPSTREAM)


def downstream_of(role_codes):
    return _around(role_codes, DOWNSTREAM)


def _around(role_codes, direction):
    found = {other for code in role_codes for other in direction.get(code, [])} - set(role_codes)
    return [code for code in Code.values if code in found]


def _nearby(listing, role_codes):
    """Published listings with any of `role_codes`, same regency first, then the province.

    Read in index order (listing_similar_regency_idx, listing_similar_province_idx),
    verified and recently updated first, at most NEAR_LIMIT rows per step.
    """
    has_role = Exists(Listing.roles.through.objects.filter(listing=OuterRef("pk"), role__in=role_codes))
    candidates = (
        Listing.objects.published()
        .filter(has_role)
        .exclude(pk=listing.pk)
        .order_by("-verified", "-updated_at", "-pk")
        .select_related("regency")
    )
    found = list(candidates.filter(regency=listing.regency_id)[:NEAR_LIMIT])
    if len(found) < NEAR_LIMIT:
        found += candidates.filter(province=listing.province_id).exclude(regency=listing.regency_id)[
            : NEAR_LIMIT - len(found)
        ]
    return found


def neighbours(listing):
    """[(heading, role codes, listings)] upstream then downstream of the listing, nearby;
    a direction with no role or nobody nearby is left out."""
    own = [role.code for role in listing.roles.all()]
    sections = []
    for heading, codes in [
        (_("Upstream near you"), upstream_of(own)),
        (_("Downstream near you"), downstream_of(own)),
    ]:
        if codes:
            found = _nearby(listing, codes)
            if found:
                sections.append((heading, codes, found))
    prefetch_related_objects([other for _h, _c, found in sections for other in found], "roles")
    return sections
