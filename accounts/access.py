"""Who may touch which listing in the company dashboard.

Every dashboard view fetches its listing through `get_listing_for_user`,
never by slug or id alone. Views are also wrapped in `login_required`, so an
anonymous visitor is sent to log in before this runs.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from directory.models import ListingMembership

from .models import Claim

# Deciding claims (approve, reject) is what lets a user read their documents.
CLAIM_MODERATION_PERMISSION = "accounts.change_claim"


def get_listing_for_user(request, slug, *, owner_only=False):
    """Return the listing with this slug if the user is its owner (or editor, unless owner_only).

    Anyone else, BPIPI staff included, gets a 404: staff work through the
    admin, and a 404 does not reveal that a draft exists.
    """
    user = request.user
    if not user.is_authenticated:
        raise Http404
    roles = [ListingMembership.TeamRole.OWNER]
    if not owner_only:
        roles.append(ListingMembership.TeamRole.EDITOR)
    membership = get_object_or_404(
        ListingMembership.objects.select_related("listing"), listing__slug=slug, user=user, role__in=roles
    )
    listing = membership.listing
    # Templates show owner-only actions from this, without another query.
    listing.user_role = membership.role
    return listing


def get_claim_for_moderator(request, pk):
    """Return the claim if the user may moderate claims; other staff get a 403.

    A claim's document (a deed, an NIB certificate) is private: being staff
    is not enough, the claim-moderation permission is.
    """
    if not request.user.has_perm(CLAIM_MODERATION_PERMISSION):
        raise PermissionDenied
    return get_object_or_404(Claim, pk=pk)
