from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import UserChangeForm, UserCreationForm
from .models import Claim, Invitation, User
from .permissions import TranslatedPermissionsMixin
from .services import claim_approve, claim_reject


class ClaimRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, emailed to the claimants"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60})
    )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(TranslatedPermissionsMixin, BaseGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(TranslatedPermissionsMixin, BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """Claims are decided with the actions, which call the services and email the claimant."""

    list_display = ["listing", "user", "position", "nib", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["listing", "user", "decided_by"]
    search_fields = ["listing__name", "user__email", "nib"]
    autocomplete_fields = ["listing", "user"]
    fields = [
        "listing",
        "user",
        "position",
        "nib",
        "document_link",
        "message",
        "status",
        "decision_reason",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    readonly_fields = ["document_link", "status", "decision_reason", "decided_by", "decided_at", "created_at"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        # Claims come from companies through the dashboard, with their document.
        return False

    @admin.display(description=_("supporting document"))
    def document_link(self, obj):
        if not obj.document:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("accounts:claim_document", args=[obj.pk]), _("Download")
        )

    @admin.action(description=_("Approve the selected claims"), permissions=["change"])
    def approve(self, request, queryset):
        done = 0
        for claim in queryset:
            try:
                claim_approve(claim=claim, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{claim}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(count)d claims approved.") % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Reject the selected claims…"), permissions=["change"])
    def reject(self, request, queryset):
        form = ClaimRejectForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = 0
            for claim in queryset:
                try:
                    claim_reject(claim=claim, by=request.user, reason=form.cleaned_data["reason"])
                except ValidationError as error:
                    self.message_user(request, f"{claim}: {' '.join(error.messages)}", messages.ERROR)
                else:
                    done += 1
            if done:
                self.message_user(
                    request, _("%(count)d claims rejected.") % {"count": done}, messages.SUCCESS
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject claims"),
            "claims": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/claim/reject.html", context)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "listing", "invited_by", "created_at", "accepted_at"]
    list_select_related = ["listing", "invited_by"]
    search_fields = ["email", "listing__name"]
    autocomplete_fields = ["listing"]
    readonly_fields = ["invited_by", "accepted_by", "accepted_at", "created_at"]
    exclude = ["token"]
