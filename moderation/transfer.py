"""Export of listings (CSV and XLSX) in the columns of columns.py, which the import reads back.

The import itself lives in the importer package; its entry points are
re-exported here for the admin, the command and the scripts.
"""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone

from directory.models import ListingMembership
from directory.spreadsheet import csv_rows, xlsx_sheet

from .columns import COLUMN_NAMES, COLUMNS, SCALAR_FIELDS
from .importer import FileError, Report, import_listings  # noqa: F401 (the import's entry points)
from .importer.cleaning import normalise_name  # noqa: F401

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Writing ------------------------------------------------------------------


def export_queryset(queryset):
    return (
        queryset.select_related("province", "regency", "district")
        .prefetch_related(
            "roles",
            "categories",
            "features",
            "certifications",
            Prefetch(
                "memberships",
                queryset=ListingMembership.objects.filter(
                    role=ListingMembership.TeamRole.OWNER
                ).select_related("user"),
                to_attr="owner_memberships",
            ),
        )
        .order_by("name", "pk")
    )


def listing_row(listing):
    """The listing as a row of the file, in COLUMNS order."""
    row = {}
    for name in SCALAR_FIELDS:
        value = getattr(listing, name)
        row[name] = "" if value is None else str(value)
    row["roles"] = ", ".join(sorted(r.code for r in listing.roles.all()))
    row["categories"] = ", ".join(sorted(f"{c.role_id}:{c.slug}" for c in listing.categories.all()))
    row["features"] = ", ".join(sorted(f.slug for f in listing.features.all()))
    row["certifications"] = ", ".join(sorted(c.slug for c in listing.certifications.all()))
    row["export_markets"] = ", ".join(c.code for c in listing.export_markets)
    row["province"] = listing.province_id
    row["regency"] = listing.regency_id
    row["district"] = listing.district_id or ""
    row["phone"] = listing.phone.as_e164 if listing.phone else ""
    row["whatsapp"] = listing.whatsapp.as_e164 if listing.whatsapp else ""
    row["status"] = listing.status
    row["verified"] = "yes" if listing.verified else "no"
    row["owner_emails"] = ", ".join(sorted(m.user.email for m in listing.owner_memberships))
    return [row[name] for name in COLUMN_NAMES]


def write_csv(rows, out):
    csv_rows(rows, out, header=COLUMN_NAMES)


def write_xlsx(rows, out, with_help=False):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    xlsx_sheet(workbook, "listings", rows, header=COLUMN_NAMES)
    if with_help:
        xlsx_sheet(
            workbook,
            "columns",
            ([c.name, "yes" if c.required else "", str(c.help)] for c in COLUMNS),
            header=["column", "required", "meaning"],
        )
    workbook.save(out)


def _file_response(fmt, filename, rows, with_help=False):
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # lets Excel recognise UTF-8
        write_csv(rows, response)
    else:
        response = HttpResponse(content_type=XLSX_TYPE)
        write_xlsx(rows, response, with_help=with_help)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def export_response(queryset, fmt):
    """A download of the listings in the file format."""
    stamp = timezone.localdate().isoformat()
    return _file_response(fmt, f"ifn-listings-{stamp}", (listing_row(x) for x in export_queryset(queryset)))


def template_response(fmt):
    """An empty import file with the column headers (and, in XLSX, their meaning)."""
    return _file_response(fmt, "ifn-listings-template", [], with_help=True)
