"""Moderation decisions on listings: the only way a listing's status,
verification and review flags change.

Each decision changes the listing, records a Decision (who, when, what, why)
and queues an email to the listing's owners, all in one transaction. The
listing model refuses these changes anywhere else (directory/models/lifecycle.py).
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.files import File
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from directory.models import CertificateCheck, Certification, Listing, Verification, lifecycle_change

from .models import Decision
from .notifications import notify_owners

Status = Listing.Status
Action = Decision.Action

# Decisions the owners take themselves: recorded, but nobody is emailed about them.
SILENT = {Action.SUBMIT}

# Which statuses each decision applies to. Approving a published listing
# accepts the changes made since its last review.
APPLIES_TO = {
    Action.SUBMIT: set(Listing.SUBMITTABLE),
    Action.APPROVE: {Status.PENDING, Status.DRAFT, Status.REJECTED, Status.PUBLISHED},
    Action.REJECT: {Status.PENDING, Status.DRAFT, Status.PUBLISHED},
    Action.REQUEST_CHANGES: {Status.PENDING, Status.PUBLISHED},
    Action.VERIFY: {Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.REJECTED},
    Action.UNPUBLISH: {Status.PUBLISHED},
    Action.ARCHIVE: {Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.REJECTED},
}

REASON_REQUIRED = {Action.REJECT, Action.REQUEST_CHANGES}


class DecisionError(Exception):
    """A decision that does not apply: the message says why, for the moderator."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _decide(*, listing, by, action, reason, change):
    reason = (reason or "").strip()
    if action in REASON_REQUIRED and not reason:
        raise DecisionError(_("Give the owners a reason."))
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=listing.pk)
        if listing.status not in APPLIES_TO[action]:
            raise DecisionError(
                _("“%(listing)s” is %(status)s: “%(decision)s” does not apply to it.")
                % {
                    "listing": listing,
                    "status": listing.get_status_display().lower(),
                    "decision": Action(action).label,
                }
            )
        if (
            action == Action.VERIFY
            and listing.verified
            and not Listing.objects.reverification_due().filter(pk=listing.pk).exists()
        ):
            raise DecisionError(_("“%(listing)s” is already verified.") % {"listing": listing})
        from_status = listing.status
        fields = change(listing, reason)
        # A decision is not an edit of the listing: updated_at keeps the owners' last change.
        with lifecycle_change():
            listing.save(update_fields=fields)
        decision = Decision.objects.create(
            listing=listing,
            actor=by,
            action=action,
            reason=reason,
            from_status=from_status,
            to_status=listing.status,
        )
        if action not in SILENT:
            notify_owners(decision)
    return decision


def listing_submit(*, listing, by):
    """The owners send a draft or rejected listing to the moderators' queue.

    What the listing must contain first is the company dashboard's to check
    (accounts.services.listing_submit); this records the step.
    """

    def change(listing, reason):
        listing.status = Status.PENDING
        listing.rejection_reason = ""
        return ["status", "rejection_reason"]

    return _decide(listing=listing, by=by, action=Action.SUBMIT, reason="", change=change)


def listing_approve(*, listing, by, reason=""):
    """Publish a listing (or accept its changes since the last review)."""

    def change(listing, reason):
        listing.status = Status.PUBLISHED
        listing.rejection_reason = ""
        listing.reviewed_at = timezone.now()
        listing.changed_since_review = False
        return ["status", "rejection_reason", "reviewed_at", "changed_since_review"]

    return _decide(listing=listing, by=by, action=Action.APPROVE, reason=reason, change=change)


def listing_reject(*, listing, by, reason):
    """Reject a listing; the reason is required and shown to the owners."""

    def change(listing, reason):
        listing.status = Status.REJECTED
        listing.rejection_reason = reason
        listing.reviewed_at = timezone.now()
        listing.changed_since_review = False
        return ["status", "rejection_reason", "reviewed_at", "changed_since_review"]

    return _decide(listing=listing, by=by, action=Action.REJECT, reason=reason, change=change)


def listing_request_changes(*, listing, by, reason):
    """Ask the owners to change something. A pending listing goes back to draft;
    a published one stays online while they fix it."""

    def change(listing, reason):
        if listing.status == Status.PENDING:
            listing.status = Status.DRAFT
        listing.reviewed_at = timezone.now()
        listing.changed_since_review = False
        return ["status", "reviewed_at", "changed_since_review"]

    return _decide(listing=listing, by=by, action=Action.REQUEST_CHANGES, reason=reason, change=change)


