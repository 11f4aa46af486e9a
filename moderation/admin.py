"""Moderation in the admin: decision actions and buttons, queues, reports, import and export."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.counts import CachedCountPaginator
from directory.models import Listing

from . import import_admin, import_views, transfer  # noqa: F401 (import_admin registers ImportRun)
from .forms import CertificateFormSet, DecisionForm, VerificationForm, evidence_from
from .models import ChangedListing, Decision, ErrorReport, PendingListing, ReverificationDueListing
from .services import APPLIES_TO, REASON_REQUIRED, DecisionError, listing_decide

Action = Decision.Action

BUTTON_LABELS = {
    Action.APPROVE: _("Approve"),
    Action.REJECT: _("Reject"),
    Action.REQUEST_CHANGES: _("Request changes"),
    Action.VERIFY: _("Verify"),
    Action.UNPUBLISH: _("Unpublish"),
    Action.ARCHIVE: _("Archive"),
}


class DecisionInline(admin.TabularInline):
    """The listing's decision history, read-only: the audit record is never edited."""

    model = Decision
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "actor", "reason", "from_status", "to_status"]
    readonly_fields = fields
    verbose_name_plural = _("moderation history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ErrorReportInline(admin.TabularInline):
    model = ErrorReport
    extra = 0
    can_delete = False
    fields = ["created_at", "message", "contact", "status"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _decision_action(action):
    """A bulk admin action for a decision; decisions that need a reason ask for it first."""

    def run(modeladmin, request, queryset):
        return modeladmin.decide_in_bulk(request, queryset, action)

    run.__name__ = f"decide_{action}"
    return admin.action(
        description=_("%(decision)s: selected listings") % {"decision": BUTTON_LABELS[action]},
        permissions=["moderate"],
    )(run)


class ListingDecisionsMixin:
    """Decisions as bulk actions and as buttons on the listing's page, with its history."""

    change_form_template = "admin/moderation/listing_change_form.html"
    decision_actions = [
        Action.APPROVE,
        Action.REJECT,
        Action.REQUEST_CHANGES,
        Action.VERIFY,
        Action.UNPUBLISH,
        Action.ARCHIVE,
    ]

    # Verifying needs evidence per listing: it is a button on one listing, never a bulk action.
    bulk_decision_actions = [a for a in decision_actions if a != Action.VERIFY]

    def has_moderate_permission(self, request):
        return request.user.has_perm("moderation.moderate_listing")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_moderate_permission(request):
            for action in self.bulk_decision_actions:
                func = _decision_action(action)
                actions[func.__name__] = (func, func.__name__, func.short_description)
        return actions

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return [*inlines, DecisionInline, ErrorReportInline] if obj else inlines

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/decide/<str:action>/",
                self.admin_site.admin_view(self.decide_view),
                name=f"{opts.app_label}_{opts.model_name}_decide",
            ),
            *super().get_urls(),
        ]

    def decision_buttons(self, request, obj):
        if obj is None or not self.has_moderate_permission(request):
            return []
        opts = self.model._meta
        due = obj.verified and Listing.objects.reverification_due().filter(pk=obj.pk).exists()
        return [
            {
                "action": action.value,
                "label": BUTTON_LABELS[action],
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_decide", args=[obj.pk, action.value]
                ),
            }
            for action in self.decision_actions
            if obj.status in APPLIES_TO[action] and not (action == Action.VERIFY and obj.verified and not due)
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["decision_buttons"] = self.decision_buttons(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def decide_view(self, request, object_id, action):
        """One decision on one listing: a confirmation page with the reason, then the decision."""
        if action not in self.decision_actions:
            raise Http404
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        listing = self.get_object(request, unquote(object_id))
        if listing is None:
            raise Http404
        action = Action(action)
        if action == Action.VERIFY:
            return self._verify_view(request, listing)
        form = DecisionForm(request.POST or None, action=action)
        if request.method == "POST" and form.is_valid():
            try:
                listing_decide(
                    listing=listing, by=request.user, action=action, reason=form.cleaned_data["reason"]
                )
            except DecisionError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(decision)s: “%(listing)s”.")
                    % {"decision": Action(action).label, "listing": listing},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(self._after_decision_url(request, listing))
        return self._decision_page(request, action, form, [listing])

    def _verify_view(self, request, listing):
        """Verify one listing: the form records what BPIPI checked; without enough, it says what is missing."""
        action = Action.VERIFY
        posted = request.method == "POST"
        form = VerificationForm(request.POST if posted else None, request.FILES or None, action=action)
        certificates = CertificateFormSet(request.POST if posted else None, prefix="certificates")
        if posted and form.is_valid() and certificates.is_valid():
            try:
                listing_decide(
                    listing=listing,
                    by=request.user,
                    action=action,
                    reason=form.cleaned_data["reason"],
                    evidence=evidence_from(form, certificates),
                )
            except DecisionError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request,
                    _("%(decision)s: “%(listing)s”.") % {"decision": action.label, "listing": listing},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._after_decision_url(request, listing))
        response = self._decision_page(request, action, form, [listing])
        response.context_data["certificates"] = certificates
        return response

    def _after_decision_url(self, request, listing):
        opts = self.model._meta
        if self.get_queryset(request).filter(pk=listing.pk).exists():
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[listing.pk])
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    def _decision_page(self, request, action, form, listings, bulk=False):
        context = {
            **self.admin_site.each_context(request),
            "title": _("%(decision)s: are you sure?") % {"decision": BUTTON_LABELS[action]},
            "opts": self.model._meta,
            "decision": action,
            "decision_label": BUTTON_LABELS[action],
            "form": form,
            "listings": listings,
            "bulk": bulk,
            "action_name": f"decide_{action}",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/moderation/decision_form.html", context)

    def decide_in_bulk(self, request, queryset, action):
        """Apply a decision to every selected listing; those it does not apply to are reported, not changed."""
        listings = list(queryset)
        form = DecisionForm(request.POST if "confirm" in request.POST else None, action=action)
        if action in REASON_REQUIRED and not form.is_valid():
            return self._decision_page(request, action, form, listings, bulk=True)
        reason = form.cleaned_data["reason"] if form.is_bound and form.is_valid() else ""
        done, errors = 0, []
        for listing in listings:
            try:
                listing_decide(listing=listing, by=request.user, action=action, reason=reason)
            except DecisionError as error:
                errors.append(error.message)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(decision)s: %(count)d listing.", "%(decision)s: %(count)d listings.", done)
                % {"decision": Action(action).label, "count": done},
                messages.SUCCESS,
            )
        for message in errors:
            self.message_user(request, message, messages.WARNING)
        return None


