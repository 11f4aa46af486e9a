from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SUBJECT_MAX_LENGTH = 255


def single_line(text):
    """`text` on one line: a line break in a mail header would end the header
    (Django refuses such a subject with BadHeaderError)."""
    return " ".join(str(text).split())


class EmailQuerySet(models.QuerySet):
    def pending(self):
        """Emails still to be delivered (queued or waiting for a retry)."""
        return self.filter(status__in=[Email.Status.QUEUED, Email.Status.RETRYING])


class Email(models.Model):
    """One email from the portal, stored before it is sent so that nothing is lost
    while the mail server is down. A task delivers it and retries with backoff."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RETRYING = "retrying", _("Failed, will retry")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    reply_to = models.EmailField(
        _("reply to"),
        blank=True,
        help_text=_("Where the recipient's reply goes, e.g. the buyer of an enquiry."),
    )
    language = models.CharField(
        _("language"), max_length=8, blank=True, help_text=_("The language the email was written in.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "retrying", "sent", "failed"]), name="email_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="email_sent_has_sent_at"
            ),
        ]
        indexes = [
            # The admin's email list filtered by status, newest first.
            models.Index(fields=["status", "-created_at"], name="email_status_created_idx"),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"
