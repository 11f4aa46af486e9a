"""Turning what clerks type into the portal's values: places, phones, names, numbers.

Places are resolved against the Kemendagri regions already in the database:
every province by its name, its usual abbreviation (Jatim, DIY, Sulsel, NTB…)
or English name, and every regency/city with or without "Kabupaten", "Kab.",
"Kota", and alone when only one of that name is in the province (or in the
country, when the province is missing).
"""

import re

import phonenumbers
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from directory.models import District, Listing, Province, Regency
from directory.spreadsheet import FORMULA_STARTS

# Usual abbreviations and other names, by Kemendagri code; the official names
# (with "Sumatra" for "Sumatera" and without "Provinsi") are added from the data.
PROVINCE_ALIASES = {
    "11": ["nad", "nanggroe aceh darussalam", "di aceh", "daerah istimewa aceh"],
    "12": ["sumut", "north sumatra", "north sumatera"],
    "13": ["sumbar", "west sumatra", "west sumatera"],
    "14": [],
    "15": [],
    "16": ["sumsel", "south sumatra", "south sumatera"],
    "17": [],
    "18": [],
    "19": ["babel", "bangka belitung", "kep bangka belitung", "kep babel", "bangka belitung islands"],
    "21": ["kepri", "kep riau", "riau islands"],
    "31": ["dki", "dki jakarta", "jakarta", "dki jaya", "jakarta raya", "dk jakarta"],
    "32": ["jabar", "west java"],
    "33": ["jateng", "central java"],
    "34": [
        "diy",
        "di yogyakarta",
        "yogya",
        "yogyakarta",
        "jogja",
        "jogjakarta",
        "djogja",
        "daerah istimewa jogjakarta",
        "special region of yogyakarta",
    ],
    "35": ["jatim", "east java"],
    "36": [],
    "51": [],
    "52": ["ntb", "west nusa tenggara"],
    "53": ["ntt", "east nusa tenggara"],
    "61": ["kalbar", "west kalimantan"],
    "62": ["kalteng", "central kalimantan"],
    "63": ["kalsel", "south kalimantan"],
    "64": ["kaltim", "east kalimantan"],
    "65": ["kaltara", "north kalimantan"],
    "71": ["sulut", "north sulawesi"],
    "72": ["sulteng", "central sulawesi"],
    "73": ["sulsel", "south sulawesi"],
    "74": ["sultra", "southeast sulawesi"],
    "75": [],
    "76": ["sulbar", "west sulawesi"],
    "81": [],
    "82": ["malut", "north maluku"],
    "91": [],
    "92": ["pabar", "west papua"],
    "93": ["papsel", "south papua"],
    "94": ["papteng", "central papua"],
    "95": ["papeg", "highland papua", "papua pegunungan"],
    "96": ["pbd", "papua bardaya", "southwest papua"],
}
_PROVINCE_PREFIX = re.compile(r"^(provinsi|propinsi|prov|province)\s+")
_KAB_PREFIX = re.compile(r"^(kabupaten|kab|kabupatan)\s+")
_KOTA_PREFIX = re.compile(r"^(kota administrasi|kota adm|kotamadya|kodya|kota madya|kota|kot|city of)\s+")


def key(text):
    return " ".join(re.sub(r"[^\w]+", " ", str(text).casefold()).split())


