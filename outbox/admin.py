from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Email
from .services import email_retry


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """Emails are written by the portal; staff only watch them and retry failures."""

    list_display = ["created_at", "to", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "language", "created_at"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    fields = [
        "to",
        "reply_to",
        "subject",
        "language",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "body",
        "html_body",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Retry now"), permissions=["change"])
    def retry_now(self, request, queryset):
        queued = sum(1 for email in queryset if email_retry(email=email))
        skipped = queryset.count() - queued
        if queued:
            self.message_user(
                request,
                ngettext("%(count)d email queued again.", "%(count)d emails queued again.", queued)
                % {"count": queued},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email was sent already and was left alone.",
                    "%(count)d emails were sent already and were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
