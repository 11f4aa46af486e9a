"""The fixed vocabularies of a listing: status, legal form, size, units, price segment, organisation kind."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


class LegalForm(models.TextChoices):
    PT = "pt", _("PT (limited company)")
    CV = "cv", _("CV (limited partnership)")
    UD = "ud", _("UD (trading business)")
    FIRMA = "firma", _("Firma (partnership)")
    KOPERASI = "koperasi", _("Koperasi (cooperative)")
    PERORANGAN = "perorangan", _("Usaha perorangan / IKM rumahan (sole proprietor)")
    GOVERNMENT = "government", _("Instansi pemerintah (government agency)")
    ASSOCIATION = "association", _("Asosiasi / perkumpulan (association)")
    YAYASAN = "yayasan", _("Yayasan (foundation)")
    OTHER = "other", _("Other")

    @classmethod
    def has_nib(cls, value):
        """Whether a business of this legal form is registered in OSS with an NIB.

        Government agencies, associations and foundations are not; an unknown
        form is treated as a business, which has one.
        """
        return value not in (cls.GOVERNMENT, cls.ASSOCIATION, cls.YAYASAN)


class Size(models.TextChoices):
    # Employee bands follow BPS's industry size classes.
    MICRO = "micro", _("Micro (1–4 employees)")
    SMALL = "small", _("Small (5–19 employees)")
    MEDIUM = "medium", _("Medium (20–99 employees)")
    LARGE = "large", _("Large (100 or more employees)")


class Unit(models.TextChoices):
    PAIRS = "pairs", _("pairs")
    PIECES = "pieces", _("pieces")
    SHEETS = "sheets", _("sheets")
    SQUARE_FEET = "sqft", _("square feet")
    SQUARE_METRES = "sqm", _("square metres")
    METRES = "metres", _("metres")
    KILOGRAMS = "kg", _("kilograms")
    LITRES = "litres", _("litres")
    UNITS = "units", _("units")


class PriceSegment(models.TextChoices):
    BUDGET = "budget", _("Budget")
    MIDDLE = "middle", _("Mid-range")
    PREMIUM = "premium", _("Premium")
    LUXURY = "luxury", _("Luxury")


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    GOVERNMENT = "government", _("Government")
    EDUCATION = "education", _("Education and training")
    LABORATORY = "laboratory", _("Testing laboratory")
    COOPERATIVE = "cooperative", _("Cooperative")
    FINANCING = "financing", _("Financing")
    OTHER = "other", _("Other")
