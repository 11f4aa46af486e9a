"""The directory's reference data in the admin. The listing admin, with its
decisions, lives in moderation (moderation/listing_admin.py): the directory
does not import the apps above it."""

from django.contrib import admin

from .models import (
    Category,
    Certification,
    Cluster,
    District,
    Feature,
    ListingMembership,
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
