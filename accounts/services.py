"""Writes of the company dashboard that span several models.

Each function takes keyword-only arguments, runs in one transaction and
raises ValidationError with a message for the user when it refuses. Emails
are queued in the same transaction (outbox): none for a write that rolled back.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from directory.models import Listing, ListingMembership, ListingPhoto
from ifn import ratelimit
from moderation import services as moderation
from outbox.services import email_forget, email_queue_template

from . import images
from .history import changes_since, listing_token
from .models import Claim, Invitation, User

Owner = ListingMembership.TeamRole.OWNER
Editor = ListingMembership.TeamRole.EDITOR


class ListingConflict(Exception):
    """Someone saved the listing after the form was loaded."""

    def __init__(self, *, changes, token):
        super().__init__("listing changed meanwhile")
        self.changes = changes
        self.token = token


def _send(**kwargs):
    """Every email goes through the outbox (stored, then delivered and retried by
    the task worker): a failing mail server never loses one nor fails a request."""
    email_queue_template(**kwargs)


# Invitations and join requests go to addresses a user types or chooses: each
# is limited per sender and per recipient address over a day, counted in the cache.
MAIL_LIMIT_PER_USER = 20
MAIL_LIMIT_PER_ADDRESS = 3
MAIL_LIMIT_PERIOD = 24 * 60 * 60


def _mail_allowance(*, kind, user, addresses):
    """The rate-limit keys one more such email would count against; raises when one is used up."""
    sender = f"{kind}:user:{user.pk}"
    if not ratelimit.allows(sender, limit=MAIL_LIMIT_PER_USER):
        raise ValidationError(
            _("You have sent %(limit)s of these emails in the last day. Try again tomorrow."),
            code="rate_limited",
            params={"limit": MAIL_LIMIT_PER_USER},
        )
    keys = [sender]
    for address in addresses:
        key = f"{kind}:to:{address.lower()}"
        if not ratelimit.allows(key, limit=MAIL_LIMIT_PER_ADDRESS):
            raise ValidationError(
                _(
                    "This address has already received %(limit)s of these emails in the last day. "
                    "Try again tomorrow."
                ),
                code="rate_limited",
                params={"limit": MAIL_LIMIT_PER_ADDRESS},
            )
        keys.append(key)
    return keys


def _count_mail(keys):
    for key in keys:
        ratelimit.count(key, period=MAIL_LIMIT_PERIOD)


def _lock(listing_id):
    """Lock a listing's row: team and gallery changes to one listing then run one at a time."""
    list(Listing.objects.select_for_update().filter(pk=listing_id).values_list("pk", flat=True))


# --- Listings -------------------------------------------------------------------


def listing_create(*, listing, m2m, user):
    """Save a new listing as a draft, owned by `user`."""
    with transaction.atomic():
        listing.status = Listing.Status.DRAFT
        listing.save_with_history(user=user, m2m=m2m)
        ListingMembership.objects.create(listing=listing, user=user, role=Owner)
    return listing


def listing_update(*, listing, m2m, user, token):
    """Save a company's edits unless someone else saved the listing since `token`.

    Edits to a published listing go live at once and are flagged for review.
    Raises ListingConflict (with what changed) instead of overwriting.
    """
    with transaction.atomic():
        current = Listing.objects.select_for_update().get(pk=listing.pk)
        if listing_token(current) != token:
            raise ListingConflict(changes=changes_since(current, token), token=listing_token(current))
        # Lifecycle fields are never the company's to set; take the stored ones
        # (the model refuses any other: directory/models/lifecycle.py).
        listing.status = current.status
        listing.rejection_reason = current.rejection_reason
        listing.verified, listing.verified_at = current.verified, current.verified_at
        listing.reviewed_at = current.reviewed_at
        listing.changed_since_review = current.changed_since_review or current.is_published
        listing.save_with_history(user=user, m2m=m2m)
    return listing


def listing_submit(*, listing, user):
    """Send a draft or rejected listing to BPIPI's moderators."""
    if not listing.can_be_submitted:
        raise ValidationError(_("Only drafts and rejected listings can be submitted."), code="not_draft")
    missing = listing.missing_for_review()
    if missing:
        raise ValidationError(
            _("Before submitting, fill in: %(fields)s."),
            code="incomplete",
            params={"fields": ", ".join(str(label) for label in missing)},
        )
    try:
        moderation.listing_submit(listing=listing, by=user)
    except moderation.DecisionError as error:
        raise ValidationError(error.message, code="not_draft") from error
    listing.refresh_from_db()
    return listing


# --- Logo and photos ----------------------------------------------------------


