"""An import as a recorded job: run in the task worker with its progress, and undone as a whole."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import Listing, ListingMembership

from .. import uploads
from ..models import ImportRun
from .review import PLACE_FIELDS
from .writing import write_rows

logger = logging.getLogger(__name__)


class UndoError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def record_and_write(report, *, filename, by, publish, progress=None, run=None):
    """Write the report's rows and record the import (a new ImportRun unless `run` is given)."""
    with transaction.atomic():
        if run is None:
            run = ImportRun.objects.create(
                created_by=by, filename=filename[:255], status=ImportRun.Status.RUNNING
            )
        changes = write_rows(report, by=by, publish=publish, progress=progress)
        run.changes = changes
        run.counts = report.summary
        run.status = ImportRun.Status.DONE
        run.total = run.done = len(report.rows)
        run.finished_at = timezone.now()
        run.save()
    report.run = run
    return run


def run_import(run_id):
    """The job of an import confirmed in the admin: review the stored file again, then write it."""
    from . import analyse, prepare, rejected_csv

    run = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).first()
    if run is None:
        return None
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    options = run.options

    def progress(done, total):
        # Rows are checked outside the writing transaction, so the page sees each step at once;
        # the writing itself is one transaction, a few seconds even for a large file.
        ImportRun.objects.filter(pk=run.pk).update(done=done, total=total)

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
            progress=progress,
        )
        run.refresh_from_db()
        run.options = {**options, "rejected": rejected_csv(table, report, actions=("error", "duplicate"))}
        record_and_write(
            report, filename=run.filename, by=run.created_by, publish=options.get("publish", False), run=run
        )
    except Exception as error:  # the clerk must see the job end, whatever went wrong
        logger.exception("import %s failed", run.pk)
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED,
            finished_at=timezone.now(),
            message=getattr(error, "message", None) or _("The import failed; nothing was written."),
        )
        return ImportRun.Status.FAILED
    uploads.delete(run.stored_name)
    return ImportRun.Status.DONE


def touched_since(run):
    """The listings of the run edited after it finished (which make undoing it unsafe)."""
    ids = run.listing_ids()
    later = []
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        later += Listing.objects.filter(pk__in=chunk, updated_at__gt=run.finished_at).values_list(
            "name", flat=True
        )
    return later


def import_undo(*, run, by):
    """Delete the listings the import created and restore the values it replaced."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportRun.Status.DONE:
            raise UndoError(_("Only a finished import can be undone."))
        touched = touched_since(run)
        if touched:
            raise UndoError(
                _(
                    "This import cannot be undone: %(count)d of its listings were edited since, e.g. %(names)s."
                )
                % {"count": len(touched), "names": ", ".join(touched[:3])}
            )
        created = run.changes.get("created", [])
        for start in range(0, len(created), 2000):
            Listing.objects.filter(pk__in=created[start : start + 2000]).delete()
        for pk, before in run.changes.get("updated", {}).items():
            listing = Listing.objects.filter(pk=pk).first()
            if listing is None:
                continue
            for name, value in before.items():
                if name in PLACE_FIELDS:
                    setattr(listing, f"{name}_id", value)
                else:
                    setattr(listing, name, Listing._meta.get_field(name).to_python(value))
            links = run.changes.get("links", {}).get(pk, {})
            listing.save_with_history(user=by, m2m=links or None)
        for listing_id, user_id in run.changes.get("owners", []):
            ListingMembership.objects.filter(listing_id=listing_id, user_id=user_id).delete()
        run.status = ImportRun.Status.UNDONE
        run.message = _("Undone by %(user)s on %(date)s.") % {"user": by, "date": timezone.localdate()}
        run.save(update_fields=["status", "message"])
    return run
