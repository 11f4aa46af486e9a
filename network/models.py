"""Edits that a community proposes to its unclaimed members' listings, for BPIPI to review.

Rosters and supply links themselves are directory data (directory/models/network.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Listing

# The facts a community may know better than an unclaimed listing shows;
# never its name, roles, place or status, which decide what the listing is.
PROPOSABLE_FIELDS = [
    "description",
    "description_en",
    "address",
    "postal_code",
    "contact_person",
    "phone",
    "whatsapp",
    "email",
    "website",
    "instagram",
    "facebook",
    "size",
    "year_founded",
]


class EditProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=EditProposal.Status.PENDING)


class EditProposal(models.Model):
    """A community's proposed changes to an unclaimed member listing.

    Nothing changes on the listing until a BPIPI moderator accepts the
    proposal in the admin; the listing's history then records the moderator
    as the author of the change.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="edit_proposals", verbose_name=_("listing")
    )
    organisation = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="+", verbose_name=_("proposed by organisation")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    changes = models.JSONField(_("proposed values"), help_text=_("Field name → proposed value."))
    note = models.CharField(_("note for BPIPI"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    decided_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Sent to the organisation when the proposal is rejected.")
    )

    objects = EditProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposed edit")
        verbose_name_plural = _("proposed edits")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "rejected"]), name="editproposal_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""),
                name="editproposal_rejected_has_reason",
                violation_error_message=_("Give the organisation a reason."),
            ),
        ]
        indexes = [
            # The moderators' queue: pending proposals, oldest first.
            models.Index(fields=["status", "created_at"], name="editproposal_status_idx"),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.listing}"

    def rows(self):
        """[(label, current value, proposed value)] for each proposed field, for review."""
        rows = []
        for name, value in self.changes.items():
            field = Listing._meta.get_field(name)
            current = getattr(self.listing, name)
            if field.choices:
                current = getattr(self.listing, f"get_{name}_display")()
                value = dict(field.flatchoices).get(value, value)
            rows.append((field.verbose_name, "" if current is None else str(current), value))
        return rows
