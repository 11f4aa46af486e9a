"""Provinces, regencies/cities and districts with their Kemendagri codes (loaded by migration 0002)."""

import csv
from functools import cache
from pathlib import Path
from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..search import SEARCH_MAX_LENGTH, normalize_search_text  # noqa: F401 (imported from here)
from ..validators import (
    PlainTextMixin,
)

EXTENTS_CSV = Path(__file__).resolve().parent.parent / "data" / "wilayah" / "province_extents.csv"


def within(child_code, parent_code):
    """Whether a region code lies inside another: Kemendagri codes nest by prefix
    ("35" ⊃ "35.15" ⊃ "35.15.06"). Every check of province/regency/district
    consistency asks here."""
    return bool(child_code and parent_code) and child_code.startswith(f"{parent_code}.")


class Extent(NamedTuple):
    """A province's bounding box in decimal degrees (see data/wilayah/README.md)."""

    south: float
    north: float
    west: float
    east: float

    def contains(self, latitude, longitude):
        return self.south <= float(latitude) <= self.north and self.west <= float(longitude) <= self.east


@cache
def province_extents():
    """{province code: Extent}, read once per process from province_extents.csv."""
    with open(EXTENTS_CSV, encoding="utf-8") as file:
        return {
            row["code"]: Extent(*(float(row[side]) for side in Extent._fields))
            for row in csv.DictReader(file)
        }


class Province(PlainTextMixin, models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def extent(self):
        """The province's bounding box, or None for a code the extents file lacks."""
        return province_extents().get(self.code)


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