class ListingTransferMixin:
    """Import from CSV/XLSX (dry run first) and export to CSV/XLSX."""

    change_list_template = "admin/moderation/listing_change_list.html"

    def has_import_permission(self, request):
        return request.user.has_perm("directory.add_listing") and request.user.has_perm(
            "directory.change_listing"
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="directory_listing_import"),
            path("import/<int:run_id>/", wrap(self.import_run_view), name="directory_listing_import_run"),
            path(
                "import/<int:run_id>/status.json",
                wrap(self.import_status_view),
                name="directory_listing_import_status",
            ),
            path(
                "import/<int:run_id>/rejected.csv",
                wrap(self.import_rejected_view),
                name="directory_listing_import_rejected",
            ),
            path(
                "import/<int:run_id>/undo/", wrap(self.import_undo_view), name="directory_listing_import_undo"
            ),
            path(
                "import/template.<str:fmt>",
                wrap(self.template_view),
                name="directory_listing_import_template",
            ),
            path("export.<str:fmt>", wrap(self.export_all_view), name="directory_listing_export"),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_view_permission(request):
            for fmt in transfer.FORMATS:
                func = self._export_action(fmt)
                actions[func.__name__] = (func, func.__name__, func.short_description)
        return actions

    @staticmethod
    def _export_action(fmt):
        def run(modeladmin, request, queryset):
            return transfer.export_response(queryset, fmt)

        run.__name__ = f"export_{fmt}"
        run.short_description = _("Export selected listings (%(format)s)") % {"format": fmt.upper()}
        return run

    def export_all_view(self, request, fmt):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if fmt not in transfer.FORMATS:
            raise Http404
        return transfer.export_response(Listing.objects.all(), fmt)

    def template_view(self, request, fmt):
        if fmt not in transfer.FORMATS:
            raise Http404
        return transfer.template_response(fmt)

    def import_view(self, request):
        return import_views.upload(request, self)

    def import_run_view(self, request, run_id):
        return import_views.run_page(request, self, run_id)

    def import_status_view(self, request, run_id):
        return import_views.status(request, self, run_id)

    def import_rejected_view(self, request, run_id):
        return import_views.rejected(request, self, run_id)

    def import_undo_view(self, request, run_id):
        return import_views.undo(request, self, run_id)


