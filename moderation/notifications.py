"""Emails to listing owners about moderation decisions, each in the owner's language."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from directory.models import ListingMembership
from outbox.services import email_queue

from .models import Decision

Action = Decision.Action

SUBJECTS = {
    Action.APPROVE: _("Your listing “%(name)s” is published"),
    Action.REJECT: _("Your listing “%(name)s” was not approved"),
    Action.REQUEST_CHANGES: _("Please update your listing “%(name)s”"),
    Action.VERIFY: _("“%(name)s” is now verified by BPIPI"),
    Action.UNPUBLISH: _("“%(name)s” was taken offline"),
    Action.ARCHIVE: _("“%(name)s” was archived"),
}

INTROS = {
    Action.APPROVE: _("BPIPI has reviewed your listing. It is published in the IFN Directory."),
    Action.REJECT: _("BPIPI has reviewed your listing and cannot publish it as it is."),
    Action.REQUEST_CHANGES: _("BPIPI has reviewed your listing and asks you to change something."),
    Action.VERIFY: _(
        "BPIPI has checked your company. Your listing now carries the BPIPI-verified badge, dated today."
    ),
    Action.UNPUBLISH: _("BPIPI has taken your listing offline. It is no longer visible in the directory."),
    Action.ARCHIVE: _("BPIPI has archived your listing. It is no longer part of the directory."),
}


def owners(listing):
    """Active users who own the listing."""
    return [
        m.user
        for m in listing.memberships.filter(role=ListingMembership.TeamRole.OWNER, user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    ]


# Decisions after which the owner wants to see the listing as the public does.
SHOW_PUBLIC_PAGE = {Action.APPROVE, Action.VERIFY}


def action_url(listing, action=None):
    """Where the owner goes from the email, in the active language: the public
    page of a listing just published or verified, else its page in the
    company dashboard, to act on the decision."""
    if action in SHOW_PUBLIC_PAGE:
        return settings.SITE_URL + listing.get_absolute_url()
    return settings.SITE_URL + reverse("accounts:listing_edit", kwargs={"slug": listing.slug})


def render_decision_email(decision, user):
    """(subject, body) for one owner, in that owner's language."""
    listing = decision.listing
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = str(SUBJECTS[decision.action] % {"name": listing.name})
        body = render_to_string(
            "moderation/email/decision.txt",
            {
                "user": user,
                "listing": listing,
                "decision": decision,
                "intro": INTROS[decision.action],
                "link": action_url(listing, decision.action),
            },
        )
    return subject, body


def notify_owners(decision):
    """Queue an email to every owner of the decided listing, in the decision's
    transaction. A listing nobody has claimed gets no email."""
    with transaction.atomic():
        for user in owners(decision.listing):
            subject, body = render_decision_email(decision, user)
            email_queue(to=user.email, subject=subject, body=body, language=user.language)
