"""What BPIPI checked when it verified a listing: the evidence behind the badge.

Moderators verify through moderation.services.listing_verify, which refuses
without the required evidence and records one Verification per decision.
The public badge says what the latest one checked and when; a certificate
past its expiry date drops out of the badge and puts the listing in the
re-verification queue (computed on read: `Listing.objects.reverification_due()`).

A listing's own `certifications` are what the company declares; a
certification is "checked" while the latest verification holds an unexpired
certificate for it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..storage import PrivateStorage
from ..validators import PlainTextMixin
from .taxonomy import Certification


class Verification(PlainTextMixin, models.Model):
    listing = models.ForeignKey(
        "directory.Listing", on_delete=models.CASCADE, related_name="verifications", verbose_name=_("listing")
    )
    nib_confirmed = models.BooleanField(
        _("NIB confirmed"), default=False, help_text=_("BPIPI looked the NIB up in OSS and it matches.")
    )
    site_visit_on = models.DateField(
        _("site visit"), null=True, blank=True, help_text=_("When BPIPI visited the premises, if it did.")
    )
    document = models.FileField(
        _("evidence document"),
        upload_to="verifications/%Y/",
        storage=PrivateStorage(),
        blank=True,
        help_text=_("Optional: a visit report or scan, kept private (never at a public URL)."),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked on"), default=timezone.now)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-checked_at", "-id"]
        indexes = [
            # The listing's latest verification (badge, re-verification queue).
            models.Index(fields=["listing", "-checked_at"], name="verification_listing_idx"),
        ]

    def __str__(self):
        return f"{self.listing} ({self.checked_at:%Y-%m-%d})"

    def current_certificates(self, today=None):
        """The checked certificates not yet expired, from the prefetched rows."""
        today = today or timezone.localdate()
        return [c for c in self.certificates.all() if not c.expired(today)]

    def expired_certificates(self, today=None):
        today = today or timezone.localdate()
        return [c for c in self.certificates.all() if c.expired(today)]


class CertificateCheck(PlainTextMixin, models.Model):
    """One certificate BPIPI saw: which, its number, who issued it, until when it holds."""

    verification = models.ForeignKey(
        Verification, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("verification")
    )
    certification = models.ForeignKey(
        Certification, on_delete=models.PROTECT, related_name="checks", verbose_name=_("certification")
    )
    number = models.CharField(_("certificate number"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=200)
    expires_on = models.DateField(_("valid until"))

    class Meta:
        verbose_name = _("checked certificate")
        verbose_name_plural = _("checked certificates")
        ordering = ["certification__position", "expires_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["verification", "certification"], name="certificatecheck_once_per_verification"
            ),
            models.CheckConstraint(
                condition=~Q(number="") & ~Q(issuer=""), name="certificatecheck_number_and_issuer"
            ),
        ]
        indexes = [
            # The re-verification queue: certificates past their date.
            models.Index(fields=["expires_on"], name="certificatecheck_expiry_idx"),
        ]

    def __str__(self):
        return f"{self.certification} {self.number}"

    def expired(self, today=None):
        return self.expires_on < (today or timezone.localdate())
