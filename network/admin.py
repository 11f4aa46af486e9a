"""Rosters, supply links and proposed edits in the admin.

Staff record links and memberships for unclaimed listings, answer for an
unclaimed side, end what is false, and review the edits communities propose.
Every change goes through network/services.py.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.models import CommunityMember, SupplyLink

from . import services
from .models import EditProposal


def _report(modeladmin, request, done, failures):
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(count)d entry changed.", "%(count)d entries changed.", done) % {"count": done},
            messages.SUCCESS,
        )
    for item, error in failures:
        modeladmin.message_user(request, f"{item}: {' '.join(error.messages)}", messages.WARNING)


class RecordForm(forms.ModelForm):
    """Staff's form for a new link or membership: the service's rules as form errors."""

    first_field, second_field = "", ""

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get(self.first_field), cleaned.get(self.second_field)
        if first and second:
            try:
                services.record_check(first=first, second=second)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return cleaned

    def validate_constraints(self, exclude=None):
        # The record's status is set by the service; the open-pair constraint
        # is checked there too, with its message.
        pass


class SupplyLinkForm(RecordForm):
    first_field, second_field = "supplier", "customer"

    class Meta:
        model = SupplyLink
        fields = ["supplier", "customer", "kind", "category", "note"]


@admin.register(SupplyLink)
class SupplyLinkAdmin(admin.ModelAdmin):
    list_display = [
        "supplier",
        "customer",
        "kind",
        "category",
        "status",
        "proposer",
        "created_at",
        "decided_at",
    ]
    list_filter = ["status", "kind", "is_demo", "created_at"]
    list_select_related = ["supplier", "customer", "category__role", "proposer"]
    search_fields = ["supplier__name", "customer__name"]
    autocomplete_fields = ["supplier", "customer"]
    date_hierarchy = "created_at"
    actions = ["confirm_for_unclaimed", "end_links"]
    readonly_fields = [
        "status",
        "proposer",
        "proposed_by",
        "created_at",
        "decided_by",
        "decided_at",
        "ended_by",
        "ended_at",
        "is_demo",
    ]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = SupplyLinkForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return SupplyLinkForm.Meta.fields
        return ["supplier", "customer", "kind", "category", "note", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["supplier", "customer", "kind", "category", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["note"])
            return
        data = form.cleaned_data
        link = services.link_record(
            supplier=data["supplier"],
            customer=data["customer"],
            kind=data["kind"],
            category=data["category"],
            note=data["note"],
            by=request.user,
        )
        obj.pk = link.pk

    def has_delete_permission(self, request, obj=None):
        # Links end (with who and when); they are not deleted.
        return False

    @admin.action(description=_("Confirm for the unclaimed side"), permissions=["change"])
    def confirm_for_unclaimed(self, request, queryset):
        done, failures = 0, []
        for link in queryset.select_related("supplier", "customer"):
            side = link.customer if link.proposer_id == link.supplier_id else link.supplier
            try:
                services.link_confirm(link=link, listing=side, by=request.user)
            except ValidationError as error:
                failures.append((link, error))
            else:
                done += 1
        _report(self, request, done, failures)

    @admin.action(description=_("End the selected links"), permissions=["change"])
    def end_links(self, request, queryset):
        done, failures = 0, []
        for link in queryset.select_related("supplier"):
            try:
                services.link_end(link=link, listing=link.supplier, by=request.user)
            except ValidationError as error:
                failures.append((link, error))
            else:
                done += 1
        _report(self, request, done, failures)


class CommunityMemberForm(RecordForm):
    first_field, second_field = "organisation", "member"

    class Meta:
        model = CommunityMember
        fields = ["organisation", "member"]

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if not organisation.is_organisation:
            raise ValidationError(_("Only organisations keep a roster."), code="not_organisation")
        return organisation


@admin.register(CommunityMember)
class CommunityMemberAdmin(admin.ModelAdmin):
    list_display = ["member", "organisation", "status", "created_at", "decided_at"]
    list_filter = ["status", "is_demo", "created_at"]
    list_select_related = ["member", "organisation"]
    search_fields = ["member__name", "organisation__name"]
    autocomplete_fields = ["organisation", "member"]
    actions = ["confirm_for_unclaimed", "end_memberships"]
    readonly_fields = [
        "status",
        "message",
        "requested_by",
        "created_at",
        "decided_by",
        "decided_at",
        "ended_by",
        "ended_at",
        "is_demo",
    ]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = CommunityMemberForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return CommunityMemberForm.Meta.fields
        return ["organisation", "member", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["organisation", "member", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            return
        entry = services.roster_record(
            organisation=form.cleaned_data["organisation"],
            member=form.cleaned_data["member"],
            by=request.user,
        )
        obj.pk = entry.pk

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Confirm for the unclaimed side"), permissions=["change"])
    def confirm_for_unclaimed(self, request, queryset):
        done, failures = 0, []
        for entry in queryset.select_related("organisation", "member"):
            side = entry.member if entry.status == CommunityMember.Status.INVITED else entry.organisation
            try:
                services.roster_confirm(entry=entry, listing=side, by=request.user)
            except ValidationError as error:
                failures.append((entry, error))
            else:
                done += 1
        _report(self, request, done, failures)

    @admin.action(description=_("End the selected memberships"), permissions=["change"])
    def end_memberships(self, request, queryset):
        done, failures = 0, []
        for entry in queryset.select_related("organisation"):
            try:
                services.roster_end(entry=entry, listing=entry.organisation, by=request.user)
            except ValidationError as error:
                failures.append((entry, error))
            else:
                done += 1
        _report(self, request, done, failures)


@admin.register(EditProposal)
class EditProposalAdmin(admin.ModelAdmin):
    """Moderators compare the proposed values with the listing's and accept or reject them."""

    list_display = ["listing", "organisation", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status", "created_at"]
    list_select_related = ["listing", "organisation", "decided_by"]
    search_fields = ["listing__name", "organisation__name"]
    change_form_template = "admin/network/editproposal_change_form.html"
    actions = ["accept_selected"]
    fields = [
        "listing_link",
        "organisation",
        "proposed_by",
        "created_at",
        "note",
        "comparison",
        "status",
        "decided_by",
        "decided_at",
        "reason",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("listing"))
    def listing_link(self, obj):
        url = reverse("admin:directory_listing_change", args=[obj.listing_id])
        return format_html('<a href="{}">{}</a>', url, obj.listing)

    @admin.display(description=_("changes"))
    def comparison(self, obj):
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            ((str(a), b, c) for a, b, c in obj.rows()),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("field"),
            _("now"),
            _("proposed"),
            rows,
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="network_editproposal_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        proposal = get_object_or_404(EditProposal, pk=pk)
        try:
            if "accept" in request.POST:
                services.edit_accept(proposal=proposal, by=request.user)
                self.message_user(request, _("Accepted: the listing shows the new values."), messages.SUCCESS)
            else:
                services.edit_reject(
                    proposal=proposal, by=request.user, reason=request.POST.get("reason", "")
                )
                self.message_user(request, _("Rejected; the organisation was told why."), messages.SUCCESS)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:network_editproposal_change", args=[pk]))

    @admin.action(description=_("Accept the selected proposals"), permissions=["change"])
    def accept_selected(self, request, queryset):
        done, failures = 0, []
        for proposal in queryset:
            try:
                services.edit_accept(proposal=proposal, by=request.user)
            except ValidationError as error:
                failures.append((proposal, error))
            else:
                done += 1
        _report(self, request, done, failures)
