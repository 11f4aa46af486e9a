from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Listing
from directory.validators import PlainTextMixin


class Decision(PlainTextMixin, models.Model):
    """The audit record of one change of a listing's lifecycle: who, when, what, why.

    Moderators' decisions, and the owners' submission for review: every
    status change of a listing is one of these (directory/models/lifecycle.py).
    """

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        REQUEST_CHANGES = "changes", _("Changes requested")
        VERIFY = "verify", _("Verified by BPIPI")
        UNPUBLISH = "unpublish", _("Unpublished")
        ARCHIVE = "archive", _("Archived")
        IMPORT = "import", _("Imported")

    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("listing")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderation_decisions",
        verbose_name=_("decided by"),
    )
    action = models.CharField(_("decision"), max_length=10, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Sent to the owners with the decision."))
    from_status = models.CharField(_("status before"), max_length=10, choices=Listing.Status.choices)
    to_status = models.CharField(_("status after"), max_length=10, choices=Listing.Status.choices)
    created_at = models.DateTimeField(_("decided on"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["-created_at", "-id"]
        permissions = [("moderate_listing", _("Can approve, reject, verify, unpublish and archive listings"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    action__in=[
                        "submit",
                        "approve",
                        "reject",
                        "changes",
                        "verify",
                        "unpublish",
                        "archive",
                        "import",
                    ]
                ),
                name="decision_action_valid",
            ),
            models.CheckConstraint(
                condition=~Q(action__in=["reject", "changes"]) | ~Q(reason=""),
                name="decision_reject_has_reason",
                violation_error_message=_("Give the owners a reason."),
            ),
        ]
        indexes = [
            # The decision history on a listing's admin page, newest first.
            models.Index(fields=["listing", "-created_at"], name="decision_listing_created_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.listing}"


class ErrorReport(PlainTextMixin, models.Model):
    """A visitor's note that something on a public listing page is wrong."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="error_reports", verbose_name=_("listing")
    )
    message = models.TextField(_("what is wrong"), max_length=2000)
    contact = models.CharField(
        _("contact"), max_length=200, blank=True, help_text=_("Optional email or phone of the reporter.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("reported on"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "resolved", "dismissed"]), name="errorreport_status_valid"
            ),
        ]
        indexes = [
            # The open-reports queue and its count on the admin index.
            models.Index(fields=["status", "-created_at"], name="errorreport_status_created_idx"),
        ]

    def __str__(self):
        return f"{self.listing}: {self.message[:60]}"

    def close(self, *, status, by):
        """Mark the report handled (resolved or dismissed) by a moderator."""
        self.status = status
        self.handled_by = by
        self.handled_at = timezone.now()
        self.save(update_fields=["status", "handled_by", "handled_at"])


class ImportRun(models.Model):
    """One import of a file: who, when, what the clerk chose, how far it got, and what it changed.

    The listings it created and the values it replaced are kept, so that the
    import can be undone as a whole while no later edit touched its listings.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being mapped and reviewed")
        QUEUED = "queued", _("Waiting to run")
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        UNDONE = "undone", _("Undone")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="import_runs",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("uploaded on"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    filename = models.CharField(_("file"), max_length=255)
    stored_name = models.CharField(_("stored file"), max_length=64, blank=True)
    options = models.JSONField(
        _("options"), default=dict, blank=True, help_text=_("Mapping, defaults and choices of the clerk.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    total = models.PositiveIntegerField(_("rows to write"), default=0)
    done = models.PositiveIntegerField(_("rows written"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True, editable=False)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "queued", "running", "done", "failed", "undone"]),
                name="importrun_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def percent(self):
        if self.status in (self.Status.DONE, self.Status.UNDONE):
            return 100
        return self.done * 100 // self.total if self.total else 0

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.UNDONE)

    def listing_ids(self):
        return [*self.changes.get("created", []), *(int(pk) for pk in self.changes.get("updated", {}))]


# --- Queues: each is a proxy of Listing so that it is a line in the admin index.


class PendingListingManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(status=Listing.Status.PENDING)


class ChangedListingManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(changed_since_review_q())


def changed_since_review_q():
    """Published listings their owners edited since a moderator last reviewed them.

    Owners' edits go live at once and raise the listing's changed_since_review
    flag; a moderator's decision on the listing lowers it.
    """
    return Q(status=Listing.Status.PUBLISHED, changed_since_review=True)


class ReverificationDueManager(models.Manager):
    def get_queryset(self):
        # Computed on read: a certificate's expiry date passing is all it takes, no job to run.
        return Listing.objects.reverification_due()


class PendingListing(Listing):
    objects = PendingListingManager()

    class Meta:
        proxy = True
        verbose_name = _("listing pending review")
        verbose_name_plural = _("listings pending review")


class ChangedListing(Listing):
    objects = ChangedListingManager()

    class Meta:
        proxy = True
        verbose_name = _("published listing changed since review")
        verbose_name_plural = _("published listings changed since review")


class ReverificationDueListing(Listing):
    """Verified listings whose checked certificate expired: the badge no longer shows it."""

    objects = ReverificationDueManager()

    class Meta:
        proxy = True
        verbose_name = _("listing due for re-verification")
        verbose_name_plural = _("listings due for re-verification")
