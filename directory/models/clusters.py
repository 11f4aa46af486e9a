"""Footwear clusters (sentra) and the counts shown per cluster and per chain role."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..counts import cached
from ..search import SEARCH_MAX_LENGTH, normalize_search_text  # noqa: F401 (imported from here)
from ..validators import (
    PlainTextMixin,
)
from .listing import Listing
from .regions import District, Regency, within
from .taxonomy import BilingualNameMixin, Role, in_english


def role_counts():
    """Published listings per chain role, in chain order: [(role, count), …].

    Cached per directory generation: the home page asks on every request.
    """

    def count():
        return list(
            Role.objects.annotate(
                count=Count("listings", filter=Q(listings__status=Listing.Status.PUBLISHED))
            ).order_by("position")
        )

    return cached("role_counts", count)


class Cluster(PlainTextMixin, BilingualNameMixin, models.Model):
    """A footwear centre (sentra): the members are the listings in its area."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name (Bahasa Indonesia)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("regency/city")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clusters",
        verbose_name=_("district (kecamatan)"),
        help_text=_("Leave empty when the cluster spans the whole regency/city."),
    )
    description = models.TextField(_("description (Bahasa Indonesia)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["position", "name"]

    def __str__(self):
        return self.label

    def clean(self):
        if self.district_id and self.regency_id and not within(self.district_id, self.regency_id):
            raise ValidationError(
                {"district": _("This district is not in the chosen regency/city.")},
                code="district_outside_regency",
            )

    @property
    def localized_description(self):
        """The description in the page's language, falling back to the Indonesian one."""
        if in_english() and self.description_en.strip():
            return self.description_en
        return self.description

    def listings(self):
        """Published listings in the cluster's area."""
        area = Q(district=self.district_id) if self.district_id else Q(regency=self.regency_id)
        return Listing.objects.published().filter(area)

    def role_counts(self):
        """[(role code, label, count)] of the cluster's published listings, roles that have any."""

        def count():
            rows = (
                Listing.roles.through.objects.filter(listing__in=self.listings().values("pk"))
                .values("role")
                .annotate(n=Count("listing"))
                .order_by()
            )
            return {row["role"]: row["n"] for row in rows}

        counts = cached("cluster_roles", count, key=self.pk)
        return [(code, label, counts[code]) for code, label in Role.Code.choices if counts.get(code)]


def clusters_with_counts():
    """All clusters, each with `count`, its published listings (each listing once).

    Cached per directory generation: the home page and the cluster index show them.
    """

    def published_in(field):
        return Subquery(
            Listing.objects.published()
            .filter(**{field: OuterRef(field)})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        )

    def count():
        return list(
            Cluster.objects.select_related("regency").annotate(
                count=Coalesce(
                    Case(
                        When(district__isnull=False, then=published_in("district")),
                        default=published_in("regency"),
                    ),
                    0,
                )
            )
        )

    return cached("clusters", count)
