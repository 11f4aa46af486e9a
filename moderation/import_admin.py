"""The record of every import in the admin: who, when, which file, what it did."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Every import: who, when, which file, what it did. Each opens its own page, with undo."""

    list_display = ["created_at", "run_link", "created_by", "status", "counts_text", "finished_at"]
    list_filter = ["status", "created_at"]
    list_select_related = ["created_by"]
    search_fields = ["filename", "created_by__email"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"), ordering="filename")
    def run_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:directory_listing_import_run", args=[obj.pk]), obj.filename
        )

    @admin.display(description=_("counts"))
    def counts_text(self, obj):
        return ", ".join(f"{key}: {value}" for key, value in obj.counts.items() if value)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:directory_listing_import_run", args=[unquote(object_id)]))