class Places:
    """Province, regency and district names of the whole country, loaded once per import."""

    def __init__(self):
        self.provinces = {}
        for province in Province.objects.all():
            names = [province.code, province.name, *PROVINCE_ALIASES.get(province.code, [])]
            names.append(province.name.replace("Sumatera", "Sumatra"))
            names.append(re.sub(r"^(Daerah Khusus Ibukota|Daerah Istimewa)\s+", "", province.name))
            for name in names:
                self.provinces[key(name)] = province
        self.regencies = {}
        # (province code or None, short name) -> {kind: regency}
        self.regency_names = {}
        for regency in Regency.objects.all():
            self.regencies[regency.code] = regency
            short = _KOTA_PREFIX.sub("", _KAB_PREFIX.sub("", key(regency.name)))
            for scope in (regency.province_id, None):
                self.regency_names.setdefault((scope, short), {}).setdefault(regency.kind, []).append(regency)
        self.districts = {}
        self.district_names = {}
        for district in District.objects.only("code", "name", "regency_id"):
            self.districts[district.code] = district
            self.district_names.setdefault((district.regency_id, key(district.name)), []).append(district)

    def province(self, text):
        """(province or None, error or "")."""
        if not text:
            return None, ""
        found = self.provinces.get(key(text)) or self.provinces.get(_PROVINCE_PREFIX.sub("", key(text)))
        if found is None:
            return None, _("unknown province “%(value)s”.") % {"value": text}
        return found, ""

    def regency(self, text, province):
        """(regency or None, error or ""); the province may be None when the file gives none."""
        code = text.strip()
        if code in self.regencies:
            regency = self.regencies[code]
            if province is not None and regency.province_id != province.code:
                return None, _("%(regency)s is not in %(province)s.") % {
                    "regency": regency,
                    "province": province,
                }
            return regency, ""
        name = key(text)
        kind = None
        if _KAB_PREFIX.match(name):
            kind, name = Regency.Kind.KABUPATEN, _KAB_PREFIX.sub("", name)
        elif _KOTA_PREFIX.match(name):
            kind, name = Regency.Kind.KOTA, _KOTA_PREFIX.sub("", name)
        scope = province.code if province is not None else None
        by_kind = self.regency_names.get((scope, name), {})
        candidates = by_kind.get(kind, []) if kind else [r for rs in by_kind.values() for r in rs]
        if len(candidates) == 1:
            return candidates[0], ""
        if not candidates:
            if province is not None and self.regency_names.get((None, name)):
                elsewhere = sorted(
                    {str(r.province) for rs in self.regency_names[(None, name)].values() for r in rs}
                )
                return None, _("“%(value)s” is not in %(province)s; it is in %(elsewhere)s.") % {
                    "value": text,
                    "province": province,
                    "elsewhere": ", ".join(elsewhere),
                }
            if province is None:
                return None, _("unknown regency/city “%(value)s”.") % {"value": text}
            return None, _("unknown regency/city “%(value)s” in %(province)s.") % {
                "value": text,
                "province": province,
            }
        options = sorted(f"{r.name} ({r.province})" for r in candidates)
        return None, _("“%(value)s” is ambiguous: write one of %(options)s.") % {
            "value": text,
            "options": ", ".join(options),
        }

    def district(self, text, regency):
        if not text or regency is None:
            return None, ""
        district = self.districts.get(text.strip())
        if district is None:
            name = re.sub(r"^(kecamatan|kec)\s+", "", key(text))
            found = self.district_names.get((regency.code, name), [])
            district = found[0] if len(found) == 1 else None
        if district is None or district.regency_id != regency.code:
            return None, _("unknown district “%(value)s” in %(regency)s.") % {
                "value": text,
                "regency": regency,
            }
        return district, ""


# --- Phones --------------------------------------------------------------------

_PHONE_SPLIT = re.compile(r"\s*(?:/|,|;|\||\n|&|\bdan\b|\batau\b|\bor\b|\s-\s|\s{2,})\s*", re.IGNORECASE)
_EMPTY = {"-", "--", "—", "–", ".", "0", "n/a", "na", "tidak ada", "tdk ada", "belum ada", "none", "nil"}


def is_blank(text):
    return not text or text.strip().casefold() in _EMPTY


def parse_phone(text):
    """A phonenumbers.PhoneNumber for one number as typed, or None."""
    digits = re.sub(r"[^\d+]", "", text)
    if digits.startswith("62") and len(digits) >= 10:
        digits = "+" + digits
    elif digits.startswith("8") and 9 <= len(digits) <= 13:
        # The leading zero dropped, as spreadsheets do with numbers.
        digits = "0" + digits
    try:
        number = phonenumbers.parse(digits, "ID")
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def is_mobile(phone):
    return phone.kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ) and (phone.country_code != 62 or str(phone.national_number).startswith("8"))


def split_phones(text):
    """(numbers, unreadable parts) of a cell that may hold several numbers."""
    numbers, bad = [], []
    for part in _PHONE_SPLIT.split(text.strip()):
        if is_blank(part):
            continue
        number = parse_phone(part)
        if number is None:
            bad.append(part)
        else:
            phone = ImportedPhone.of(number)
            if phone not in numbers:
                numbers.append(phone)
    return numbers, bad


class ImportedPhone(PhoneNumber):
    """A checked number that remembers its checks: the field validates and formats a number
    several times per save, which dominated the time of a bulk import."""

    @classmethod
    def of(cls, number):
        phone = cls()
        phone.merge_from(number)
        # number_type() does the matching that is_valid_number() would do again.
        phone.kind = phonenumbers.number_type(number)
        phone._valid = phone.kind != phonenumbers.PhoneNumberType.UNKNOWN
        phone._formats = {}
        return phone

    def is_valid(self):
        return self._valid

    def format_as(self, format):
        if format not in self._formats:
            self._formats[format] = phonenumbers.format_number(self, format)
        return self._formats[format]

    def __str__(self):
        return self.as_e164 if self._valid else self.raw_input

    def __hash__(self):
        return hash(self.as_e164)


