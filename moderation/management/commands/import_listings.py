"""python manage.py import_listings FILE [--dry-run]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from moderation.transfer import FileError, import_listings


class Progress:
    """A one-line progress bar on stderr, redrawn at most once per percent."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.last = -1

    def __call__(self, done, total):
        percent = done * 100 // total
        if percent == self.last and done != total:
            return
        self.last = percent
        filled = self.WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} rows")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Import listings from a CSV or XLSX file (columns as in the README). All rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check every row and write nothing")

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        progress = Progress(self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr)
        try:
            with path.open("rb") as handle:
                report = import_listings(handle, filename=path.name, dry_run=dry_run, progress=progress)
        except FileError as error:
            raise CommandError(str(error.message)) from None
        for row in report.errors:
            for message in row.errors:
                self.stderr.write(f"line {row.line} ({row.name or '-'}): {message}")
        counts = report.summary
        summary = (
            f"{counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['error']} with errors"
        )
        if not report.ok:
            raise CommandError(f"Nothing imported: {summary}.")
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {summary}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {summary}."))
