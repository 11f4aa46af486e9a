"""The admin import: upload, map the columns, review the rows, then import as a background job."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import uploads
from .import_forms import ImportForm, MappingForm
from .importer import FileError, analyse, prepare, rejected_csv
from .importer.mapping import check_mapping
from .importer.runs import UndoError, import_undo, touched_since
from .models import ImportRun
from .tasks import run_import

# How many rows of each group the review page lists; the rejected file has them all.
SHOWN = 200


def _run_for_user(request, model_admin, run_id):
    """The import the user may see: staff who may import see every import."""
    if not model_admin.has_import_permission(request):
        raise PermissionDenied
    run = ImportRun.objects.select_related("created_by").filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run


def _context(request, model_admin, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import listings"),
        **extra,
    }


def _may_publish(request):
    return request.user.has_perm("moderation.moderate_listing")


def upload(request, model_admin):
    """Step 1: the file. It is read at once, so an unreadable file is refused here."""
    if not model_admin.has_import_permission(request):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        sheet = form.cleaned_data["sheet"] or None
        try:
            table, mapping = prepare(file, file.name, sheet=sheet)
        except FileError as error:
            form.add_error("file", error.message)
        else:
            run = ImportRun.objects.create(
                created_by=request.user,
                filename=file.name[:255],
                stored_name=uploads.store(file),
                options={"sheet": table.sheet, "mapping": mapping},
                total=len(table.rows),
            )
            return redirect(reverse("admin:directory_listing_import_run", args=[run.pk]))
    recent = ImportRun.objects.select_related("created_by").exclude(status=ImportRun.Status.DRAFT)[:10]
    return TemplateResponse(
        request, "admin/moderation/import.html", _context(request, model_admin, form=form, recent=recent)
    )


def run_page(request, model_admin, run_id):
    """Step 2 and 3 while the import is a draft (mapping, review); its progress and result after."""
    run = _run_for_user(request, model_admin, run_id)
    if run.status != ImportRun.Status.DRAFT:
        return _progress_page(request, model_admin, run)
    try:
        with uploads.open_stored(run.stored_name) as file:
            table, mapping = prepare(
                file, run.filename, sheet=run.options.get("sheet"), mapping=run.options.get("mapping")
            )
    except (FileError, FileNotFoundError):
        messages.error(request, _("The upload has expired; choose the file again."))
        return redirect(reverse("admin:directory_listing_import"))
    options = run.options
    initial = {
        "default_roles": [
            r.strip() for r in options.get("defaults", {}).get("roles", "").split(",") if r.strip()
        ],
        "default_province": options.get("defaults", {}).get("province", ""),
        "clear_empty": options.get("clear_empty", False),
        "publish": options.get("publish", False),
    }
    data = request.POST if request.method == "POST" else None
    form = MappingForm(data, initial=initial, table=table, mapping=mapping, may_publish=_may_publish(request))
    context = _context(request, model_admin, run=run, form=form, table=table)
    if request.method == "POST":
        if not form.is_valid():
            return TemplateResponse(request, "admin/moderation/import_run.html", context)
        resolutions = {
            key.removeprefix("duplicate_"): value
            for key, value in request.POST.items()
            if key.startswith("duplicate_") and value in ("merge", "keep")
        }
        run.options = {
            **options,
            "mapping": form.mapping,
            "defaults": form.defaults,
            "clear_empty": form.cleaned_data["clear_empty"],
            "publish": bool(form.cleaned_data.get("publish")) and _may_publish(request),
            "resolutions": resolutions,
            "reviewed": True,
        }
        run.save(update_fields=["options"])
        problems = check_mapping(form.mapping, form.defaults)
        if "import" in request.POST and not problems:
            return _confirm(request, run)
        return redirect(reverse("admin:directory_listing_import_run", args=[run.pk]) + "#review")
    if options.get("reviewed"):
        try:
            report = analyse(
                table,
                mapping,
                defaults=options.get("defaults"),
                clear_empty=options.get("clear_empty", False),
                resolutions=options.get("resolutions"),
            )
        except FileError as error:
            context["mapping_problem"] = error.message
        else:
            context.update(report=report, groups=_groups(report), shown=SHOWN)
    return TemplateResponse(request, "admin/moderation/import_run.html", context)


def _groups(report):
    labels = [
        ("error", _("Rows with errors: not imported")),
        ("duplicate", _("Possible duplicates of existing listings: merge or keep apart")),
        ("created", _("New listings")),
        ("updated", _("Updates of existing listings")),
        ("merged", _("Repeated in the file: merged into the earlier row")),
        ("unchanged", _("Unchanged")),
    ]
    return [
        (action, label, report.of(action)[:SHOWN], report.count(action))
        for action, label in labels
        if report.count(action)
    ]


def _confirm(request, run):
    with transaction.atomic():
        run.status = ImportRun.Status.QUEUED
        run.done = 0
        run.save(update_fields=["status", "done"])
        # Queued in the same transaction: the job exists exactly when the import was confirmed.
        run_import.enqueue(run.pk)
    return redirect(reverse("admin:directory_listing_import_run", args=[run.pk]))


def _progress_page(request, model_admin, run):
    context = _context(request, model_admin, run=run)
    if run.status == ImportRun.Status.DONE:
        context["touched"] = touched_since(run)
    return TemplateResponse(request, "admin/moderation/import_progress.html", context)


def status(request, model_admin, run_id):
    run = _run_for_user(request, model_admin, run_id)
    return JsonResponse(
        {
            "status": run.status,
            "done": run.done,
            "total": run.total,
            "percent": run.percent,
            "finished": run.is_finished,
        }
    )


def rejected(request, model_admin, run_id):
    """The rows that would not be imported, with their problems, as CSV to fix and upload again."""
    run = _run_for_user(request, model_admin, run_id)
    options = run.options
    stem = re.sub(r"[^\w.-]+", "_", run.filename.rsplit(".", 1)[0])[:80] or "import"
    if run.status != ImportRun.Status.DRAFT:
        # Once imported the file is deleted; the rejected rows were kept with the run.
        return _csv_download(options.get("rejected", ""), stem)
    try:
        with uploads.open_stored(run.stored_name) as file:
            table, mapping = prepare(
                file, run.filename, sheet=options.get("sheet"), mapping=options.get("mapping")
            )
        report = analyse(
            table,
            mapping,
            defaults=options.get("defaults"),
            clear_empty=options.get("clear_empty", False),
            resolutions=options.get("resolutions"),
        )
    except (FileError, FileNotFoundError):
        messages.error(request, _("The upload has expired; choose the file again."))
        return redirect(reverse("admin:directory_listing_import"))
    return _csv_download(rejected_csv(table, report, actions=("error", "duplicate")), stem)


def _csv_download(text, stem):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff" + text)
    response["Content-Disposition"] = f'attachment; filename="{stem}-rejected.csv"'
    return response


@require_POST
def undo(request, model_admin, run_id):
    run = _run_for_user(request, model_admin, run_id)
    try:
        import_undo(run=run, by=request.user)
    except UndoError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The import of %(name)s was undone.") % {"name": run.filename})
    return redirect(reverse("admin:directory_listing_import_run", args=[run.pk]))
