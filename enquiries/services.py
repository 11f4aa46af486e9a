"""Enquiries: store, deliver, answer, forward.

Each function takes keyword-only arguments and runs in one transaction. An
enquiry is saved first; its emails are stored in the outbox and queued in the
same transaction, so a mail server that is down loses nothing: the worker
retries, and staff see every enquiry and the state of each delivery in the
admin. The owners' addresses never reach the buyer; the buyer's address is
the emails' Reply-To, so owners can answer from their own mailbox too.
"""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import ListingMembership
from outbox.services import email_queue_template

from .models import Enquiry, Reply, ResponseStats

FIELDS = ["name", "email", "company", "country", "product", "quantity", "target_date", "message", "language"]


def staff_recipients():
    """[(email, language)] of the BPIPI staff who receive enquiries to unclaimed listings.

    ENQUIRY_STAFF_EMAILS when set; otherwise the active staff accounts allowed
    to handle enquiries (the BPIPI moderator group, superusers).
    """
    if settings.ENQUIRY_STAFF_EMAILS:
        return [(email, settings.LANGUAGE_CODE) for email in settings.ENQUIRY_STAFF_EMAILS]
    allowed = Q(is_superuser=True) | Q(
        groups__permissions__codename="change_enquiry",
        groups__permissions__content_type__app_label="enquiries",
    )
    users = (
        get_user_model().objects.filter(allowed, is_active=True, is_staff=True).distinct().order_by("email")
    )
    return list(users.values_list("email", "language"))


def _owners(listing):
    owners = ListingMembership.objects.filter(listing=listing, role=ListingMembership.TeamRole.OWNER)
    return list(owners.order_by("user__email").values_list("user__email", "user__language"))


def enquiry_send(*, listings, data, is_demo=False):
    """Store one enquiry per listing from `data` (the form's fields) and queue its emails.

    A listing with owners: each owner gets the enquiry, in the owner's language.
    An unclaimed listing: BPIPI staff get it to forward. Returns the enquiries.
    """
    values = {name: data.get(name) for name in FIELDS}
    values = {
        name: ("" if value is None and name != "target_date" else value) for name, value in values.items()
    }
    batch = uuid.uuid4() if len(listings) > 1 else None
    enquiries = []
    with transaction.atomic():
        for listing in listings:
            recipients = _owners(listing)
            enquiry = Enquiry.objects.create(
                listing=listing, batch=batch, routed_to_staff=not recipients, is_demo=is_demo, **values
            )
            template = "enquiries/email/enquiry.txt"
            if not recipients:
                recipients, template = staff_recipients(), "enquiries/email/enquiry_for_staff.txt"
            for to, language in recipients:
                email = email_queue_template(
                    to=to,
                    subject=_("Enquiry from %(name)s for %(listing)s"),
                    subject_params={"name": enquiry.name, "listing": listing.name},
                    template=template,
                    context={"enquiry": enquiry, "listing": listing},
                    language=language,
                    reply_to=enquiry.email,
                )
                enquiry.emails.add(email)
            ResponseStats.refresh(listing.pk)
            enquiries.append(enquiry)
    return enquiries


def _locked(enquiry):
    return Enquiry.objects.select_for_update(of=("self",)).select_related("listing").get(pk=enquiry.pk)


def _answered(enquiry, by):
    if enquiry.status != Enquiry.Status.ANSWERED:
        enquiry.status = Enquiry.Status.ANSWERED
        enquiry.answered_at, enquiry.answered_by = timezone.now(), by
        enquiry.save()
        ResponseStats.refresh(enquiry.listing_id)


def enquiry_mark_answered(*, enquiry, by):
    """Mark the enquiry answered (by phone, WhatsApp or the owner's own mailbox)."""
    with transaction.atomic():
        enquiry = _locked(enquiry)
        _answered(enquiry, by)
    return enquiry


def enquiry_reply(*, enquiry, body, by):
    """Send the owner's reply to the buyer, in the buyer's language; the enquiry is then answered.

    The buyer's answer goes to the replying owner (Reply-To).
    """
    if not body.strip():
        raise ValidationError(_("Write your reply first."), code="empty")
    with transaction.atomic():
        enquiry = _locked(enquiry)
        reply = Reply.objects.create(enquiry=enquiry, body=body.strip(), by=by)
        reply.email = email_queue_template(
            to=enquiry.email,
            subject=_("Re: your enquiry to %(listing)s"),
            subject_params={"listing": enquiry.listing.name},
            template="enquiries/email/reply.txt",
            context={"enquiry": enquiry, "reply": reply, "listing": enquiry.listing},
            language=enquiry.language,
            reply_to=by.email,
        )
        reply.save(update_fields=["email"])
        _answered(enquiry, by)
    return reply


def enquiry_forward(*, enquiry, to, by, note=""):
    """Staff forward an enquiry (usually one to an unclaimed listing) to an address they know."""
    with transaction.atomic():
        enquiry = _locked(enquiry)
        email = email_queue_template(
            to=to,
            subject=_("Enquiry from %(name)s for %(listing)s"),
            subject_params={"name": enquiry.name, "listing": enquiry.listing.name},
            template="enquiries/email/enquiry.txt",
            context={"enquiry": enquiry, "listing": enquiry.listing, "forwarded": True, "note": note},
            language=settings.LANGUAGE_CODE,
            reply_to=enquiry.email,
        )
        enquiry.emails.add(email)
        enquiry.forwarded_to, enquiry.forwarded_at, enquiry.forwarded_by = to, timezone.now(), by
        enquiry.save()
    return enquiry
