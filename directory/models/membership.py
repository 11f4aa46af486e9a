"""Who may edit a listing: its owners and editors."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..search import SEARCH_MAX_LENGTH, normalize_search_text  # noqa: F401 (imported from here)
from .listing import Listing


class ListingMembership(models.Model):
    # "Role" is the chain role (taxonomy.Role); a person's place in a listing's team is its TeamRole.
    class TeamRole(models.TextChoices):
        OWNER = "owner", pgettext_lazy("listing membership", "Owner")
        EDITOR = "editor", pgettext_lazy("listing membership", "Editor")

    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("listing")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices, default=TeamRole.EDITOR)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing member")
        verbose_name_plural = _("listing members")
        ordering = ["listing", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "user"], name="membership_unique_user_per_listing"),
            models.CheckConstraint(condition=Q(role__in=["owner", "editor"]), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} – {self.listing} ({self.get_role_display()})"