class ListingModerationMixin(ListingDecisionsMixin, ListingTransferMixin):
    """Everything moderation adds to the listing admin (listing_admin.ListingAdmin)."""


class QueueAdmin(ListingDecisionsMixin, admin.ModelAdmin):
    """A moderation queue: a filtered list of listings whose rows open the listing's own page."""

    list_display = ["listing_link", "regency", "province", "status", "verified", "updated_at"]
    list_display_links = None
    list_select_related = ["province", "regency"]
    search_fields = ["name", "nib", "regency__name"]
    list_filter = ["roles", "province"]
    ordering = ["updated_at"]
    show_full_result_count = False
    paginator = CachedCountPaginator
    # A hundred rows with their filters took most of the page's time to render.
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("listing"), ordering="name")
    def listing_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:directory_listing_change", args=[obj.pk]), obj.name
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The queue is a view of listings: a listing is edited on its own page.
        return HttpResponseRedirect(reverse("admin:directory_listing_change", args=[unquote(object_id)]))


@admin.register(PendingListing)
class PendingListingAdmin(QueueAdmin):
    pass


@admin.register(ChangedListing)
class ChangedListingAdmin(QueueAdmin):
    list_display = ["listing_link", "regency", "reviewed_at", "updated_at"]


@admin.register(ReverificationDueListing)
class ReverificationDueListingAdmin(QueueAdmin):
    """Re-verify from the listing's page, with the renewed certificate."""

    list_display = ["listing_link", "regency", "verified_at", "updated_at"]
    ordering = ["verified_at"]


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "listing_link", "short_message", "contact", "status", "handled_by"]
    list_filter = ["status"]
    list_select_related = ["listing", "handled_by"]
    search_fields = ["message", "contact", "listing__name"]
    fields = ["listing", "message", "contact", "status", "created_at", "handled_by", "handled_at"]
    readonly_fields = ["listing", "message", "contact", "created_at", "handled_by", "handled_at"]
    actions = ["resolve", "dismiss"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("listing"), ordering="listing__name")
    def listing_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:directory_listing_change", args=[obj.listing_id]),
            obj.listing,
        )

    @admin.display(description=_("what is wrong"))
    def short_message(self, obj):
        return obj.message if len(obj.message) <= 80 else obj.message[:79] + "…"

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status != ErrorReport.Status.OPEN:
            obj.close(status=obj.status, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def _close(self, request, queryset, status):
        reports = list(queryset.filter(status=ErrorReport.Status.OPEN))
        for report in reports:
            report.close(status=status, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d report closed.", "%(count)d reports closed.", len(reports))
            % {"count": len(reports)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark selected reports resolved"), permissions=["change"])
    def resolve(self, request, queryset):
        self._close(request, queryset, ErrorReport.Status.RESOLVED)

    @admin.action(description=_("Dismiss selected reports"), permissions=["change"])
    def dismiss(self, request, queryset):
        self._close(request, queryset, ErrorReport.Status.DISMISSED)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """The audit log of every moderation decision; read-only."""

    list_display = ["created_at", "listing", "action", "actor", "from_status", "to_status", "reason"]
    list_filter = ["action", "created_at"]
    list_select_related = ["listing", "actor"]
    search_fields = ["listing__name", "actor__email", "reason"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The listing admin is built from the mixins above; importing it registers it.
from .listing_admin import ListingAdmin  # noqa: E402, F401