@dataclass
class CertificateEvidence:
    """One certificate BPIPI saw."""

    certification: Certification
    number: str
    issuer: str
    expires_on: date | None


@dataclass
class Evidence:
    """What BPIPI checked before verifying a listing."""

    nib_confirmed: bool = False
    site_visit_on: date | None = None
    document: File | None = None
    certificates: list[CertificateEvidence] = field(default_factory=list)


def check_evidence(listing, evidence):
    """Refuse (DecisionError) a verification without the evidence it needs."""
    legal_form = listing.get_legal_form_display() or _("business")
    if listing.needs_nib and not listing.nib:
        raise DecisionError(
            _(
                "“%(listing)s” has no NIB. A %(legal_form)s is verified on its NIB: add it to the listing first."
            )
            % {"listing": listing, "legal_form": legal_form}
        )
    if listing.needs_nib and not evidence.nib_confirmed:
        raise DecisionError(
            _("Confirm the NIB in OSS before verifying: a %(legal_form)s has one.")
            % {"legal_form": legal_form}
        )
    if not (evidence.nib_confirmed or evidence.site_visit_on or evidence.certificates):
        raise DecisionError(_("Record what BPIPI checked: the NIB, a site visit or a certificate."))
    today = timezone.localdate()
    if evidence.site_visit_on and evidence.site_visit_on > today:
        raise DecisionError(_("The site visit cannot be in the future."))
    seen = set()
    for certificate in evidence.certificates:
        name = certificate.certification.label
        if not (certificate.number.strip() and certificate.issuer.strip() and certificate.expires_on):
            raise DecisionError(
                _("Give the number, the issuer and the expiry date of the %(certification)s certificate.")
                % {"certification": name}
            )
        if certificate.expires_on < today:
            raise DecisionError(
                _("The %(certification)s certificate expired on %(date)s: it cannot support the badge.")
                % {"certification": name, "date": formats.date_format(certificate.expires_on)}
            )
        if certificate.certification.pk in seen:
            raise DecisionError(
                _("The %(certification)s certificate is listed twice.") % {"certification": name}
            )
        seen.add(certificate.certification.pk)


def listing_verify(*, listing, by, evidence, reason=""):
    """Give a listing the BPIPI-verified badge, dated today, on recorded evidence.

    Refuses without the NIB confirmed (for legal forms that have one) or
    without anything checked at all. Re-verifying is allowed when the
    listing is due (a checked certificate expired).
    """
    check_evidence(listing, evidence)

    def change(listing, reason):
        verification = Verification(
            listing=listing,
            nib_confirmed=evidence.nib_confirmed,
            site_visit_on=evidence.site_visit_on,
            checked_by=by,
        )
        if evidence.document:
            verification.document.save(evidence.document.name, evidence.document, save=False)
        verification.save()
        CertificateCheck.objects.bulk_create(
            CertificateCheck(
                verification=verification,
                certification=c.certification,
                number=c.number.strip(),
                issuer=c.issuer.strip(),
                expires_on=c.expires_on,
            )
            for c in evidence.certificates
        )
        listing.verified = True
        listing.verified_at = verification.checked_at
        return ["verified", "verified_at"]

    return _decide(listing=listing, by=by, action=Action.VERIFY, reason=reason, change=change)


def listing_unpublish(*, listing, by, reason=""):
    """Take a published listing offline; it goes back to draft."""

    def change(listing, reason):
        listing.status = Status.DRAFT
        return ["status"]

    return _decide(listing=listing, by=by, action=Action.UNPUBLISH, reason=reason, change=change)


def listing_archive(*, listing, by, reason=""):
    """Archive a listing: it leaves the directory and every queue."""

    def change(listing, reason):
        listing.status = Status.ARCHIVED
        return ["status"]

    return _decide(listing=listing, by=by, action=Action.ARCHIVE, reason=reason, change=change)


SERVICES = {
    Action.APPROVE: listing_approve,
    Action.REJECT: listing_reject,
    Action.REQUEST_CHANGES: listing_request_changes,
    Action.VERIFY: listing_verify,
    Action.UNPUBLISH: listing_unpublish,
    Action.ARCHIVE: listing_archive,
}


def listing_decide(*, listing, by, action, reason="", evidence=None):
    """Apply the decision named by `action` (a Decision.Action) to a listing.

    Verifying needs `evidence` (an Evidence); without it the decision is refused.
    """
    if action == Action.VERIFY:
        return listing_verify(listing=listing, by=by, reason=reason, evidence=evidence or Evidence())
    return SERVICES[action](listing=listing, by=by, reason=reason)
