"""Named queries over listings, used by views, sitemaps, the admin and the API alike."""

from django.db import models
from django.db.models import Value

from .. import search
from ..search import normalize_search_text
from . import lifecycle
from .choices import Status


class ListingQuerySet(models.QuerySet):
    # Status, verification and review dates are the moderation services' to
    # write (see lifecycle.py): bulk writes are checked like save().
    def update(self, **kwargs):
        lifecycle.check_fields(kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        lifecycle.check_fields(fields)
        return super().bulk_update(objs, fields, *args, **kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            lifecycle.check_creation(obj)
        return super().bulk_create(objs, *args, **kwargs)

    def published(self):
        """Everything the public may see. Every public page starts here."""
        return self.filter(status=Status.PUBLISHED)

    def reverification_due(self, today=None):
        """Verified listings whose latest verification holds a certificate past its date."""
        from django.utils import timezone

        from .verification import CertificateCheck, Verification

        today = today or timezone.localdate()
        latest = Verification.objects.filter(listing=models.OuterRef("pk")).order_by("-checked_at", "-id")
        expired = CertificateCheck.objects.filter(
            verification=models.OuterRef("latest_verification_pk"), expires_on__lt=today
        )
        return (
            self.filter(verified=True)
            .annotate(latest_verification_pk=models.Subquery(latest.values("pk")[:1]))
            .filter(models.Exists(expired))
        )

    def with_checked_certificate(self, today=None):
        """Verified listings whose latest verification holds a certificate not yet expired."""
        from django.utils import timezone

        from .verification import CertificateCheck, Verification

        today = today or timezone.localdate()
        latest = Verification.objects.filter(listing=models.OuterRef("pk")).order_by("-checked_at", "-id")
        current = CertificateCheck.objects.filter(
            verification=models.OuterRef("latest_verification_pk"), expires_on__gte=today
        )
        return (
            self.filter(verified=True)
            .annotate(latest_verification_pk=models.Subquery(latest.values("pk")[:1]))
            .filter(models.Exists(current))
        )

    def with_evidence(self):
        """Prefetch what the badge shows: the verifications with their certificates."""
        return self.prefetch_related("verifications__certificates__certification")

    def for_user(self, user):
        """Listings the user owns or edits."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def with_role(self, role_code):
        return self.filter(roles__code=role_code)

    def with_claimed(self):
        """Annotate `claimed`: whether anyone owns or edits the listing, in the same query."""
        from .membership import ListingMembership  # it points back at Listing

        return self.annotate(
            claimed=models.Exists(ListingMembership.objects.filter(listing=models.OuterRef("pk")))
        )

    def for_cards(self):
        """What a listing card shows, fetched without N+1 queries."""
        return self.select_related("province", "regency", "district").prefetch_related(
            "roles", "categories__role", "certifications", "features", "photos"
        )

    def search(self, q):
        """Listings matching every word in `q`, as typed (see search.spell_check()).

        Name, category names in both languages and descriptions, from the
        search document the database keeps (migration 0010). PostgreSQL
        stems Indonesian and English; SQLite matches words and their prefixes.
        """
        q = normalize_search_text(q)
        if not q:
            return self
        return search.match(self, q)

    def with_search_rank(self, q):
        """Annotate `search_rank`: name matches above category matches above descriptions."""
        q = normalize_search_text(q)
        if not q:
            return self.annotate(search_rank=Value(0.0, output_field=models.FloatField()))
        return self.annotate(search_rank=search.relevance(self, q))
