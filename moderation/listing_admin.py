"""The listing admin: content is edited here, the lifecycle only through decisions.

Status, verification and review dates are read-only on the form; the
decision buttons (ListingDecisionsMixin) change them through the services.
Reverting a version from the history restores the listing's content, never
its status or verification: those are put back from the stored row.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from directory.counts import CachedCountPaginator
from directory.models import Listing, ListingMembership, ListingPhoto, Verification

from .admin import ListingModerationMixin

# What only a decision changes (directory/models/lifecycle.py guards it).
LIFECYCLE_FIELDS = [
    "status",
    "rejection_reason",
    "changed_since_review",
    "verified",
    "verified_at",
    "reviewed_at",
]


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


class VerificationInline(admin.TabularInline):
    """What BPIPI checked at each verification, read-only: it is the record behind the badge."""

    model = Verification
    extra = 0
    can_delete = False
    fields = [
        "checked_at",
        "checked_by",
        "nib_confirmed",
        "site_visit_on",
        "certificate_list",
        "document_link",
    ]
    readonly_fields = fields
    verbose_name_plural = _("verification evidence")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("checked_by")
            .prefetch_related("certificates__certification")
        )

    @admin.display(description=_("certificates"))
    def certificate_list(self, obj):
        return format_html_join(
            ", ",
            "{} {} ({}, {})",
            ((c.certification.label, c.number, c.issuer, c.expires_on) for c in obj.certificates.all()),
        )

    @admin.display(description=_("evidence document"))
    def document_link(self, obj):
        if not obj.document:
            return "—"
        url = reverse("admin:directory_listing_verification_document", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download"))


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
    readonly_fields = [*LIFECYCLE_FIELDS, "created_at", "updated_at"]
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

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        # Evidence exists once a listing was verified, never on the add page.
        return [*inlines, VerificationInline] if obj else inlines

    def get_urls(self):
        return [
            path(
                "verification/<int:pk>/document/",
                self.admin_site.admin_view(self.verification_document_view),
                name="directory_listing_verification_document",
            ),
            *super().get_urls(),
        ]

    def verification_document_view(self, request, pk):
        """A verification's private document, for moderators only."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        verification = get_object_or_404(Verification, pk=pk)
        document = verification.document
        if not document or not document.storage.exists(document.name):
            raise Http404
        return FileResponse(document.open("rb"), as_attachment=True, filename=document.name.split("/")[-1])

    def save_model(self, request, obj, form, change):
        # The form leaves the lifecycle alone, but a version restored from the
        # history carries the status and verification it had then: keep today's.
        if change:
            stored = Listing.objects.filter(pk=obj.pk).values(*LIFECYCLE_FIELDS).first()
            for name, value in (stored or {}).items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

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
