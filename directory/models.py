from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Length
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from . import search
from .counts import cached
from .search import SEARCH_MAX_LENGTH, normalize_search_text  # noqa: F401 (imported from here)
from .validators import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    DomainURLValidator,
    PlainTextMixin,
    nib_validator,
    normalize_kbli,
    postal_code_validator,
    validate_kbli,
)

models.CharField.register_lookup(Length)


def in_english():
    return (get_language() or settings.LANGUAGE_CODE).startswith("en")


class BilingualNameMixin:
    """Taxonomy entries carry an Indonesian `name` and an English `name_en`."""

    @property
    def label(self):
        if in_english() and self.name_en:
            return self.name_en
        return self.name


# --- Regions (Kemendagri codes; loaded by migration 0002) -----------------


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


# --- Chain roles and taxonomy ----------------------------------------------


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


# --- Listings ----------------------------------------------------------------


class ListingQuerySet(models.QuerySet):
    def published(self):
        """Everything the public may see. Every public page starts here."""
        return self.filter(status=Listing.Status.PUBLISHED)

    def for_user(self, user):
        """Listings the user owns or edits."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def with_role(self, role_code):
        return self.filter(roles__code=role_code)

    def with_claimed(self):
        """Annotate `claimed`: whether anyone owns or edits the listing, in the same query."""
        return self.annotate(
            claimed=models.Exists(ListingMembership.objects.filter(listing=models.OuterRef("pk")))
        )

    def for_cards(self):
        """What a listing card shows, fetched without N+1 queries."""
        return self.select_related("province", "regency", "district").prefetch_related(
            "roles", "categories__role", "certifications"
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


class Listing(PlainTextMixin, models.Model):
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

    # Identity
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices, blank=True)
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        blank=True,
        validators=[nib_validator],
        help_text=_("Nomor Induk Berusaha: the 13-digit business identification number from OSS."),
    )
    kbli_codes = models.CharField(
        _("KBLI codes"),
        max_length=200,
        blank=True,
        validators=[validate_kbli],
        help_text=_("Indonesian standard industrial classification, 5 digits each, e.g. 15201, 15202."),
    )
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[MinValueValidator(1800)]
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    description = models.TextField(_("description (Bahasa Indonesia)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    # Place in the chain and what is offered
    roles = models.ManyToManyField(Role, related_name="listings", verbose_name=_("chain roles"))
    categories = models.ManyToManyField(
        Category, related_name="listings", blank=True, verbose_name=_("categories")
    )
    features = models.ManyToManyField(
        Feature, related_name="listings", blank=True, verbose_name=_("services, methods and channels")
    )
    certifications = models.ManyToManyField(
        Certification, related_name="listings", blank=True, verbose_name=_("certifications")
    )
    export_markets = CountryField(_("export markets"), multiple=True, blank=True)

    # Role-specific facts
    capacity_pairs = models.PositiveIntegerField(
        _("monthly capacity (pairs)"), null=True, blank=True, help_text=_("Producers: pairs per month.")
    )
    moq_pairs = models.PositiveIntegerField(
        _("minimum order (pairs)"), null=True, blank=True, help_text=_("Producers: smallest order accepted.")
    )
    supply_capacity = models.PositiveIntegerField(
        _("monthly supply capacity"),
        null=True,
        blank=True,
        help_text=_("Material sources and suppliers, in the unit chosen beside it."),
    )
    supply_capacity_unit = models.CharField(
        _("supply capacity unit"), max_length=10, choices=Unit.choices, blank=True
    )
    supply_moq = models.PositiveIntegerField(_("minimum order (supply)"), null=True, blank=True)
    supply_moq_unit = models.CharField(
        _("minimum order unit"), max_length=10, choices=Unit.choices, blank=True
    )
    price_segment = models.CharField(
        _("price segment"), max_length=10, choices=PriceSegment.choices, blank=True
    )
    organisation_kind = models.CharField(
        _("organisation kind"), max_length=20, choices=OrganisationKind.choices, blank=True
    )

    # Location
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="listings", verbose_name=_("province")
    )
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, related_name="listings", verbose_name=_("regency/city")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="listings",
        null=True,
        blank=True,
        verbose_name=_("district (kecamatan)"),
    )
    address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LATITUDE_RANGE[0]), MaxValueValidator(LATITUDE_RANGE[1])],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LONGITUDE_RANGE[0]), MaxValueValidator(LONGITUDE_RANGE[1])],
    )

    # Contact
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    whatsapp = PhoneNumberField(_("WhatsApp"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True, validators=[DomainURLValidator("instagram.com")])
    facebook = models.URLField(
        _("Facebook"), blank=True, validators=[DomainURLValidator("facebook.com", "fb.com")]
    )
    tiktok = models.URLField(_("TikTok"), blank=True, validators=[DomainURLValidator("tiktok.com")])
    youtube = models.URLField(
        _("YouTube"), blank=True, validators=[DomainURLValidator("youtube.com", "youtu.be")]
    )
    tokopedia = models.URLField(_("Tokopedia"), blank=True, validators=[DomainURLValidator("tokopedia.com")])
    shopee = models.URLField(_("Shopee"), blank=True, validators=[DomainURLValidator("shopee.co.id")])

    # Media (uploads are handled by the company dashboard)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)

    # Lifecycle
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    rejection_reason = models.TextField(
        _("rejection reason"), blank=True, help_text=_("Shown to the owners when a listing is rejected.")
    )
    changed_since_review = models.BooleanField(
        _("changed since review"),
        default=False,
        help_text=_(
            "The company edited this listing after it was published; the edits are already public. "
            "Compare them in the history, then approve the listing to mark them reviewed."
        ),
    )
    verified = models.BooleanField(
        _("verified by BPIPI"), default=False, help_text=_("BPIPI has checked this company.")
    )
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)
    reviewed_at = models.DateTimeField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When a moderator last approved, rejected or asked for changes to this listing."),
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Fictitious listing created by the seed_demo command.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ListingMembership",
        related_name="listings",
        verbose_name=_("members"),
    )

    # Where buyers reach the listing, in the order forms and pages show them.
    LINK_FIELDS = ["website", "instagram", "facebook", "tiktok", "youtube", "tokopedia", "shopee"]
    CONTACT_FIELDS = ["contact_person", "phone", "whatsapp", "email", *LINK_FIELDS]

    objects = ListingQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=["roles", "categories", "features", "certifications"],
        excluded_fields=["changed_since_review", "reviewed_at"],
        verbose_name=_("historical listing"),
    )

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "pending", "published", "rejected", "archived"]),
                name="listing_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="listing_rejected_has_reason",
                violation_error_message=_("A rejected listing needs a reason for its owners."),
            ),
            models.CheckConstraint(
                condition=Q(verified=False) | Q(verified_at__isnull=False),
                name="listing_verified_has_date",
            ),
            models.CheckConstraint(
                condition=Q(nib="") | Q(nib__length=13),
                name="listing_nib_13_digits",
                violation_error_message=_("NIB (Nomor Induk Berusaha) must be exactly 13 digits."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="listing_coordinates_in_pairs",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(year_founded__isnull=True) | Q(year_founded__gte=1800),
                name="listing_year_founded_plausible",
            ),
            models.UniqueConstraint(
                fields=["nib"],
                condition=~Q(nib=""),
                name="listing_unique_nib",
                violation_error_message=_("Another listing already has this NIB."),
                violation_error_code="duplicate_nib",
            ),
        ]
        indexes = [
            # Public directory: published listings sorted by name / newest / updated.
            models.Index(fields=["status", "name"], name="listing_status_name_idx"),
            models.Index(fields=["status", "-created_at"], name="listing_status_created_idx"),
            models.Index(fields=["status", "-updated_at"], name="listing_status_updated_idx"),
            # Moderators' queue of published listings edited since their review.
            models.Index(
                fields=["-updated_at"],
                condition=Q(changed_since_review=True),
                name="listing_changed_review_idx",
            ),
            # Directory in its default order (name, then pk): pages read in index
            # order, deep pages included, with no sort.
            models.Index(fields=["status", "name", "id"], name="listing_status_name_id_idx"),
            # Home page, "recently verified": the newest six verified listings.
            models.Index(
                fields=["-verified_at"],
                condition=Q(status="published", verified=True),
                name="listing_recently_verified_idx",
            ),
            # Admin listing list: its default order, name then -pk.
            models.Index(fields=["name", "-id"], name="listing_name_idx"),
            # Detail page, "similar nearby": a regency's (then a province's)
            # published listings, verified and recently updated first, read to LIMIT 4.
            models.Index(
                fields=["regency", "status", "-verified", "-updated_at", "-id"],
                name="listing_similar_regency_idx",
            ),
            models.Index(
                fields=["province", "status", "-verified", "-updated_at", "-id"],
                name="listing_similar_province_idx",
            ),
            # Sitemap sections: published slugs in order, read a page at a time.
            models.Index(fields=["status", "slug"], name="listing_status_slug_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug(self.name)
        self.kbli_codes = normalize_kbli(self.kbli_codes)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:detail", kwargs={"slug": self.slug})

    def save_with_history(self, *, user=None, m2m=None):
        """Save the listing and its many-to-many fields as ONE history entry by `user`.

        Each .set() would otherwise add a full history entry of its own (one
        per relation), which makes edits noisy and bulk imports slow.
        """
        self._history_user = user
        if m2m:
            self.skip_history_when_saving = True
            try:
                self.save()
                for name, values in m2m.items():
                    getattr(self, name).set(values)
            finally:
                del self.skip_history_when_saving
        self.save()

    @classmethod
    def unique_slug(cls, name):
        base = slugify(name)[:200] or "listing"
        slug, n = base, 2
        while cls.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def clean(self):
        errors = {}
        if self.regency_id and self.province_id and not self.regency_id.startswith(self.province_id + "."):
            errors["regency"] = ValidationError(
                _("%(regency)s is not in %(province)s."),
                code="regency_outside_province",
                params={"regency": self.regency, "province": self.province},
            )
        if self.district_id and self.regency_id and not self.district_id.startswith(self.regency_id + "."):
            errors["district"] = ValidationError(
                _("%(district)s is not in %(regency)s."),
                code="district_outside_regency",
                params={"district": self.district.name, "regency": self.regency},
            )
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = ValidationError(
                _("Give both latitude and longitude, or neither."), code="coordinates_in_pairs"
            )
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = ValidationError(
                _("A rejected listing needs a reason for its owners."), code="reason_required"
            )
        if self.year_founded and self.year_founded > timezone.now().year:
            errors["year_founded"] = ValidationError(
                _("The year founded cannot be in the future."), code="future_year"
            )
        # Ticking "verified" dates it; the date is what the public badge shows.
        if self.verified and self.verified_at is None:
            self.verified_at = timezone.now()
        if not self.verified:
            self.verified_at = None
        if self.supply_capacity is not None and not self.supply_capacity_unit:
            errors["supply_capacity_unit"] = ValidationError(
                _("Choose the unit of the supply capacity."), code="unit_required"
            )
        if self.supply_moq is not None and not self.supply_moq_unit:
            errors["supply_moq_unit"] = ValidationError(
                _("Choose the unit of the minimum order."), code="unit_required"
            )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def check_taxonomy(roles, categories, features):
        """Categories and features must belong to one of the listing's roles."""
        role_codes = {role.code for role in roles}
        errors = {}
        stray = [c for c in categories if c.role_id not in role_codes]
        if stray:
            errors["categories"] = ValidationError(
                _("These categories do not belong to the chosen roles: %(names)s."),
                code="category_role_mismatch",
                params={"names": ", ".join(str(c.label) for c in stray)},
            )
        stray = [f for f in features if f.role_id not in role_codes]
        if stray:
            errors["features"] = ValidationError(
                _("These do not belong to the chosen roles: %(names)s."),
                code="feature_role_mismatch",
                params={"names": ", ".join(str(f.label) for f in stray)},
            )
        if errors:
            raise ValidationError(errors)

    @property
    def localized_description(self):
        """(text, is_fallback): English pages fall back to the Indonesian text."""
        if in_english():
            if self.description_en.strip():
                return self.description_en, False
            return self.description, bool(self.description.strip())
        return self.description or self.description_en, not self.description and bool(self.description_en)

    def missing_for_review(self):
        """Labels of what a listing still lacks before moderators can review it."""
        missing = []
        if not (self.description.strip() or self.description_en.strip()):
            missing.append(_("description"))
        if not (self.phone or self.whatsapp or self.email):
            missing.append(_("a phone, WhatsApp or email contact"))
        return missing

    @property
    def is_claimed(self):
        if "claimed" in self.__dict__:
            return self.claimed
        return self.memberships.exists()

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def whatsapp_url(self):
        if not self.whatsapp:
            return ""
        return "https://wa.me/" + str(self.whatsapp.as_e164).lstrip("+")


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


class ListingMembership(models.Model):
    class Role(models.TextChoices):
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
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
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
        if self.district_id and self.regency_id and not self.district_id.startswith(self.regency_id + "."):
            raise ValidationError(
                {"district": _("This district is not in the chosen regency/city.")},
                code="district_outside_regency",
            )

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


class DirectoryGeneration(models.Model):
    """One row whose token changes, in the same transaction, with every write to the directory.

    Database triggers (migration 0011) replace the token on any insert, update,
    delete or truncate of listings, their links and the taxonomy, whichever
    way the write is made (ORM, bulk_update, raw SQL, another process). Cached
    counts are stored under the token, so a write makes them unreachable the
    moment it commits. The token is random rather than a counter so that a
    rolled-back write or a restored database never meets counts cached for
    different data under the same key.
    """

    token = models.CharField(_("token"), max_length=40)

    class Meta:
        verbose_name = _("directory generation")
        verbose_name_plural = _("directory generations")
        ordering = ["pk"]

    def __str__(self):
        return self.token

    @classmethod
    def current(cls):
        """The token of the data this transaction sees, or None when the row is missing."""
        return cls.objects.filter(pk=1).values_list("token", flat=True).first()
