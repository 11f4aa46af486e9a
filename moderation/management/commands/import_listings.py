"""python manage.py import_listings FILE [--dry-run] [--role ROLE] [--map "Header=field" …]
[--valid-only --rejected-to OUT.csv] [--publish] [--clear-empty] [--sheet NAME]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from moderation.importer import FileError, import_listings, rejected_csv


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
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} rows checked")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def _mapping(values):
    overrides = {}
    for value in values:
        if "=" not in value:
            raise CommandError(f'--map takes "Header=field", not "{value}".')
        header, field = value.rsplit("=", 1)
        overrides[header.strip()] = field.strip()
    return overrides


class Command(BaseCommand):
    help = (
        "Import listings from a CSV or XLSX file. Headers in Indonesian or English are recognised; "
        "without --valid-only a file with any error writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check every row and write nothing")
        parser.add_argument("--role", help="chain role of the rows that name none (e.g. producer)")
        parser.add_argument("--province", help="province of the rows that name none (e.g. Jatim)")
        parser.add_argument(
            "--map", action="append", default=[], metavar="HEADER=FIELD", help="fill FIELD from column HEADER"
        )
        parser.add_argument("--valid-only", action="store_true", help="import the rows without errors")
        parser.add_argument("--rejected-to", metavar="OUT.csv", help="write the rows not imported here")
        parser.add_argument("--publish", action="store_true", help="publish new listings (default: pending)")
        parser.add_argument("--clear-empty", action="store_true", help="empty cells clear fields on update")
        parser.add_argument("--sheet", help="the XLSX sheet to read (default: the first)")

    def handle(self, *args, file, dry_run, role, province, map, valid_only, rejected_to, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        defaults = {k: v for k, v in {"roles": role, "province": province}.items() if v}
        progress = Progress(self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr)
        try:
            with path.open("rb") as handle:
                report = import_listings(
                    handle,
                    filename=path.name,
                    dry_run=dry_run,
                    progress=progress,
                    overrides=_mapping(map),
                    defaults=defaults,
                    valid_only=valid_only,
                    clear_empty=options["clear_empty"],
                    publish=options["publish"],
                    sheet=options["sheet"],
                )
        except FileError as error:
            raise CommandError(str(error.message)) from None
        for row in report.errors:
            for message in row.errors:
                self.stderr.write(f"line {row.line} ({row.name or '-'}): {message}")
        for row in report.of("duplicate"):
            self.stderr.write(
                f"line {row.line} ({row.name}): similar to the existing listing "
                f"“{row.candidate['name']}” (id {row.candidate['pk']}); not imported"
            )
        if rejected_to:
            Path(rejected_to).write_text(
                "\ufeff" + rejected_csv(report.table, report, actions=("error", "duplicate")),
                encoding="utf-8",
            )
        counts = report.summary
        summary = (
            f"{counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['merged']} merged, {counts['duplicate']} possible duplicates, {counts['error']} with errors"
        )
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {summary}.")
        elif not report.written:
            raise CommandError(
                f"Nothing imported: {summary}. Use --valid-only to import the rows without errors."
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {summary}."))
