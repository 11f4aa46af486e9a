"""Importing listings from the spreadsheets BPIPI has: read, map, parse, review, write.

reading.py   the file into a header and rows of text (CSV encodings and
             delimiters, XLSX sheets and title rows)
mapping.py   which field each column fills (Indonesian and English headers)
cleaning.py  places, phones, names and numbers as clerks type them
parsing.py   one row into a listing's values, every problem collected
review.py    what the import would do with each row, before writing
writing.py   the reviewed rows written in bulk
runs.py      an import as a recorded job: run, progress, undo
"""

import csv
import io

from django.utils.translation import gettext as _

from ..uploads import FileError
from .mapping import apply_overrides, check_mapping, propose
from .parsing import Lookups, parse_row
from .reading import read_table
from .review import ERROR, Report, review_rows

PROGRESS_STEP = 500

__all__ = ["FileError", "Report", "analyse", "import_listings", "prepare", "rejected_csv"]


def prepare(file, filename, *, sheet=None, overrides=None, mapping=None):
    """(table, mapping): the file read and each column's field, proposed or as given."""
    table = read_table(file, filename, sheet=sheet)
    if mapping is None or len(mapping) != len(table.header):
        mapping = propose(table.header)
    if overrides:
        try:
            mapping = apply_overrides(table.header, mapping, overrides)
        except ValueError as error:
            raise FileError(str(error)) from None
    return table, mapping


def analyse(
    table, mapping, *, defaults=None, clear_empty=False, resolutions=None, lookups=None, progress=None
):
    """The Report of what importing the table would do; writes nothing.

    `progress(done, total)` is called as rows are read, every PROGRESS_STEP rows.
    """
    problems = check_mapping(mapping, defaults or {})
    if problems:
        raise FileError(" ".join(problems))
    lookups = lookups or Lookups()
    labels = {}
    for header, field in zip(table.header, mapping, strict=False):
        if field:
            labels.setdefault(field, header or field)
    parsed = []
    total = len(table.rows)
    for done, (line, cells) in enumerate(table.rows, start=1):
        parsed.append(
            parse_row(
                lookups, line, cells, mapping, defaults=defaults, clear_empty=clear_empty, labels=labels
            )
        )
        if progress and (done % PROGRESS_STEP == 0 or done == total):
            progress(done, total)
    return review_rows(parsed, resolutions=resolutions)


def rejected_csv(table, report, actions=(ERROR,)):
    """The rows not imported, as the clerk's own columns plus one with the reasons, to fix and upload again."""
    by_line = {r.line: r for r in report.rows if r.action in actions}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*table.header, _("Problems")])
    width = len(table.header)
    for line, cells in table.rows:
        result = by_line.get(line)
        if result is None:
            continue
        reasons = result.errors or [
            _("a listing with a similar name is in this regency: merge or keep apart.")
        ]
        writer.writerow([*(cells + [""] * width)[:width], " | ".join(reasons)])
    return out.getvalue()


def import_listings(
    file,
    *,
    filename,
    dry_run,
    progress=None,
    by=None,
    overrides=None,
    defaults=None,
    valid_only=False,
    clear_empty=False,
    publish=False,
    resolutions=None,
    sheet=None,
):
    """Read, review and (unless a dry run) write a file; returns the Report.

    Without `valid_only` a file with any error writes nothing. Rows that may
    duplicate an existing listing are written only as the clerk resolved them
    (`resolutions`: line -> "merge" or "keep"). New listings are pending, or
    published with `publish`; both are recorded as decisions by `by`, and the
    import itself as an ImportRun.
    """
    from .runs import record_and_write

    table, mapping = prepare(file, filename, sheet=sheet, overrides=overrides)
    report = analyse(
        table, mapping, defaults=defaults, clear_empty=clear_empty, resolutions=resolutions, progress=progress
    )
    report.dry_run = dry_run
    report.table = table
    if dry_run or not (report.ok or valid_only):
        return report
    record_and_write(report, filename=filename, by=by, publish=publish)
    return report
