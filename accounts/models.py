from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.validators import PlainTextMixin

from .storage import PrivateStorage


class UserManager(BaseUserManager):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(PlainTextMixin, AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Emails from the portal are sent in this language."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.email


class Claim(PlainTextMixin, models.Model):
    """A request to become the owner of an unclaimed listing, decided by BPIPI staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    listing = models.ForeignKey(
        "directory.Listing", on_delete=models.CASCADE, related_name="claims", verbose_name=_("listing")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims", verbose_name=_("claimant")
    )
    position = models.CharField(
        _("position in the company"), max_length=120, help_text=_("E.g. owner, director, manager.")
    )
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        blank=True,
        help_text=_("Nomor Induk Berusaha: the 13-digit business identification number from OSS."),
    )
    document = models.FileField(
        _("supporting document"),
        upload_to="claims/",
        storage=PrivateStorage(),
        help_text=_("NIB certificate, business card, or a photo of the shop sign."),
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Sent to the claimant when the claim is rejected.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "user"],
                condition=models.Q(status="pending"),
                name="claim_one_pending_per_user_listing",
                violation_error_message=_("You already have a claim waiting for this listing."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "rejected"]), name="claim_status_valid"
            ),
        ]
        indexes = [
            # Staff queue: pending claims, oldest first.
            models.Index(fields=["status", "created_at"], name="claim_status_created_idx"),
        ]

    def __str__(self):
        return f"{self.user} → {self.listing}"


class Invitation(models.Model):
    """An owner's invitation to edit a listing, sent to an email address.

    The link carries a random token, so it works for people without an
    account yet: they sign up or log in and then accept.
    """

    listing = models.ForeignKey(
        "directory.Listing", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("listing")
    )
    email = models.EmailField(_("email"))
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.listing}"

    def get_absolute_url(self):
        return reverse("accounts:invitation_accept", kwargs={"token": self.token})

    @property
    def is_expired(self):
        age = timezone.now() - self.created_at
        return age > timedelta(days=settings.INVITATION_MAX_AGE_DAYS)

    @property
    def is_open(self):
        return self.accepted_at is None and not self.is_expired
