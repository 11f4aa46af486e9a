"""Buyers' enquiries to listings, the owners' replies, and the answer numbers per listing."""

import math
import statistics
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.fields import CountryField

from directory.models import Listing
from directory.validators import PlainTextMixin
from outbox.models import Email


class EnquiryQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=Enquiry.Status.NEW)

    def for_staff(self):
        """Enquiries to unclaimed listings: BPIPI staff read and forward them."""
        return self.filter(routed_to_staff=True)


class Enquiry(PlainTextMixin, models.Model):
    """One buyer's message to one listing, stored before anything is sent.

    A buyer writing to several listings at once makes one enquiry per listing
    (sharing a `batch`), each delivered and answered on its own.
    """

    class Status(models.TextChoices):
        NEW = "new", _("Not answered yet")
        ANSWERED = "answered", _("Answered")

    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="enquiries", verbose_name=_("listing")
    )
    batch = models.UUIDField(
        _("sent together"),
        null=True,
        blank=True,
        help_text=_("Enquiries sent to several listings at once share it."),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    company = models.CharField(_("company"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    product = models.CharField(_("product needed"), max_length=200)
    quantity = models.CharField(_("quantity"), max_length=100, blank=True)
    target_date = models.DateField(_("needed by"), null=True, blank=True)
    message = models.TextField(_("message"))
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The language the buyer wrote in."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    routed_to_staff = models.BooleanField(
        _("sent to BPIPI"),
        default=False,
        help_text=_("The listing had no owner: BPIPI staff received it to forward."),
    )
    forwarded_to = models.EmailField(_("forwarded to"), blank=True)
    forwarded_at = models.DateTimeField(_("forwarded on"), null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded by"),
    )
    emails = models.ManyToManyField(Email, blank=True, related_name="+", verbose_name=_("deliveries"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["new", "answered"]), name="enquiry_status_valid"),
            models.CheckConstraint(
                condition=Q(status="new") | Q(answered_at__isnull=False), name="enquiry_answered_has_date"
            ),
        ]
        indexes = [
            # A listing's inbox in the dashboard, newest first.
            models.Index(fields=["listing", "-created_at"], name="enquiry_listing_created_idx"),
            # The statistics page's enquiries per month.
            models.Index(fields=["created_at"], name="enquiry_created_idx"),
            # Staff's queue: enquiries to unclaimed listings not forwarded yet.
            models.Index(
                fields=["-created_at"],
                condition=Q(routed_to_staff=True, forwarded_at__isnull=True),
                name="enquiry_staff_queue_idx",
            ),
        ]

    def __str__(self):
        return f"{self.name} → {self.listing}"

    @property
    def answer_time(self):
        return self.answered_at - self.created_at if self.answered_at else None


class Reply(PlainTextMixin, models.Model):
    """An owner's answer to an enquiry, sent to the buyer from the dashboard."""

    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.CASCADE, related_name="replies", verbose_name=_("enquiry")
    )
    body = models.TextField(_("reply"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    email = models.ForeignKey(
        Email, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("delivery")
    )

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.by} → {self.enquiry}"


# The public hint needs this many answered enquiries in the window, and at
# least half of the enquiries received in it answered.
HINT_MIN_ANSWERED = 3
HINT_WINDOW = timedelta(days=365)
HINT_MAX_DAYS = 14


class ResponseStats(models.Model):
    """A listing's enquiry numbers, kept up to date by the enquiry services.

    `hint_days` is what listing pages show ("usually answers within N days");
    a database trigger (migration 0002) replaces the directory generation
    only when it changes, so kept listing pages show it without every new
    enquiry emptying the cache.
    """

    listing = models.OneToOneField(
        Listing,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="response_stats",
        verbose_name=_("listing"),
    )
    received = models.PositiveIntegerField(_("enquiries received"), default=0)
    answered = models.PositiveIntegerField(_("answered"), default=0)
    median_hours = models.FloatField(_("median answer time (hours)"), null=True, blank=True)
    hint_days = models.PositiveSmallIntegerField(
        _("public hint (days)"),
        null=True,
        blank=True,
        help_text=_(
            "“Usually answers within N days” on the listing's page; empty while there is too little data."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("enquiry numbers of a listing")
        verbose_name_plural = _("enquiry numbers per listing")
        ordering = ["-received", "listing"]

    def __str__(self):
        return str(self.listing)

    @staticmethod
    def hint(enquiries, now):
        """The hint in days for these enquiries [(created_at, answered_at or None)], or None."""
        recent = [(created, answered) for created, answered in enquiries if now - created <= HINT_WINDOW]
        times = [(answered - created).total_seconds() / 3600 for created, answered in recent if answered]
        if len(times) < HINT_MIN_ANSWERED or len(times) * 2 < len(recent):
            return None
        days = max(1, math.ceil(statistics.median(times) / 24))
        return days if days <= HINT_MAX_DAYS else None

    @classmethod
    def refresh(cls, listing_id):
        """Recount the listing's numbers from its enquiries; returns the stats row."""
        rows = list(Enquiry.objects.filter(listing=listing_id).values_list("created_at", "answered_at"))
        times = [(answered - created).total_seconds() / 3600 for created, answered in rows if answered]
        values = {
            "received": len(rows),
            "answered": len(times),
            "median_hours": statistics.median(times) if times else None,
            "hint_days": cls.hint(rows, timezone.now()),
        }
        stats, created = cls.objects.get_or_create(listing_id=listing_id, defaults=values)
        if not created:
            for name, value in values.items():
                setattr(stats, name, value)
            stats.save()
        return stats

    @property
    def median_display(self):
        """The median answer time for people: hours under two days, days above."""
        if self.median_hours is None:
            return ""
        if self.median_hours < 48:
            hours = max(1, round(self.median_hours))
            return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
        days = round(self.median_hours / 24)
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
