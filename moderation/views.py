import logging

from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from directory.models import Listing
from ifn.ratelimit import client_ip

from . import uploads
from .columns import COLUMNS
from .forms import ErrorReportForm, ImportForm
from .transfer import FileError, import_listings

logger = logging.getLogger(__name__)

# Reports accepted from one IP address per hour: enough for a person, too few for a bot.
REPORTS_PER_HOUR = 5
IMPORT_SALT = "moderation.import"


def _rate_limited(request):
    """Count a report from this IP; True once the hour's allowance is used up."""
    key = "moderation:report:" + client_ip(request)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > REPORTS_PER_HOUR


@require_http_methods(["GET", "POST"])
def report(request, slug):
    """'Report an error' on a published listing: a short form that lands in the moderation queue."""
    listing = get_object_or_404(Listing.objects.published(), slug=slug)
    form = ErrorReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request):
            return render(
                request,
                "moderation/report_form.html",
                {"listing": listing, "form": form, "limited": True},
                status=429,
            )
        # A filled honeypot is a bot: thank it like a person and keep nothing.
        if not form.is_spam:
            report = form.save(commit=False)
            report.listing = listing
            report.save()
        messages.success(request, _("Thank you. BPIPI will check this listing."))
        return redirect(listing)
    return render(request, "moderation/report_form.html", {"listing": listing, "form": form})


def admin_import(request, model_admin):
    """The admin import: upload and dry run first, then the import of the same file."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import listings"),
        "columns": COLUMNS,
    }
    if request.method == "POST" and "token" in request.POST:
        return _import_confirmed(request, model_admin, context)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_listings(upload, filename=upload.name, dry_run=True, by=request.user)
        except FileError as error:
            form.add_error("file", error.message)
        else:
            if report.ok:
                # Kept until the moderator confirms; the signed token names it.
                stored = uploads.store(upload)
                context["token"] = signing.dumps({"path": stored, "name": upload.name}, salt=IMPORT_SALT)
            context["report"] = report
            context["filename"] = upload.name
    context["form"] = form
    return TemplateResponse(request, "admin/moderation/import.html", context)


def _import_confirmed(request, model_admin, context):
    changelist = reverse("admin:directory_listing_changelist")
    try:
        upload = signing.loads(request.POST["token"], salt=IMPORT_SALT, max_age=3600)
    except signing.BadSignature:
        model_admin.message_user(request, _("The upload has expired; choose the file again."), messages.ERROR)
        return redirect(reverse("admin:directory_listing_import"))
    try:
        with uploads.open_stored(upload["path"]) as file:
            report = import_listings(file, filename=upload["name"], dry_run=False, by=request.user)
    except (FileError, FileNotFoundError):
        model_admin.message_user(request, _("The upload has expired; choose the file again."), messages.ERROR)
        return redirect(reverse("admin:directory_listing_import"))
    if not report.written:
        # The data changed between the dry run and now: show what fails.
        context.update(report=report, filename=upload["name"], form=ImportForm(), failed=True)
        return TemplateResponse(request, "admin/moderation/import.html", context)
    uploads.delete(upload["path"])
    model_admin.message_user(
        request,
        _("Imported %(name)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % {"name": upload["name"], **report.summary},
        messages.SUCCESS,
    )
    return redirect(changelist)
