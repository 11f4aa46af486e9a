"""Enquiries in the admin: every enquiry and the state of its emails, forwarding, numbers per listing."""

from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from outbox.models import Email
from outbox.services import email_retry

from . import services
from .forms import ForwardForm
from .models import Enquiry, Reply, ResponseStats


class DeliveryFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [
            ("failed", _("Failed")),
            ("waiting", _("Waiting or retrying")),
            ("none", _("Nobody to send to")),
        ]

    def queryset(self, request, queryset):
        emails = Enquiry.emails.through.objects.filter(enquiry=OuterRef("pk"))
        if self.value() == "failed":
            return queryset.filter(Exists(emails.filter(email__status=Email.Status.FAILED)))
        if self.value() == "waiting":
            return queryset.filter(
                Exists(emails.filter(email__status__in=[Email.Status.QUEUED, Email.Status.RETRYING]))
            )
        if self.value() == "none":
            return queryset.filter(~Exists(emails))
        return queryset


class ReplyInline(admin.TabularInline):
    model = Reply
    extra = 0
    can_delete = False
    fields = ["created_at", "by", "body"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """Enquiries are written by buyers: staff read them, forward them and retry their emails."""

    list_display = [
        "created_at",
        "listing",
        "name",
        "email",
        "country",
        "status",
        "routed_to_staff",
        "deliveries",
        "forwarded_at",
    ]
    list_filter = ["status", "routed_to_staff", DeliveryFilter, "language", "is_demo", "created_at"]
    list_select_related = ["listing"]
    search_fields = ["name", "email", "company", "product", "listing__name"]
    date_hierarchy = "created_at"
    actions = ["retry_failed"]
    inlines = [ReplyInline]
    change_form_template = "admin/enquiries/enquiry_change_form.html"
    fields = [
        "listing",
        "created_at",
        "name",
        "email",
        "company",
        "country",
        "language",
        "product",
        "quantity",
        "target_date",
        "message",
        "status",
        "answered_at",
        "answered_by",
        "routed_to_staff",
        "delivery_list",
        "forwarded_to",
        "forwarded_at",
        "forwarded_by",
        "batch",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        counts = {
            status: Count("emails", filter=Q(emails__status=status))
            for status in [Email.Status.SENT, Email.Status.FAILED, Email.Status.QUEUED, Email.Status.RETRYING]
        }
        return (
            super()
            .get_queryset(request)
            .annotate(**{f"n_{status}": count for status, count in counts.items()})
        )

    @admin.display(description=_("emails"))
    def deliveries(self, obj):
        waiting = obj.n_queued + obj.n_retrying
        parts = []
        if obj.n_sent:
            parts.append(_("%(count)d sent") % {"count": obj.n_sent})
        if waiting:
            parts.append(_("%(count)d waiting") % {"count": waiting})
        if obj.n_failed:
            parts.append(_("%(count)d failed") % {"count": obj.n_failed})
        return ", ".join(str(part) for part in parts) or "–"

    @admin.display(description=_("deliveries"))
    def delivery_list(self, obj):
        rows = (
            (
                reverse("admin:outbox_email_change", args=[email.pk]),
                email.to,
                email.get_status_display(),
                email.last_error,
            )
            for email in obj.emails.order_by("created_at")
        )
        return format_html_join(
            mark_safe("<br>"), '<a href="{}">{}</a>: {} <span class="help">{}</span>', rows
        ) or _("Nobody to send to: forward it.")

    def get_urls(self):
        return [
            path(
                "<int:pk>/forward/",
                self.admin_site.admin_view(self.forward_view),
                name="enquiries_enquiry_forward",
            ),
            *super().get_urls(),
        ]

    def forward_view(self, request, pk):
        enquiry = get_object_or_404(Enquiry.objects.select_related("listing"), pk=pk)
        if not self.has_change_permission(request, enquiry):
            return HttpResponseRedirect(reverse("admin:index"))
        form = ForwardForm(request.POST or None, initial={"to": enquiry.listing.email})
        if request.method == "POST" and form.is_valid():
            services.enquiry_forward(
                enquiry=enquiry, to=form.cleaned_data["to"], note=form.cleaned_data["note"], by=request.user
            )
            self.message_user(
                request, _("Forwarded to %(email)s.") % {"email": form.cleaned_data["to"]}, messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:enquiries_enquiry_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": enquiry,
            "title": _("Forward the enquiry"),
            "form": form,
        }
        return TemplateResponse(request, "admin/enquiries/forward.html", context)

    @admin.action(description=_("Send the failed emails again"), permissions=["change"])
    def retry_failed(self, request, queryset):
        emails = Email.objects.filter(
            pk__in=Enquiry.emails.through.objects.filter(enquiry__in=queryset).values("email")
        )
        queued = sum(1 for email in emails.exclude(status=Email.Status.SENT) if email_retry(email=email))
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", queued)
            % {"count": queued},
            messages.SUCCESS,
        )


@admin.register(ResponseStats)
class ResponseStatsAdmin(admin.ModelAdmin):
    """Enquiries received and answered per listing, and how fast, for BPIPI."""

    list_display = ["listing", "received", "answered", "median", "hint_days", "updated_at"]
    list_select_related = ["listing"]
    search_fields = ["listing__name"]
    readonly_fields = ["listing", "received", "answered", "median", "hint_days", "updated_at"]
    fields = readonly_fields

    @admin.display(description=_("median answer time"), ordering="median_hours")
    def median(self, obj):
        return obj.median_display or "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
