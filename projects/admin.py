"""Projects in the admin: BPIPI's own projects, organisations' proposals to approve, participants."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Interest, Project


def _report(modeladmin, request, done, failures):
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(count)d entry changed.", "%(count)d entries changed.", done) % {"count": done},
            messages.SUCCESS,
        )
    for item, error in failures:
        modeladmin.message_user(request, f"{item}: {' '.join(error.messages)}", messages.WARNING)


class InterestInline(admin.TabularInline):
    model = Interest
    extra = 0
    can_delete = False
    fields = ["listing", "note", "status", "created_at", "decided_by", "decided_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "organiser", "location", "deadline", "created_at"]
    list_filter = ["status", "is_demo", "created_at"]
    list_select_related = ["organiser"]
    search_fields = ["title", "title_en", "organiser__name", "location"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organiser"]
    filter_horizontal = ["roles_sought"]
    inlines = [InterestInline]
    actions = ["approve", "advance"]
    change_form_template = "admin/projects/project_change_form.html"
    readonly_fields = ["status", "created_by", "approved_by", "approved_at", "rejection_reason", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve and publish the selected proposals"), permissions=["change"])
    def approve(self, request, queryset):
        done, failures = 0, []
        for project in queryset:
            try:
                services.project_approve(project=project, by=request.user)
            except ValidationError as error:
                failures.append((project, error))
            else:
                done += 1
        _report(self, request, done, failures)

    @admin.action(description=_("Move on: open → running → done"), permissions=["change"])
    def advance(self, request, queryset):
        done, failures = 0, []
        for project in queryset:
            try:
                services.project_advance(project=project, by=request.user)
            except ValidationError as error:
                failures.append((project, error))
            else:
                done += 1
        _report(self, request, done, failures)

    def get_urls(self):
        return [
            path(
                "<int:pk>/reject/",
                self.admin_site.admin_view(self.reject_view),
                name="projects_project_reject",
            ),
            *super().get_urls(),
        ]

    def reject_view(self, request, pk):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        project = get_object_or_404(Project, pk=pk)
        try:
            services.project_reject(project=project, by=request.user, reason=request.POST.get("reason", ""))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, _("Rejected; the organisation was told why."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:projects_project_change", args=[pk]))


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["listing", "project", "status", "created_at", "decided_at"]
    list_filter = ["status", "project"]
    list_select_related = ["listing", "project"]
    search_fields = ["listing__name", "project__title"]
    actions = ["pick", "not_picked"]
    fields = ["project", "listing", "note", "by", "status", "created_at", "decided_by", "decided_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, selected):
        done, failures = 0, []
        for interest in queryset:
            try:
                services.interest_decide(interest=interest, selected=selected, by=request.user)
            except ValidationError as error:
                failures.append((interest, error))
            else:
                done += 1
        _report(self, request, done, failures)

    @admin.action(description=_("Pick as participants"), permissions=["change"])
    def pick(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Not picked this time"), permissions=["change"])
    def not_picked(self, request, queryset):
        self._decide(request, queryset, False)
