"""The one writer of the portal's spreadsheet downloads, with its one escaping policy.

The public directory CSV, the admin export and the import template all write
through here, so a cell a spreadsheet would run as a formula is neutralised
the same way everywhere, and the import reads the guard back (see
moderation.importer.cleaning.tidy).
"""

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A signed number (a phone in E.164, a latitude) is a value to any spreadsheet, never a formula.
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value):
    """The cell's text; one that a spreadsheet would run as a formula is kept as text."""
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_rows(rows, out, header=None):
    """Write `rows` (and the header) to `out` as CSV, every cell escaped."""
    writer = csv.writer(out)
    if header:
        writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)


def xlsx_sheet(workbook, title, rows, header=None):
    """Add a write-only sheet of `rows` to an openpyxl workbook, every cell escaped."""
    sheet = workbook.create_sheet(title)
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    return sheet