def listing_set_logo(*, listing, upload, user):
    """Replace the logo with a cleaned copy of `upload` (None removes it)."""
    new = None
    if upload is not None:
        new, _thumb = images.clean_image(upload, max_size=images.LOGO_SIZE)
    old = listing.logo.name
    with transaction.atomic():
        if new is None:
            listing.logo = ""
        else:
            listing.logo.save(new.name, new, save=False)
        if listing.is_published:
            listing.changed_since_review = True
        listing.save_with_history(user=user)
    if old:
        listing.logo.storage.delete(old)
    return listing


def photo_add(*, listing, upload, caption, user):
    """Add a photo (cleaned, with its thumbnail) at the end of the listing's gallery."""
    limit = settings.LISTING_MAX_PHOTOS
    too_many = ValidationError(
        _("A listing can have at most %(limit)s photos. Delete one first."),
        code="too_many_photos",
        params={"limit": limit},
    )
    if listing.photos.count() >= limit:
        raise too_many
    main, thumb = images.clean_image(upload, thumbnail_size=images.THUMBNAIL_SIZE)
    with transaction.atomic():
        _lock(listing.pk)
        if listing.photos.count() >= limit:
            raise too_many
        last = listing.photos.aggregate(last=Max("position"))["last"]
        photo = ListingPhoto(listing=listing, caption=caption, position=0 if last is None else last + 1)
        photo.image.save(main.name, main, save=False)
        photo.thumbnail.save(thumb.name, thumb, save=False)
        photo.save()
        if listing.is_published and not listing.changed_since_review:
            listing.changed_since_review = True
            listing.save_with_history(user=user)
    return photo


def photo_delete(*, photo):
    """Delete a photo and its files."""
    names = [photo.image.name, photo.thumbnail.name]
    storage = photo.image.storage
    photo.delete()
    for name in names:
        if name:
            storage.delete(name)


def photo_move(*, photo, offset):
    """Move a photo `offset` places (-1 up, +1 down) in its listing's gallery."""
    with transaction.atomic():
        _lock(photo.listing_id)
        photos = list(ListingPhoto.objects.filter(listing=photo.listing_id))
        index = next(i for i, p in enumerate(photos) if p.pk == photo.pk)
        target = index + offset
        if 0 <= target < len(photos):
            photos[index], photos[target] = photos[target], photos[index]
        for position, item in enumerate(photos):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])


# --- Claims -------------------------------------------------------------------


def claim_create(*, listing, user, position, nib, document, message):
    """File a claim on an unclaimed published listing; it waits for BPIPI staff."""
    if listing.memberships.filter(role=Owner).exists():
        raise ValidationError(_("This listing already has an owner."), code="owned")
    cleaned = images.clean_document(document)
    claim = Claim(listing=listing, user=user, position=position, nib=nib, message=message)
    claim.document.save(cleaned.name, cleaned, save=False)
    try:
        with transaction.atomic():
            claim.save()
    except BaseException as error:
        # No claim, no document: a file nobody refers to would stay forever.
        claim.document.storage.delete(claim.document.name)
        if isinstance(error, IntegrityError):
            raise ValidationError(
                _("You already have a claim waiting for this listing."), code="duplicate_claim"
            ) from None
        raise
    return claim


def claim_approve(*, claim, by):
    """Approve a pending claim: the claimant becomes an owner of the listing and is told by email."""
    with transaction.atomic():
        claim = Claim.objects.select_for_update().select_related("listing", "user").get(pk=claim.pk)
        if claim.status != Claim.Status.PENDING:
            raise ValidationError(_("This claim has already been decided."), code="decided")
        ListingMembership.objects.update_or_create(
            listing=claim.listing, user=claim.user, defaults={"role": Owner}
        )
        claim.status = Claim.Status.APPROVED
        claim.decided_by, claim.decided_at = by, timezone.now()
        claim.save()
        _send(
            to=claim.user.email,
            subject=_("Your claim was approved"),
            template="accounts/email/claim_approved.txt",
            context={"claim": claim},
            language=claim.user.language,
        )
        # The listing has its owner now: the other claims on it are closed, and
        # their claimants told so (they can still ask the new owner to join).
        competing = (
            Claim.objects.select_for_update()
            .select_related("listing", "user")
            .filter(listing=claim.listing, status=Claim.Status.PENDING)
        )
        for other in competing:
            with translation.override(other.user.language or settings.LANGUAGE_CODE):
                other.decision_reason = str(
                    _("Another claim on this listing was approved. Ask its owner to add you to the team.")
                )
            other.status = Claim.Status.REJECTED
            other.decided_by, other.decided_at = by, claim.decided_at
            other.save()
            _tell_claimant_rejected(other)
    return claim


def claim_reject(*, claim, by, reason):
    """Reject a pending claim with a reason that is emailed to the claimant."""
    if not (reason or "").strip():
        raise ValidationError(_("Give the claimant a reason."), code="reason_required")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().select_related("listing", "user").get(pk=claim.pk)
        if claim.status != Claim.Status.PENDING:
            raise ValidationError(_("This claim has already been decided."), code="decided")
        claim.status = Claim.Status.REJECTED
        claim.decision_reason = reason.strip()
        claim.decided_by, claim.decided_at = by, timezone.now()
        claim.save()
        _tell_claimant_rejected(claim)
    return claim


