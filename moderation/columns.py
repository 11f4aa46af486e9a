"""The columns of the listing import/export file: one spec for import, export,
the downloadable template and the README.

Each column names a Listing field (or a relation) and how a cell reads and
writes it. An export re-imports to the same data because both directions use
these definitions.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    kind: str = "text"  # text, int, decimal, choice, regions, relation, readonly
    required: bool = False


COLUMNS = [
    Column("name", _("Company or organisation name."), required=True),
    Column("nib", _("NIB, 13 digits. Matches an existing listing: the row updates it."), "text"),
    Column(
        "legal_form",
        _("Code: pt, cv, ud, firma, koperasi, perorangan, government, association, yayasan, other."),
        "choice",
    ),
    Column(
        "roles",
        _(
            "Chain roles, comma-separated: material, supplier, producer, brand, organisation (or produsen, "
            "pemasok, merek…). New listings need one; a default for the whole file can give it."
        ),
        "relation",
        required=True,
    ),
    Column(
        "categories",
        _("Categories, comma-separated: role:slug (producer:sport), a slug, or a name in either language."),
        "relation",
    ),
    Column("features", _("Feature slugs, comma-separated (oem, odm, makloon, cemented…)."), "relation"),
    Column("certifications", _("Certification slugs, comma-separated (sni, iso-9001, halal…)."), "relation"),
    Column("export_markets", _("Two-letter country codes, comma-separated (MY, JP, US)."), "relation"),
    Column("year_founded", _("Year, e.g. 1998."), "int"),
    Column("size", _("Code: micro, small, medium, large."), "choice"),
    Column("kbli_codes", _("KBLI codes, 5 digits each, comma-separated.")),
    Column("description", _("Description in Bahasa Indonesia.")),
    Column("description_en", _("Description in English.")),
    Column("capacity_pairs", _("Producers: monthly capacity in pairs."), "int"),
    Column("moq_pairs", _("Producers: minimum order in pairs."), "int"),
    Column("supply_capacity", _("Material sources and suppliers: monthly capacity."), "int"),
    Column(
        "supply_capacity_unit",
        _("Code: pairs, pieces, sheets, sqft, sqm, metres, kg, litres, units."),
        "choice",
    ),
    Column("supply_moq", _("Material sources and suppliers: minimum order."), "int"),
    Column("supply_moq_unit", _("Unit code of the minimum order, as for supply_capacity_unit."), "choice"),
    Column("price_segment", _("Brands. Code: budget, middle, premium, luxury."), "choice"),
    Column(
        "organisation_kind",
        _(
            "Organisations. Code: association, government, education, laboratory, cooperative, financing, other."
        ),
        "choice",
    ),
    Column(
        "province",
        _("Kemendagri code (35), name (Jawa Timur) or abbreviation (Jatim, DIY). Empty: from the regency."),
        "regions",
    ),
    Column(
        "regency",
        _(
            "Kemendagri code (35.15) or name (Kabupaten Sidoarjo, Kab. Sidoarjo, or Sidoarjo when unambiguous)."
        ),
        "regions",
        required=True,
    ),
    Column("district", _("Kemendagri code (35.15.06) or name of the kecamatan."), "regions"),
    Column("address", _("Street address.")),
    Column("postal_code", _("5 digits.")),
    Column("latitude", _("Decimal degrees, e.g. -7.5360; give longitude too."), "decimal"),
    Column("longitude", _("Decimal degrees, e.g. 112.7000; give latitude too."), "decimal"),
    Column("contact_person", _("Name of the contact person.")),
    Column("phone", _("Phone numbers, several allowed (0812… / 031…): a mobile one is the WhatsApp number.")),
    Column("whatsapp", _("WhatsApp number; 0812… or +62812…")),
    Column("email", _("Email address.")),
    Column("website", _("Full address, https://…")),
    Column("instagram", _("https://instagram.com/…")),
    Column("facebook", _("https://facebook.com/…")),
    Column("tiktok", _("https://tiktok.com/@…")),
    Column("youtube", _("https://youtube.com/…")),
    Column("tokopedia", _("https://tokopedia.com/…")),
    Column("shopee", _("https://shopee.co.id/…")),
    Column(
        "status",
        _("Exported for reference; an import never reads it: status changes only through moderation."),
        "readonly",
    ),
    Column(
        "verified",
        _("Exported for reference; an import never reads it: verification is a moderation decision."),
        "readonly",
    ),
    Column(
        "owner_emails",
        _(
            "Emails of existing accounts to add as owners, comma-separated. Empty: the listing stays unclaimed."
        ),
        "relation",
    ),
]

COLUMN_NAMES = [column.name for column in COLUMNS]
REQUIRED = [column.name for column in COLUMNS if column.required]
# What an import may fill.
IMPORT_FIELDS = [column.name for column in COLUMNS if column.kind != "readonly"]

# Columns that are plain Listing fields, assigned as they are read.
SCALAR_FIELDS = [c.name for c in COLUMNS if c.kind in ("text", "int", "decimal", "choice")]
