"""Listings: the network's members, with what they offer, where they are and how to reach them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from ..countries import ExportMarkets
from ..validators import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    DomainURLValidator,
    PlainTextMixin,
    nib_validator,
    normalize_kbli,
    postal_code_validator,
    validate_kbli,
)
from . import choices, lifecycle
from .queryset import ListingQuerySet
from .regions import District, Province, Regency, province_extents, within
from .taxonomy import Category, Certification, Feature, Role, in_english

# Listing.Meta's NIB constraint counts characters.
models.CharField.register_lookup(Length)


class Listing(PlainTextMixin, models.Model):
    # The vocabularies live in choices.py; they are reached as Listing.Status and so on.
    Status = choices.Status
    LegalForm = choices.LegalForm
    Size = choices.Size
    Unit = choices.Unit
    PriceSegment = choices.PriceSegment
    OrganisationKind = choices.OrganisationKind

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
    export_markets = CountryField(
        _("export markets"),
        multiple=True,
        blank=True,
        countries=ExportMarkets,
        help_text=_("Countries the company sells to; Indonesia is the home market, not an export."),
    )

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
    SOCIAL_FIELDS = ["instagram", "facebook", "tiktok", "youtube"]
    SHOP_FIELDS = ["tokopedia", "shopee"]
    # Statuses from which the owners may send a listing for review.
    SUBMITTABLE = (choices.Status.DRAFT, choices.Status.REJECTED)
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
            # The API's and the export's "verified first" sort: published listings,
            # verified ones first, by name, read in index order to the page's end.
            models.Index(fields=["status", "-verified", "name", "id"], name="listing_verified_name_idx"),
            # Sitemap sections: published slugs in order, read a page at a time.
            models.Index(fields=["status", "slug"], name="listing_status_slug_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug(self.name)
        self.kbli_codes = normalize_kbli(self.kbli_codes)
        lifecycle.check_save(self, kwargs.get("update_fields"))
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
        if self.regency_id and self.province_id and not within(self.regency_id, self.province_id):
            errors["regency"] = ValidationError(
                _("%(regency)s is not in %(province)s."),
                code="regency_outside_province",
                params={"regency": self.regency, "province": self.province},
            )
        if self.district_id and self.regency_id and not within(self.district_id, self.regency_id):
            errors["district"] = ValidationError(
                _("%(district)s is not in %(regency)s."),
                code="district_outside_regency",
                params={"district": self.district.name, "regency": self.regency},
            )
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = ValidationError(
                _("Give both latitude and longitude, or neither."), code="coordinates_in_pairs"
            )
        if self.latitude is not None and self.longitude is not None and self.province_id:
            extent = province_extents().get(self.province_id)
            if extent and not extent.contains(self.latitude, self.longitude):
                errors["latitude"] = ValidationError(
                    _(
                        "This point is outside %(province)s. Drag the pin to where the company is, "
                        "or check that latitude and longitude are not swapped."
                    ),
                    code="coordinates_outside_province",
                    params={"province": self.province},
                )
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = ValidationError(
                _("A rejected listing needs a reason for its owners."), code="reason_required"
            )
        if self.year_founded and self.year_founded > timezone.now().year:
            errors["year_founded"] = ValidationError(
                _("The year founded cannot be in the future."), code="future_year"
            )
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

    # What moderators need before they review a listing, on top of what any
    # save needs: (what is missing, the fields any one of which supplies it).
    REVIEW_REQUIREMENTS = [
        (_("description"), ["description", "description_en"]),
        (_("a phone, WhatsApp or email contact"), ["phone", "whatsapp", "email"]),
    ]
    REVIEW_FIELDS = [name for _label, names in REVIEW_REQUIREMENTS for name in names]

    def missing_for_review(self):
        """Labels of what a listing still lacks before moderators can review it."""
        return [
            label
            for label, names in self.REVIEW_REQUIREMENTS
            if not any(str(getattr(self, name) or "").strip() for name in names)
        ]

    @property
    def services(self):
        """The production services offered (OEM, ODM, makloon…), from the prefetched features."""
        return [f for f in self.features.all() if f.group == Feature.Group.SERVICE]

    @property
    def thumbnail_url(self):
        """The picture a card shows: the logo, else the first photo's thumbnail, else none."""
        if self.logo:
            return self.logo.url
        photos = self.photos.all()
        return photos[0].thumbnail_url if photos else ""

    @property
    def is_claimed(self):
        if "claimed" in self.__dict__:
            return self.claimed
        return self.memberships.exists()

    @property
    def is_organisation(self):
        """Whether the listing is an organisation, which may keep a member roster (reads its roles)."""
        return any(role.code == Role.Code.ORGANISATION for role in self.roles.all())

    # --- Verification (evidence in verification.py) ---------------------------

    @property
    def needs_nib(self):
        """Whether verifying this listing requires a confirmed NIB (by its legal form)."""
        return choices.LegalForm.has_nib(self.legal_form)

    @property
    def latest_verification(self):
        """What BPIPI checked last time, from prefetched `verifications__certificates` when there."""
        if not self.verified:
            return None
        verifications = self.verifications.all()
        return verifications[0] if verifications else None

    @property
    def checked_certification_ids(self):
        """Certifications BPIPI saw a valid certificate for (the rest are declared by the company)."""
        verification = self.latest_verification
        if verification is None:
            return set()
        return {c.certification_id for c in verification.current_certificates()}

    def certifications_with_evidence(self):
        """[(certification, checked certificate or None)]: each certification, checked or declared."""
        verification = self.latest_verification
        current = {c.certification_id: c for c in verification.current_certificates()} if verification else {}
        shown = [(c, current.pop(c.pk, None)) for c in self.certifications.all()]
        # A certificate BPIPI checked is shown even if the company did not tick it.
        return shown + [(c.certification, c) for c in current.values()]

    def _links(self, names):
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in names
            if getattr(self, name)
        ]

    @property
    def social_links(self):
        """[(label, url)] of the social media the listing gives, in page order."""
        return self._links(self.SOCIAL_FIELDS)

    @property
    def shop_links(self):
        """[(label, url)] of the online shops the listing gives."""
        return self._links(self.SHOP_FIELDS)

    @property
    def shown_categories(self):
        """Its categories as readers see them: each once, though two of its roles
        have it (a producer and brand in "sport" makes sports shoes once)."""
        seen, shown = set(), []
        for category in self.categories.all():
            if category.slug not in seen:
                seen.add(category.slug)
                shown.append(category)
        return shown

    @property
    def has_contact(self):
        return any(getattr(self, name) for name in ["whatsapp", "phone", "email", "website"])

    @property
    def can_be_submitted(self):
        """Whether the owners may send the listing to the moderators now (its status allows it)."""
        return self.status in self.SUBMITTABLE

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def whatsapp_url(self):
        if not self.whatsapp:
            return ""
        return "https://wa.me/" + str(self.whatsapp.as_e164).lstrip("+")
