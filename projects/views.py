"""Public project pages, expressing interest, and the managers' pages in the dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory import seo
from directory.pagecache import public_page

from . import services
from .forms import InterestForm, OrganiserForm, ProjectForm
from .models import Interest, Project

PAGE_SIZE = 12


def public_projects():
    return (
        Project.objects.public()
        .in_display_order()
        .select_related("organiser", "province")
        .prefetch_related("roles_sought")
    )


@public_page
def project_list(request):
    page = Paginator(public_projects(), PAGE_SIZE).get_page(request.GET.get("page") or 1)
    context = {
        "page": page,
        "paginator": page.paginator,
        "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
    }
    return render(request, "projects/list.html", context)


@public_page
def project_detail(request, slug):
    project = get_object_or_404(
        Project.objects.public().select_related("organiser", "province").prefetch_related("roles_sought"),
        slug=slug,
    )
    participants = list(
        project.interests.selected().select_related("listing__regency").order_by("listing__name")
    )
    context = {
        "project": project,
        "participants": participants,
        "summary": project.summary,
        "canonical": seo.absolute_url(project.get_absolute_url()),
        "is_manager": project.is_managed_by(request.user),
    }
    if request.user.is_authenticated and project.accepts_interest:
        context["form"] = InterestForm(user=request.user)
        context["mine"] = list(
            project.interests.filter(listing__memberships__user=request.user).select_related("listing")
        )
    return render(request, "projects/detail.html", context)


@login_required
@require_POST
def interest(request, slug):
    project = get_object_or_404(Project.objects.public(), slug=slug)
    form = InterestForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.interest_express(
                project=project,
                listing=form.cleaned_data["listing"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you. The project's managers will get back to you."))
    else:
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
    return redirect(project)


# --- Dashboard ------------------------------------------------------------------------------


def get_project_for_manager(request, slug):
    """The project with this slug if the user manages it (its organiser's team, or BPIPI staff); else 404."""
    project = get_object_or_404(Project.objects.select_related("organiser"), slug=slug)
    if not project.is_managed_by(request.user):
        raise Http404
    return project


@login_required
def my_projects(request):
    projects = Project.objects.managed_by(request.user).distinct().order_by("-created_at")
    organisers = OrganiserForm(user=request.user).fields["organiser"].queryset
    return render(request, "projects/mine.html", {"projects": projects, "can_propose": organisers.exists()})


@login_required
def project_propose(request):
    organiser_form = OrganiserForm(request.POST or None, user=request.user)
    if not organiser_form.fields["organiser"].queryset.exists():
        raise Http404
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and organiser_form.is_valid() and form.is_valid():
        try:
            services.project_propose(
                project=form.save(commit=False),
                roles=form.cleaned_data["roles_sought"],
                organiser=organiser_form.cleaned_data["organiser"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. BPIPI will check the project before it is published."))
            return redirect("projects:mine")
    context = {"form": form, "organiser_form": organiser_form}
    return render(request, "projects/propose.html", context, status=400 if form.errors else 200)


@login_required
def project_manage(request, slug):
    project = get_project_for_manager(request, slug)
    interests = list(
        project.interests.select_related("listing__regency", "by").order_by("status", "created_at")
    )
    return render(request, "projects/manage.html", {"project": project, "interests": interests})


@login_required
@require_POST
def interest_decide(request, slug, pk):
    project = get_project_for_manager(request, slug)
    interest = get_object_or_404(Interest, project=project, pk=pk)
    try:
        services.interest_decide(
            interest=interest, selected=request.POST.get("selected") == "1", by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("projects:manage", slug=project.slug)


@login_required
@require_POST
def project_advance(request, slug):
    project = get_project_for_manager(request, slug)
    try:
        project = services.project_advance(project=project, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The project is now: %(status)s.") % {"status": project.get_status_display()}
        )
    return redirect("projects:manage", slug=project.slug)
