"""Provinces, regencies/cities and districts with their Kemendagri codes (loaded by migration 0002)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..search import SEARCH_MAX_LENGTH, normalize_search_text  # noqa: F401 (imported from here)
from ..validators import (
    PlainTextMixin,
)


class Province(PlainTextMixin, models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Regency(PlainTextMixin, models.Model):
    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Regency (kabupaten)")
        KOTA = "kota", _("City (kota)")

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="regencies", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("regency/city")
        verbose_name_plural = _("regencies/cities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class District(PlainTextMixin, models.Model):
    code = models.CharField(_("code"), max_length=8, primary_key=True)
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, related_name="districts", verbose_name=_("regency/city")
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.regency.name}"
