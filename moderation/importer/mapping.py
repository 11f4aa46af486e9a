"""Which field each column of a file fills: the portal's own column names, and
the headers clerks actually type, in Indonesian and English.

A header is compared after case, punctuation and spacing are set aside, so
"No. HP / WA", "no hp/wa" and "NO_HP_WA" are one header.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..columns import COLUMNS, IMPORT_FIELDS

# A column of product words: categories where the words name categories, else the description.
PRODUCTS = "products"
IGNORE = ""

SYNONYMS = {
    "name": [
        "nama",
        "nama perusahaan",
        "nama usaha",
        "nama ikm",
        "nama ukm",
        "nama umkm",
        "nama badan usaha",
        "nama toko",
        "nama merek",
        "perusahaan",
        "usaha",
        "company",
        "company name",
        "business name",
        "nama anggota",
        "anggota",
    ],
    "nib": ["nib", "no nib", "nomor nib", "nomor induk berusaha"],
    "legal_form": ["bentuk usaha", "badan usaha", "bentuk badan usaha", "badan hukum", "legal form"],
    "roles": ["peran", "peran rantai", "jenis anggota", "kategori anggota", "role", "chain role"],
    "categories": ["kategori", "category"],
    PRODUCTS: [
        "produk",
        "jenis produk",
        "produk utama",
        "hasil produksi",
        "jenis usaha",
        "bidang usaha",
        "product",
        "products",
        "product type",
        "komoditas",
    ],
    "features": ["layanan", "fitur", "features", "services"],
    "certifications": ["sertifikat", "sertifikasi", "certificate", "certificates"],
    "export_markets": ["negara ekspor", "pasar ekspor", "tujuan ekspor", "export", "export markets"],
    "year_founded": [
        "tahun berdiri",
        "berdiri",
        "tahun",
        "tahun mulai usaha",
        "year",
        "founded",
        "established",
    ],
    "size": ["skala", "skala usaha", "ukuran", "size"],
    "kbli_codes": ["kbli", "kode kbli"],
    "description": ["deskripsi", "keterangan", "uraian", "profil", "description", "desc"],
    "description_en": ["deskripsi inggris", "description en", "english description"],
    "capacity_pairs": [
        "kapasitas",
        "kapasitas produksi",
        "kapasitas pasang",
        "kapasitas per bulan",
        "kapasitas pasang bulan",
        "capacity",
        "monthly capacity",
    ],
    "moq_pairs": ["moq", "minimum order", "minimal order", "pesanan minimum", "min order"],
    "province": ["provinsi", "prov", "propinsi", "province"],
    "regency": [
        "kota",
        "kabupaten",
        "kab",
        "kab kota",
        "kabupaten kota",
        "kota kabupaten",
        "kota kab",
        "kotamadya",
        "city",
        "regency",
        "regency city",
        "city regency",
    ],
    "district": ["kecamatan", "kec", "district"],
    "address": [
        "alamat",
        "alamat usaha",
        "alamat perusahaan",
        "alamat lengkap",
        "jalan",
        "address",
        "street",
    ],
    "postal_code": ["kode pos", "kodepos", "postal code", "zip", "postcode"],
    "latitude": ["lintang", "lat", "latitude"],
    "longitude": ["bujur", "lon", "lng", "long", "longitude"],
    "contact_person": [
        "kontak",
        "nama kontak",
        "narahubung",
        "contact person",
        "pic",
        "pemilik",
        "nama pemilik",
        "penanggung jawab",
        "contact",
        "owner",
    ],
    "phone": [
        "telp",
        "tlp",
        "telpon",
        "telepon",
        "telephone",
        "no telp",
        "no tlp",
        "no telepon",
        "nomor telepon",
        "hp",
        "no hp",
        "nomor hp",
        "handphone",
        "telp hp",
        "telp wa",
        "no hp wa",
        "hp wa",
        "kontak telepon",
        "phone",
        "phone number",
        "mobile",
    ],
    "whatsapp": ["wa", "whatsapp", "no wa", "nomor wa", "nomor whatsapp", "whats app"],
    "email": ["email", "e mail", "surel", "alamat email", "surat elektronik"],
    "website": ["situs", "situs web", "web", "website", "laman", "url"],
    "instagram": ["instagram", "ig"],
    "facebook": ["facebook", "fb"],
    "tiktok": ["tiktok", "tik tok"],
    "youtube": ["youtube", "yt"],
    "tokopedia": ["tokopedia"],
    "shopee": ["shopee"],
    "owner_emails": ["email pemilik akun", "owner emails"],
}

# Columns the portal writes that an import never reads: status and
# verification change only through moderation decisions.
NEVER_IMPORTED = {"status", "verified"}


def header_key(header):
    return " ".join(re.sub(r"[^\w]+|_", " ", str(header).casefold()).split())


def _index():
    index = {}
    for name in IMPORT_FIELDS:
        index[header_key(name)] = name
    for field, words in SYNONYMS.items():
        for word in words:
            index.setdefault(header_key(word), field)
    return index


_INDEX = _index()


def propose_field(header):
    """The field a header names, or "" when it names none."""
    key = header_key(header)
    if not key or key in {header_key(n) for n in NEVER_IMPORTED}:
        return IGNORE
    if key in _INDEX:
        return _INDEX[key]
    # "Telp/HP", "Alamat Pabrik", "Nama Perusahaan (PT/CV)": the longest known header at the start.
    words = key.split()
    for size in range(len(words) - 1, 0, -1):
        found = _INDEX.get(" ".join(words[:size]))
        if found:
            return found
    return IGNORE


def target_choices():
    """(value, label) of every field a column can fill, for the mapping step."""
    labels = {c.name: c.name for c in COLUMNS}
    choices = [(IGNORE, gettext_lazy("— ignore this column —"))]
    choices += [(name, labels[name]) for name in IMPORT_FIELDS]
    choices.append((PRODUCTS, gettext_lazy("products: categories by name, else description")))
    return choices


def valid_target(value):
    return value in (IGNORE, PRODUCTS) or value in IMPORT_FIELDS


def propose(header):
    """The proposed field of each column; a field named by two columns goes to the first."""
    taken = set()
    mapping = []
    for text in header:
        field = propose_field(text)
        if field and field in taken:
            field = IGNORE
        if field:
            taken.add(field)
        mapping.append(field)
    return mapping


def apply_overrides(header, mapping, overrides):
    """The mapping with the clerk's choices ("Header" -> field); raises ValueError with a message."""
    mapping = list(mapping)
    keys = [header_key(h) for h in header]
    for header_text, field in overrides.items():
        key = header_key(header_text)
        if key not in keys:
            raise ValueError(
                _("The file has no column “%(header)s”; its columns are %(columns)s.")
                % {"header": header_text, "columns": ", ".join(h for h in header if h)}
            )
        field = field.strip()
        if field.lower() in ("", "-", "ignore", "abaikan"):
            field = IGNORE
        if not valid_target(field):
            raise ValueError(
                _("“%(field)s” is not a field of a listing; use one of %(fields)s.")
                % {"field": field, "fields": ", ".join([*IMPORT_FIELDS, PRODUCTS])}
            )
        mapping[keys.index(key)] = field
    return mapping


def check_mapping(mapping, defaults):
    """Messages for a mapping that cannot import: a required field with neither column nor default."""
    problems = []
    used = [f for f in mapping if f]
    for field in sorted({f for f in used if used.count(f) > 1}):
        problems.append(_("Two columns fill “%(field)s”; ignore one of them.") % {"field": field})
    if "name" not in used:
        problems.append(_("No column holds the name of the company; choose the column for “name”."))
    # An update file may name listings by NIB alone; its new rows then ask for a regency each.
    if "regency" not in used and "nib" not in used and not defaults.get("regency"):
        problems.append(_("No column holds the regency or city; choose the column for “regency”."))
    return problems
