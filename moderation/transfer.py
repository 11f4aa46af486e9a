"""Bulk import and export of listings (CSV and XLSX), with the columns of columns.py."""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from directory.models import (
    Category,
    Certification,
    District,
    Feature,
    Listing,
    ListingMembership,
    Province,
    Regency,
    Role,
)
from directory.validators import normalize_kbli, validate_plain_text

from .columns import COLUMN_NAMES, COLUMNS, REQUIRED, SCALAR_FIELDS
from .uploads import FileError, check_xlsx

FORMATS = ("csv", "xlsx")
MAX_ROWS = 50_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TRUE = {"yes", "y", "true", "1", "ya"}
_FALSE = {"no", "n", "false", "0", "tidak"}
_LEGAL_FORM_WORDS = {"pt", "cv", "ud", "tbk", "persero"}


def normalise_name(name):
    """The name used to recognise a listing: case, punctuation and legal-form words ignored."""
    words = re.sub(r"[^\w]+", " ", name.casefold()).split()
    return " ".join(w for w in words if w not in _LEGAL_FORM_WORDS)


def _split(value):
    return [part.strip() for part in re.split(r"[,;\n]+", value) if part.strip()]


# --- Reading ------------------------------------------------------------------


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def read_rows(file, filename):
    """Rows of the file as dicts of column name -> text. Raises FileError."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "csv":
        table = _read_csv(file)
    elif extension == "xlsx":
        table = _read_xlsx(file)
    else:
        raise FileError(_("Choose a .csv or .xlsx file."))
    try:
        header = next(table)
    except StopIteration:
        raise FileError(_("The file is empty.")) from None
    except csv.Error:
        raise FileError(
            _("The first line of the file cannot be read; it should hold the column names.")
        ) from None
    header = [_cell_text(h).lower() for h in header]
    while header and not header[-1]:
        header.pop()
    unknown = [h for h in header if h not in COLUMN_NAMES]
    if unknown:
        raise FileError(
            _("Unknown columns: %(columns)s. Use the columns of the template.")
            % {"columns": ", ".join(unknown)}
        )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    line = 1
    try:
        for line, values in enumerate(table, start=2):
            # Blank lines count too: a sheet of a million empty rows is no spreadsheet either.
            if line > MAX_ROWS + 1:
                raise FileError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
            texts = [_cell_text(v) for v in values]
            if not any(texts):
                continue
            rows.append((line, dict(zip(header, texts + [""] * (len(header) - len(texts)), strict=False))))
    except csv.Error:
        raise FileError(
            _(
                "Line %(line)d of the file cannot be read: a value longer than %(limit)s characters, "
                "or a stray quote. Correct it and try again."
            )
            % {"line": line + 1, "limit": f"{csv.field_size_limit():,}"}
        ) from None
    return header, rows


def _read_csv(file):
    raw = file.read()
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise FileError(_("The CSV file is not UTF-8 text. Save it as “CSV UTF-8”.")) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in Indonesian locales save CSV with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return iter(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(file):
    from openpyxl import load_workbook

    check_xlsx(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:
        # openpyxl raises many kinds of errors for a damaged or non-XLSX file.
        raise FileError(_("This is not a readable XLSX file.")) from None
    return workbook.worksheets[0].iter_rows(values_only=True)


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
                queryset=ListingMembership.objects.filter(role=ListingMembership.Role.OWNER).select_related(
                    "user"
                ),
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
    writer = csv.writer(out)
    writer.writerow(COLUMN_NAMES)
    writer.writerows(rows)


def write_xlsx(rows, out, with_help=False):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("listings")
    sheet.append(COLUMN_NAMES)
    for row in rows:
        sheet.append(row)
    if with_help:
        help_sheet = workbook.create_sheet("columns")
        help_sheet.append(["column", "required", "meaning"])
        for column in COLUMNS:
            help_sheet.append([column.name, "yes" if column.required else "", str(column.help)])
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


# --- Importing ----------------------------------------------------------------


@dataclass
class RowResult:
    line: int
    name: str
    action: str = ""  # created, updated, unchanged, error
    errors: list = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    dry_run: bool = True
    written: bool = False

    def count(self, action):
        return sum(1 for r in self.rows if r.action == action)

    @property
    def errors(self):
        return [r for r in self.rows if r.errors]

    @property
    def ok(self):
        return not self.errors

    @property
    def summary(self):
        return {a: self.count(a) for a in ("created", "updated", "unchanged", "error")}


class _Lookups:
    """Everything a row refers to, loaded once per import."""

    def __init__(self):
        self.provinces = {}
        for p in Province.objects.all():
            self.provinces[p.code] = p
            self.provinces[p.name.casefold()] = p
        self.regencies = {r.code: r for r in Regency.objects.all()}
        self.regency_names = {}
        for r in self.regencies.values():
            self.regency_names.setdefault((r.province_id, r.name.casefold()), []).append(r)
            short = re.sub(r"^(kabupaten|kota)\s+", "", r.name.casefold())
            self.regency_names.setdefault((r.province_id, short), []).append(r)
        self.districts = {}
        self.district_names = {}
        for d in District.objects.only("code", "name", "regency_id"):
            self.districts[d.code] = d
            self.district_names.setdefault((d.regency_id, d.name.casefold()), []).append(d)
        self.roles = {r.code: r for r in Role.objects.all()}
        self.categories = {}
        for c in Category.objects.all():
            self.categories[(c.role_id, c.slug)] = c
        self.features = {}
        for f in Feature.objects.all():
            self.features.setdefault(f.slug, []).append(f)
        self.certifications = {c.slug: c for c in Certification.objects.all()}
        self.users = {}
        # What existing listings link to, to tell an update from a no-op without queries per row.
        self.linked = {}
        for name in ("roles", "categories", "features", "certifications"):
            relation = getattr(Listing, name)
            target = relation.field.m2m_reverse_name()
            links = {}
            for listing_id, target_id in relation.through.objects.values_list("listing_id", target):
                links.setdefault(listing_id, set()).add(target_id)
            self.linked[name] = links
        self.owner_ids = {}
        owners = ListingMembership.objects.filter(role=ListingMembership.Role.OWNER)
        for listing_id, user_id in owners.values_list("listing_id", "user_id"):
            self.owner_ids.setdefault(listing_id, set()).add(user_id)
        self.by_nib = {}
        self.by_name = {}
        for pk, nib, name, regency_id in Listing.objects.values_list("pk", "nib", "name", "regency_id"):
            if nib:
                self.by_nib[nib] = pk
            self.by_name.setdefault((regency_id, normalise_name(name)), pk)

    def user(self, email):
        key = email.lower()
        if key not in self.users:
            self.users[key] = get_user_model().objects.filter(email__iexact=key).first()
        return self.users[key]


class _Row:
    """One row being turned into a listing; errors are collected per column."""

    def __init__(self, lookups, line, data):
        self.lookups = lookups
        self.line = line
        self.data = data
        self.errors = []

    def error(self, column, message):
        self.errors.append(f"{column}: {message}")

    def has(self, column):
        return column in self.data

    def text(self, column):
        return self.data.get(column, "").strip()

    def int(self, column):
        value = self.text(column)
        if not value:
            return None
        try:
            number = (
                int(value.replace(".", "").replace(" ", ""))
                if re.fullmatch(r"[\d. ]+", value)
                else int(value)
            )
        except ValueError:
            self.error(column, _g("“%(value)s” is not a whole number.") % {"value": value})
            return None
        if number < 0:
            self.error(column, _g("“%(value)s” cannot be negative.") % {"value": value})
            return None
        return number

    def decimal(self, column):
        value = self.text(column).replace(",", ".")
        if not value:
            return None
        try:
            return Decimal(value).quantize(Decimal("0.000001"))
        except InvalidOperation:
            self.error(column, _g("“%(value)s” is not a number.") % {"value": value})
            return None

    def regions(self):
        lk = self.lookups
        province = regency = district = None
        value = self.text("province")
        if not value:
            self.error("province", _g("required."))
        else:
            province = lk.provinces.get(value) or lk.provinces.get(value.casefold())
            if province is None:
                self.error("province", _g("unknown province “%(value)s”.") % {"value": value})
        value = self.text("regency")
        if not value:
            self.error("regency", _g("required."))
        elif value in lk.regencies:
            regency = lk.regencies[value]
        elif province is not None:
            found = lk.regency_names.get((province.code, value.casefold()), [])
            if len(found) == 1:
                regency = found[0]
            elif len(found) > 1:
                self.error(
                    "regency",
                    _g("“%(value)s” is ambiguous: write Kabupaten %(value)s or Kota %(value)s.")
                    % {"value": value},
                )
            else:
                self.error(
                    "regency",
                    _g("unknown regency/city “%(value)s” in %(province)s.")
                    % {"value": value, "province": province},
                )
        if regency is not None and province is not None and regency.province_id != province.code:
            self.error(
                "regency",
                _g("%(regency)s is not in %(province)s.") % {"regency": regency, "province": province},
            )
        value = self.text("district")
        if value and regency is not None:
            district = lk.districts.get(value)
            if district is None:
                found = lk.district_names.get((regency.code, value.casefold()), [])
                district = found[0] if len(found) == 1 else None
            if district is None or district.regency_id != regency.code:
                self.error(
                    "district",
                    _g("unknown district “%(value)s” in %(regency)s.") % {"value": value, "regency": regency},
                )
                district = None
        return province, regency, district

    def roles(self):
        roles = []
        for code in _split(self.text("roles").lower()):
            role = self.lookups.roles.get(code)
            if role is None:
                self.error("roles", _g("unknown role “%(value)s”.") % {"value": code})
            else:
                roles.append(role)
        if not roles and not self.errors_for("roles"):
            self.error("roles", _g("give at least one chain role."))
        return roles

    def errors_for(self, column):
        return [e for e in self.errors if e.startswith(column + ":")]

    def categories(self, roles):
        found = []
        for token in _split(self.text("categories").lower()):
            if ":" in token:
                role_code, slug = (part.strip() for part in token.split(":", 1))
                matches = [self.lookups.categories.get((role_code, slug))]
            else:
                matches = [self.lookups.categories.get((r.code, token)) for r in roles]
            matches = [m for m in matches if m is not None]
            if not matches:
                self.error("categories", _g("unknown category “%(value)s”.") % {"value": token})
            found.extend(matches)
        return found

    def features(self):
        found = []
        for slug in _split(self.text("features").lower()):
            matches = self.lookups.features.get(slug, [])
            if not matches:
                self.error("features", _g("unknown feature “%(value)s”.") % {"value": slug})
            found.extend(matches)
        return found

    def certifications(self):
        found = []
        for slug in _split(self.text("certifications").lower()):
            cert = self.lookups.certifications.get(slug)
            if cert is None:
                self.error("certifications", _g("unknown certification “%(value)s”.") % {"value": slug})
            else:
                found.append(cert)
        return found

    def countries(self):
        from django_countries import countries

        codes = []
        for code in _split(self.text("export_markets").upper()):
            if code not in countries:
                self.error("export_markets", _g("unknown country code “%(value)s”.") % {"value": code})
            else:
                codes.append(code)
        return codes

    def owners(self):
        users = []
        for email in _split(self.text("owner_emails")):
            user = self.lookups.user(email)
            if user is None:
                self.error("owner_emails", _g("no account with the email %(value)s.") % {"value": email})
            else:
                users.append(user)
        return users

    def boolean(self, column):
        value = self.text(column).lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        self.error(column, _g("write yes or no, not “%(value)s”.") % {"value": value})
        return None


def _import_row(lookups, line, data, seen, by=None):
    """Validate one row and write it. Returns a RowResult; raises nothing for bad data."""
    row = _Row(lookups, line, data)
    result = RowResult(line=line, name=row.text("name"))
    # A NUL byte or another control character would reach database lookups
    # (PostgreSQL refuses NUL): stop at the first check.
    for column, value in data.items():
        try:
            validate_plain_text(value)
        except ValidationError as error:
            row.error(column, error.messages[0])
    if row.errors:
        result.action, result.errors = "error", row.errors
        return result
    name = row.text("name")
    if not name:
        row.error("name", _g("required."))
    nib = re.sub(r"\s+", "", row.text("nib"))
    province, regency, district = row.regions()
    roles = row.roles()
    categories = row.categories(roles) if row.has("categories") else None
    features = row.features() if row.has("features") else None
    certifications = row.certifications() if row.has("certifications") else None
    countries = row.countries() if row.has("export_markets") else None
    owners = row.owners()

    # Recognise the listing: same NIB, else same normalised name in the same regency.
    key_nib = nib or None
    key_name = (regency.code, normalise_name(name)) if regency is not None else None
    for key in (key_nib, key_name):
        if key and key in seen:
            row.error(
                "name", _g("this listing is already on line %(line)d of the file.") % {"line": seen[key]}
            )
    pk = lookups.by_nib.get(nib) if nib else None
    if pk is None and key_name:
        pk = lookups.by_name.get(key_name)
    if row.errors:
        result.action, result.errors = "error", row.errors
        return result

    if pk is not None:
        listing = Listing.objects.get(pk=pk)
        before = {f: getattr(listing, f) for f in SCALAR_FIELDS}
        before.update(
            province=listing.province_id,
            regency=listing.regency_id,
            district=listing.district_id,
            status=listing.status,
            verified=listing.verified,
            export_markets=[c.code for c in listing.export_markets],
        )
    else:
        listing = Listing(status=Listing.Status.PUBLISHED)
        before = None

    for column in SCALAR_FIELDS:
        if not row.has(column):
            continue
        kind = next(c.kind for c in COLUMNS if c.name == column)
        if kind == "int":
            value = row.int(column)
        elif kind == "decimal":
            value = row.decimal(column)
        elif column == "nib":
            value = nib
        elif column == "kbli_codes":
            value = normalize_kbli(row.text(column))
        elif kind == "choice":
            value = row.text(column).lower()
        else:
            value = row.text(column)
        setattr(listing, column, value)
    listing.province, listing.regency, listing.district = province, regency, district
    if row.text("status"):
        listing.status = row.text("status").lower()
    if row.text("verified"):
        verified = row.boolean("verified")
        if verified is not None and verified != listing.verified:
            listing.verified = verified
            listing.verified_at = timezone.now() if verified else None
    if countries is not None:
        listing.export_markets = countries

    try:
        # The model's check constraints are mirrored in clean() and field
        # validators, and NIB uniqueness is settled by the matching above;
        # validating constraints again would cost a query each, per row, and the
        # regions are looked up already.
        listing.full_clean(
            exclude=["slug", "province", "regency", "district"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for column, messages in error.message_dict.items():
            for message in messages:
                row.error(column, message)
    try:
        Listing.check_taxonomy(roles, categories or [], features or [])
    except ValidationError as error:
        for column, messages in error.message_dict.items():
            for message in messages:
                row.error(column, message)
    if row.errors:
        result.action, result.errors = "error", row.errors
        return result

    m2m = {"roles": roles, "categories": categories, "features": features, "certifications": certifications}
    m2m = {k: v for k, v in m2m.items() if v is not None}
    if before is not None:
        after = {f: getattr(listing, f) for f in SCALAR_FIELDS}
        after.update(
            province=listing.province_id,
            regency=listing.regency_id,
            district=listing.district_id,
            status=listing.status,
            verified=listing.verified,
            export_markets=[c.code for c in listing.export_markets],
        )
        changed = after != before or any(
            {o.pk for o in objs} != lookups.linked[k].get(pk, set()) for k, objs in m2m.items()
        )
        owner_ids = lookups.owner_ids.get(pk, set())
        new_owners = [u for u in owners if u.pk not in owner_ids]
        result.action = "updated" if changed or new_owners else "unchanged"
    else:
        changed, new_owners = True, owners
        result.action = "created"

    if changed:
        listing.save_with_history(user=by, m2m=m2m)
    for user in new_owners:
        ListingMembership.objects.update_or_create(
            listing=listing, user=user, defaults={"role": ListingMembership.Role.OWNER}
        )
    if key_nib:
        seen[key_nib] = line
        lookups.by_nib[key_nib] = listing.pk
    seen[key_name] = line
    lookups.by_name.setdefault(key_name, listing.pk)
    return result


def import_listings(file, *, filename, dry_run, progress=None, by=None):
    """Import listings from a CSV or XLSX file in one transaction.

    Every row is validated and written inside the transaction; a dry run, or
    any row with an error, rolls the whole file back, so a file is imported
    entirely or not at all. Rows matching an existing listing (same NIB, else
    the same normalised name in the same regency) update it; a row that would
    change nothing leaves the listing untouched. Raises FileError when the
    file cannot be read. `by`, the staff member importing, is recorded in the
    listings' history.
    """
    _header, rows = read_rows(file, filename)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        lookups = _Lookups()
        seen = {}
        for done, (line, data) in enumerate(rows, start=1):
            try:
                with transaction.atomic():
                    report.rows.append(_import_row(lookups, line, data, seen, by=by))
            except DatabaseError as error:
                report.rows.append(
                    RowResult(line=line, name=data.get("name", ""), action="error", errors=[str(error)])
                )
            if progress:
                progress(done, len(rows))
        if dry_run or not report.ok:
            transaction.set_rollback(True)
        else:
            report.written = True
    return report