def assign_phones(phone_cell, whatsapp_cell):
    """{"phone": number, "whatsapp": number} from the two cells, and messages for what cannot be read.

    A mobile number (08…) in the phone cell is the WhatsApp number when the
    file has none; the phone is the first other number, else the mobile.
    """
    values, errors = {}, []
    phones, bad = split_phones(phone_cell or "")
    for part in bad:
        errors.append(("phone", _("“%(value)s” is not a phone number.") % {"value": part}))
    whatsapps, bad = split_phones(whatsapp_cell or "")
    for part in bad:
        errors.append(("whatsapp", _("“%(value)s” is not a phone number.") % {"value": part}))
    whatsapp = whatsapps[0] if whatsapps else next((n for n in phones if is_mobile(n)), None)
    others = [n for n in phones if n != whatsapp]
    phone = others[0] if others else (phones[0] if phones else None)
    if phone is not None:
        values["phone"] = phone
    if whatsapp is not None:
        values["whatsapp"] = whatsapp
    return values, errors


# --- Names ---------------------------------------------------------------------

# Prefix as typed -> (legal form code, how the name writes it).
_LEGAL_PREFIXES = [
    (re.compile(r"^p\.?\s?t\.?(?=\s)", re.I), Listing.LegalForm.PT, "PT"),
    (re.compile(r"^c\.?\s?v\.?(?=\s)", re.I), Listing.LegalForm.CV, "CV"),
    (re.compile(r"^u\.?\s?d\.?(?=\s)", re.I), Listing.LegalForm.UD, "UD"),
    (re.compile(r"^(koperasi|kop\.)(?=\s)", re.I), Listing.LegalForm.KOPERASI, "Koperasi"),
    (re.compile(r"^(firma|fa\.)(?=\s)", re.I), Listing.LegalForm.FIRMA, "Firma"),
    (re.compile(r"^yayasan(?=\s)", re.I), Listing.LegalForm.YAYASAN, "Yayasan"),
]
_LEGAL_SUFFIX = re.compile(r",?\s*\b(pt|cv|ud)\.?$", re.I)
_LEGAL_FORM_WORDS = {"pt", "cv", "ud", "tbk", "persero", "koperasi", "kop", "firma", "fa", "yayasan"}


def tidy(text, multiline=False):
    """Whitespace collapsed (a multi-line field only trimmed), non-breaking spaces and the
    export's formula guard removed."""
    text = str(text).replace("\u00a0", " ").replace("\u200b", "")
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    if multiline:
        # Paragraphs and tabs of a description are the author's.
        return text.replace("\r\n", "\n").strip()
    return " ".join(text.split())


def clean_name(text):
    """(name, legal form code or "") of a company name: "PT. MAJU JAYA" -> ("PT Maju Jaya", "pt")."""
    name = tidy(text)
    if name.isupper() and len(name) > 3:
        name = " ".join(
            w if len(w) <= 3 and w.isalpha() and w in {"PT", "CV", "UD"} else w.title() for w in name.split()
        )
    match = _LEGAL_SUFFIX.search(name)
    if match and not any(p.match(name) for p, _code, _w in _LEGAL_PREFIXES):
        # "Maju Jaya, CV" is how some lists sort names.
        name = f"{match.group(1).upper()} {name[: match.start()].strip()}"
    for pattern, code, written in _LEGAL_PREFIXES:
        found = pattern.match(name)
        if found:
            return f"{written} {name[found.end() :].strip()}", code.value
    return name, ""


def normalise_name(name):
    """The name used to recognise a listing: case, punctuation and legal-form words ignored."""
    words = re.sub(r"[^\w]+", " ", name.casefold()).split()
    return " ".join(w for w in words if w not in _LEGAL_FORM_WORDS)


def split_list(value):
    return [part.strip() for part in re.split(r"[,;\n/|]+", value) if part.strip()]


def whole_number(text):
    """An int from "1.500", "1,500", "1500 pasang", "± 2000/bulan"; None when none can be read."""
    match = re.search(r"\d[\d., ]*", text)
    if not match or re.search(r"[a-zA-Z]", text[: match.start()].replace("±", "")):
        return None
    digits = re.sub(r"[., ]", "", match.group(0).strip())
    return int(digits) if digits else None
