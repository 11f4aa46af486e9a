"""The chain's roles and what listings offer within them: categories, features, certifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..search import SEARCH_MAX_LENGTH, normalize_search_text  # noqa: F401 (imported from here)
from ..validators import (
    PlainTextMixin,
)


def in_english():
    return (get_language() or settings.LANGUAGE_CODE).startswith("en")


class BilingualNameMixin:
    """Taxonomy entries carry an Indonesian `name` and an English `name_en`."""

    @property
    def label(self):
        if in_english() and self.name_en:
            return self.name_en
        return self.name


class Role(PlainTextMixin, models.Model):
    """A stage of the footwear chain. The five rows are created by migration."""

    class Code(models.TextChoices):
        MATERIAL = "material", _("Material source")
        SUPPLIER = "supplier", _("Supplier")
        PRODUCER = "producer", _("Producer")
        BRAND = "brand", _("Local brand")
        ORGANISATION = "organisation", _("Organisation")

    DESCRIPTIONS = {
        Code.MATERIAL: _("Tanneries, rubber, synthetic leather and textiles"),
        Code.SUPPLIER: _("Outsoles, lasts, insoles, adhesives, accessories, machinery and packaging"),
        Code.PRODUCER: _("Footwear makers, from home industries to export factories"),
        Code.BRAND: _("Indonesian footwear brands"),
        Code.ORGANISATION: _("Associations, government, training, testing and financing"),
    }

    code = models.CharField(_("code"), max_length=20, primary_key=True, choices=Code.choices)
    position = models.PositiveSmallIntegerField(
        _("position"), unique=True, help_text=_("Order in the chain, upstream first.")
    )

    class Meta:
        verbose_name = _("chain role")
        verbose_name_plural = _("chain roles")
        ordering = ["position"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return self.Code(self.code).label

    @property
    def description(self):
        return self.DESCRIPTIONS[self.Code(self.code)]


class CategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_roles(self, roles):
        return self.filter(role__in=roles)


class Category(PlainTextMixin, BilingualNameMixin, models.Model):
    """What a listing offers, per chain role (footwear types, components…)."""

    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="categories", verbose_name=_("chain role")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name (Bahasa Indonesia)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive categories are hidden from forms and filters.")
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["role__position", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "slug"], name="category_unique_slug_per_role"),
        ]

    def __str__(self):
        return f"{self.label} ({self.role.label})"


class Feature(PlainTextMixin, BilingualNameMixin, models.Model):
    """How a listing works: production services, construction methods, sales channels."""

    class Group(models.TextChoices):
        SERVICE = "service", _("Production service")
        CONSTRUCTION = "construction", _("Construction method")
        CHANNEL = "channel", _("Sales channel")

    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="features", verbose_name=_("chain role")
    )
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name (Bahasa Indonesia)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("feature")
        verbose_name_plural = _("features")
        ordering = ["group", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "slug"], name="feature_unique_slug_per_group"),
        ]

    def __str__(self):
        return f"{self.label} ({self.get_group_display()})"

    @property
    def short_label(self):
        """The label without its explanation: "OEM" for "OEM (production to the buyer's design)"."""
        return str(self.label).split(" (", 1)[0]


class Certification(PlainTextMixin, BilingualNameMixin, models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name (Bahasa Indonesia)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["position", "name"]

    def __str__(self):
        return self.label
