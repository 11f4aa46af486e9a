from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from moderation.admin import ListingModerationMixin

from .counts import CachedCountPaginator
from .models import (
    Category,
    Certification,
    Cluster,
    District,
    Feature,
    Listing,
    ListingMembership,
    ListingPhoto,
    Province,
    Regency,
    Role,
)


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["code", "name", "province__name"]
    autocomplete_fields = ["province"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "regency"]
    list_select_related = ["regency"]
    search_fields = ["code", "name", "regency__name"]
    autocomplete_fields = ["regency"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    """The five chain roles are fixed: the portal's pages are built around them."""

    list_display = ["code", "label", "position"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["code", "position"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "role", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["role", "is_active"]
    list_select_related = ["role"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Feature)
class FeatureAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "group", "role", "slug", "position"]
    list_editable = ["position"]
    list_filter = ["group", "role"]
    list_select_related = ["role"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class ListingAdminForm(forms.ModelForm):
    class Meta:
        model = Listing
        fields = "__all__"  # noqa: DJ007 -- staff-only form; the fieldsets pick what shows
        widgets = {"roles": forms.CheckboxSelectMultiple}

    def clean(self):
        cleaned = super().clean()
        try:
            Listing.check_taxonomy(
                cleaned.get("roles") or [],
                cleaned.get("categories") or [],
                cleaned.get("features") or [],
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return cleaned


class ListingPhotoInline(admin.TabularInline):
    model = ListingPhoto
    extra = 0
    fields = ["image", "caption", "position"]


class ListingMembershipInline(admin.TabularInline):
    model = ListingMembership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Listing)
class ListingAdmin(ListingModerationMixin, SimpleHistoryAdmin):
    form = ListingAdminForm
    list_display = ["name", "role_list", "province", "regency", "status", "verified", "updated_at"]
    list_filter = ["status", "changed_since_review", "roles", "verified", "province", "size", "is_demo"]
    list_select_related = ["province", "regency"]
    # Name (any part), or exact NIB or slug: each can use an index (get_search_results).
    search_fields = ["name"]
    search_help_text = _("Part of the name, or the exact NIB or slug.")
    autocomplete_fields = ["province", "regency", "district", "categories", "features", "certifications"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at", "reviewed_at"]
    # Counting every listing again under each filtered count costs a scan.
    show_full_result_count = False
    paginator = CachedCountPaginator
    # A hundred rows with their filters took most of the page's time to render.
    list_per_page = 50
    inlines = [ListingPhotoInline, ListingMembershipInline]
    fieldsets = [
        (
            _("Identity"),
            {"fields": ["name", "slug", "legal_form", "nib", "kbli_codes", "year_founded", "size"]},
        ),
        (_("Chain role and offer"), {"fields": ["roles", "categories", "features", "certifications"]}),
        (
            _("Role-specific facts"),
            {
                "fields": [
                    ("capacity_pairs", "moq_pairs"),
                    ("supply_capacity", "supply_capacity_unit"),
                    ("supply_moq", "supply_moq_unit"),
                    "price_segment",
                    "organisation_kind",
                    "export_markets",
                ]
            },
        ),
        (_("Description"), {"fields": ["description", "description_en"]}),
        (
            _("Location"),
            {
                "fields": [
                    "province",
                    "regency",
                    "district",
                    "address",
                    "postal_code",
                    ("latitude", "longitude"),
                ]
            },
        ),
        (
            _("Contact"),
            {
                "fields": [
                    "contact_person",
                    ("phone", "whatsapp"),
                    "email",
                    "website",
                    ("instagram", "facebook"),
                    ("tiktok", "youtube"),
                    ("tokopedia", "shopee"),
                ]
            },
        ),
        (_("Media"), {"fields": ["logo"]}),
        (
            _("Lifecycle"),
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "changed_since_review",
                    ("verified", "verified_at"),
                    "reviewed_at",
                    "is_demo",
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    def get_search_results(self, request, queryset, search_term):
        # A name part uses the trigram index on UPPER(name) (migration 0012);
        # NIB and slug are matched exactly through their unique indexes.
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = Q(name__icontains=term) | Q(slug=term) | Q(nib=term)
        return queryset.filter(matches), False

    @admin.display(description=_("chain roles"))
    def role_list(self, obj):
        return ", ".join(str(role.label) for role in obj.roles.all())


@admin.register(ListingMembership)
class ListingMembershipAdmin(admin.ModelAdmin):
    list_display = ["listing", "user", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["listing", "user"]
    search_fields = ["listing__name", "user__email"]
    autocomplete_fields = ["listing", "user"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "regency", "district", "position"]
    list_editable = ["position"]
    list_select_related = ["regency", "district__regency"]
    search_fields = ["name", "name_en", "slug"]
    autocomplete_fields = ["regency", "district"]
    prepopulated_fields = {"slug": ["name_en"]}