def _tell_claimant_rejected(claim):
    """Queue the rejection notice, with the claim's reason, in the claimant's language."""
    _send(
        to=claim.user.email,
        subject=_("Your claim was not approved"),
        template="accounts/email/claim_rejected.txt",
        context={"claim": claim},
        language=claim.user.language,
    )


def join_request_send(*, listing, user, message):
    """Ask the owners of an already-owned listing to invite `user` (rate-limited)."""
    owners = list(listing.memberships.filter(role=Owner).select_related("user"))
    keys = _mail_allowance(kind="join", user=user, addresses=[m.user.email for m in owners])
    with transaction.atomic():
        for membership in owners:
            _send(
                to=membership.user.email,
                subject=_("%(email)s asks to join %(listing)s"),
                subject_params={"email": user.email, "listing": listing.name},
                template="accounts/email/join_request.txt",
                context={"listing": listing, "requester": user, "message": message},
                language=membership.user.language,
            )
    _count_mail(keys)


# --- Team ---------------------------------------------------------------------


def invitation_create(*, listing, email, by):
    """Invite `email` to edit the listing; the emailed link works before sign-up too (rate-limited)."""
    email = email.strip().lower()
    if listing.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already in this team."), code="member", params={"email": email})
    keys = _mail_allowance(kind="invite", user=by, addresses=[email])
    with transaction.atomic():
        invitation = Invitation.objects.create(
            listing=listing, email=email, invited_by=by, token=get_random_string(48)
        )
        _send(
            to=email,
            subject=_("You are invited to edit %(listing)s"),
            subject_params={"listing": listing.name},
            template="accounts/email/invitation.txt",
            context={"invitation": invitation, "listing": listing, "inviter": by},
            language=_language_of(email, default=by.language),
        )
    _count_mail(keys)
    return invitation


def _language_of(email, *, default):
    """The language of the account at `email`, else `default` (the sender's: they
    likely share one)."""
    return User.objects.filter(email__iexact=email).values_list("language", flat=True).first() or default


def invitation_accept(*, invitation, user):
    """Make `user` an editor of the invitation's listing (an owner stays owner)."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise ValidationError(
                _("This invitation has expired or was already used. Ask the owner for a new one."),
                code="closed",
            )
        # The link was sent to one address; a forwarded link does not open the team to others.
        if user.email.lower() != invitation.email.lower():
            raise ValidationError(
                _("This invitation was sent to %(email)s. Sign in with that address to accept it."),
                code="other_address",
                params={"email": invitation.email},
            )
        ListingMembership.objects.get_or_create(
            listing=invitation.listing, user=user, defaults={"role": Editor}
        )
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
        invitation.save()
    return invitation


def _other_owners(membership):
    return ListingMembership.objects.filter(listing=membership.listing_id, role=Owner).exclude(
        pk=membership.pk
    )


def member_remove(*, membership, by):
    """Remove someone from a listing's team; the last owner cannot be removed."""
    with transaction.atomic():
        _lock(membership.listing_id)
        if membership.role == Owner and not _other_owners(membership).exists():
            raise ValidationError(
                _("A listing always needs an owner. Hand over ownership first."), code="last_owner"
            )
        membership.delete()


def ownership_hand_over(*, membership, by):
    """Make `membership`'s user an owner and `by` an editor of the same listing."""
    with transaction.atomic():
        _lock(membership.listing_id)
        mine = ListingMembership.objects.get(listing=membership.listing_id, user=by)
        if mine.role != Owner:
            raise ValidationError(_("Only an owner can hand over ownership."), code="not_owner")
        if membership.pk == mine.pk:
            raise ValidationError(_("You already own this listing."), code="self")
        membership.role = Owner
        membership.save(update_fields=["role"])
        mine.role = Editor
        mine.save(update_fields=["role"])


# --- Accounts -----------------------------------------------------------------


def user_delete(*, user):
    """Delete an account and the person's data.

    Listings the user co-owns stay with the other owners; listings the user
    alone owned go back to unclaimed (no team), not deleted. History entries
    keep the change but lose the name of who made it; emails to the address
    leave the outbox.
    """
    with transaction.atomic():
        memberships = list(ListingMembership.objects.filter(user=user, role=Owner))
        for membership in memberships:
            _lock(membership.listing_id)
            if not _other_owners(membership).exists():
                ListingMembership.objects.filter(listing=membership.listing_id).delete()
        documents = [claim.document.name for claim in user.claims.all()]
        Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
        email_forget(to=user.email)
        user.delete()
    for name in documents:
        if name:
            Claim._meta.get_field("document").storage.delete(name)
