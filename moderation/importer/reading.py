"""Reading an import file into a header and rows of text, whatever program typed it.

CSV in UTF-8 (with or without a byte-order mark) or Windows-1252/Latin-1, with
commas, semicolons or tabs; XLSX from any sheet, with title rows above the
header. The header is the first row in which at least two cells name a known
field, so a title such as "Daftar Anggota Asosiasi 2024" is passed over.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..uploads import FileError, check_xlsx
from .mapping import propose_field

MAX_ROWS = 50_000
# Title rows, notes and logos above the header: a header further down than this is no header.
HEADER_SEARCH_ROWS = 20
DELIMITERS = (",", ";", "\t")


@dataclass
class Table:
    header: list
    rows: list  # (line number in the file, [cell text, …])
    sheet_names: list = field(default_factory=list)
    sheet: str = ""
    encoding: str = ""

    def samples(self, index, count=3):
        """Up to `count` distinct non-empty values of column `index`, for the mapping step."""
        seen = []
        for _line, cells in self.rows:
            value = cells[index] if index < len(cells) else ""
            if value and value not in seen:
                seen.append(value)
                if len(seen) == count:
                    break
        return seen


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def extension_of(filename):
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def read_table(file, filename, sheet=None):
    """The file as a Table. Raises FileError with a message for the clerk."""
    extension = extension_of(filename)
    if extension == "csv":
        lines, encoding = _read_csv(file)
        table = Table(header=[], rows=[], encoding=encoding)
    elif extension == "xlsx":
        lines, names, chosen = _read_xlsx(file, sheet)
        table = Table(header=[], rows=[], sheet_names=names, sheet=chosen)
    else:
        raise FileError(_("Choose a .csv or .xlsx file."))
    line = 0
    try:
        buffered = []
        header_line = HEADER_SEARCH_ROWS
        for line, values in enumerate(lines, start=1):
            if line - header_line > MAX_ROWS:
                # Blank lines count too: a sheet of a million empty rows is no spreadsheet either.
                raise FileError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
            texts = [cell_text(v) for v in values]
            if not table.header:
                buffered.append((line, texts))
                if _looks_like_header(texts) or line >= HEADER_SEARCH_ROWS:
                    header_line = _take_header(table, buffered) or line
                continue
            if any(texts):
                table.rows.append((line, texts))
        if not table.header and buffered:
            _take_header(table, buffered)
    except csv.Error:
        raise FileError(
            _(
                "Line %(line)d of the file cannot be read: a value longer than %(limit)s characters, "
                "or a stray quote. Correct it and try again."
            )
            % {"line": line + 1, "limit": f"{csv.field_size_limit():,}"}
        ) from None
    if not table.header:
        raise FileError(_("The file is empty."))
    if len(table.rows) > MAX_ROWS:
        raise FileError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
    return table


def _looks_like_header(texts):
    return sum(1 for text in texts if text and propose_field(text)) >= 2


def _take_header(table, buffered):
    """The header is the first row that names fields, else the first row with two or more cells."""
    index = next((i for i, (_line, texts) in enumerate(buffered) if _looks_like_header(texts)), None)
    if index is None:
        index = next((i for i, (_line, texts) in enumerate(buffered) if sum(map(bool, texts)) >= 2), None)
    if index is None:
        index = next((i for i, (_line, texts) in enumerate(buffered) if any(texts)), None)
    if index is None:
        return None
    header = list(buffered[index][1])
    while header and not header[-1]:
        header.pop()
    table.header = header
    table.rows.extend((line, texts) for line, texts in buffered[index + 1 :] if any(texts))
    return buffered[index][0]


def _decode(raw):
    if not isinstance(raw, bytes):
        return raw, "utf-8"
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    # Excel's "CSV" on Windows writes Windows-1252, a superset of Latin-1 for
    # every printable character; the few bytes it leaves undefined are Latin-1.
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _read_csv(file):
    text, encoding = _decode(file.read())
    head = text[:4096]
    # Many NUL characters: a binary file or UTF-16 without its mark (a stray NUL is a cell's problem).
    if head.count("\x00") > len(head) // 8:
        raise FileError(_("This CSV file is not text. Save it from your spreadsheet program as CSV."))
    sample = text[:20_000].splitlines()[:HEADER_SEARCH_ROWS] or [""]
    # The delimiter that splits the most sample lines into the same number of cells.
    counts = {d: max(line.count(d) for line in sample) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: counts[d])
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), encoding


def _read_xlsx(file, sheet):
    from openpyxl import load_workbook

    check_xlsx(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:
        # openpyxl raises many kinds of errors for a damaged or non-XLSX file.
        raise FileError(_("This is not a readable XLSX file.")) from None
    names = workbook.sheetnames
    if sheet and sheet not in names:
        raise FileError(
            _("The workbook has no sheet “%(sheet)s”; it has %(names)s.")
            % {"sheet": sheet, "names": ", ".join(names)}
        )
    chosen = sheet or names[0]
    return workbook[chosen].iter_rows(values_only=True), names, chosen
