"""Photos a company shows on its listing."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..search import SEARCH_MAX_LENGTH, normalize_search_text  # noqa: F401 (imported from here)
from ..validators import (
    PlainTextMixin,
)
from .listing import Listing


class ListingPhoto(PlainTextMixin, models.Model):
    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="photos", verbose_name=_("listing")
    )
    image = models.ImageField(_("image"), upload_to="photos/")
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to="photos/thumbs/", blank=True, help_text=_("Made once, at upload.")
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "id"]

    def __str__(self):
        return self.caption or f"{self.listing} #{self.position}"

    @property
    def thumbnail_url(self):
        """The thumbnail made at upload; photos added through the admin have none and show whole."""
        return (self.thumbnail or self.image).url
