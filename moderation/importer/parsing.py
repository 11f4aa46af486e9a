"""One row of the file, read through the mapping into a listing's values.

Every cell is read and every problem collected, so a clerk sees all of a
row's mistakes at once. An empty cell means "not given": it never clears a
field unless the clerk asked for empty cells to clear (`clear_empty`).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directory.models import Category, Certification, Feature, Role
from directory.validators import normalize_kbli, validate_plain_text

from ..columns import COLUMNS
from .cleaning import (
    Places,
    assign_phones,
    clean_name,
    is_blank,
    key,
    split_list,
    tidy,
    whole_number,
)
from .mapping import PRODUCTS

KINDS = {c.name: c.kind for c in COLUMNS}
# The characters of Unicode category Cc other than tab and line breaks (validate_plain_text's rule).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MULTILINE = {"description", "description_en", PRODUCTS}
RELATIONS = ("roles", "categories", "features", "certifications")
# Chain roles as clerks name them.
ROLE_WORDS = {
    "material": ["bahan baku", "bahan", "penyamakan", "material source", "material sources"],
    "supplier": ["pemasok", "suplier", "supplier", "komponen", "pemasok komponen", "suppliers"],
    "producer": ["produsen", "pengrajin", "perajin", "pabrik", "ikm", "industri", "produser", "producers"],
    "brand": ["merek", "merk", "brand lokal", "local brand", "brands"],
    "organisation": ["organisasi", "asosiasi", "lembaga", "instansi", "organization", "organisations"],
}
CHOICE_WORDS = {
    "size": {"mikro": "micro", "kecil": "small", "menengah": "medium", "besar": "large"},
    "legal_form": {"perseroan terbatas": "pt", "perorangan": "perorangan", "individu": "perorangan"},
}


class Lookups:
    """Everything rows refer to, loaded once per import."""

    def __init__(self):
        self.places = Places()
        self.roles = {}
        for role in Role.objects.all():
            for word in [role.code, str(Role.Code(role.code).label), *ROLE_WORDS.get(role.code, [])]:
                self.roles[key(word)] = role
        self.categories = {}
        self.category_names = {}
        for category in Category.objects.all():
            self.categories[(category.role_id, category.slug)] = category
            for name in (category.slug, category.name, category.name_en):
                self.category_names.setdefault(key(name), []).append(category)
        self.features = {}
        for feature in Feature.objects.all():
            for name in (feature.slug, feature.name, feature.name_en, str(feature.short_label)):
                self.features.setdefault(key(name), [])
                if feature not in self.features[key(name)]:
                    self.features[key(name)].append(feature)
        self.certifications = {}
        for cert in Certification.objects.all():
            for name in (cert.slug, cert.name, cert.name_en):
                self.certifications[key(name)] = cert
        self.users = {}

    def user(self, email):
        email = email.lower()
        if email not in self.users:
            self.users[email] = get_user_model().objects.filter(email__iexact=email).first()
        return self.users[email]


@dataclass
class Parsed:
    line: int
    cells: list
    name: str = ""
    values: dict = field(default_factory=dict)  # field -> value, only what the file gives
    m2m: dict = field(default_factory=dict)  # relation -> [objects], only what the file gives
    owners: list = field(default_factory=list)
    cleared: set = field(default_factory=set)  # fields the clerk asked to clear
    errors: list = field(default_factory=list)  # (column, message)
    notes: list = field(default_factory=list)

    def error(self, column, message):
        self.errors.append((column, str(message)))


def parse_row(lookups, line, cells, mapping, *, defaults=None, clear_empty=False, labels=None):
    """The Parsed row; `mapping[i]` is the field column i fills ("" when ignored)."""
    defaults = defaults or {}
    labels = labels or {}
    row = Parsed(line=line, cells=cells)
    given = {}
    # Most rows hold no control character at all: one search of the whole row says so.
    suspicious = _CONTROLS.search("".join(cells)) is not None
    for index, target in enumerate(mapping):
        if not target:
            continue
        text = cells[index] if index < len(cells) else ""
        if suspicious:
            try:
                validate_plain_text(text)
            except ValidationError as error:
                row.error(labels.get(target, target), error.messages[0])
                continue
        text = tidy(text, multiline=target in MULTILINE)
        if target in given and given[target]:
            continue
        given[target] = "" if is_blank(text) and target not in ("name",) else text
    if row.errors:
        # A control character would reach database lookups (PostgreSQL refuses NUL).
        return row
    for target, value in defaults.items():
        if value and not given.get(target):
            given[target] = value
    label = lambda name: labels.get(name, name)  # noqa: E731

    name, legal_form = clean_name(given.get("name", ""))
    row.name = name
    if not name:
        row.error(label("name"), _("required."))
    else:
        row.values["name"] = name
    # Read from the name only when the file has no legal-form column of its own.
    if legal_form and "legal_form" not in mapping:
        row.values["legal_form"] = legal_form

    _regions(lookups, row, given, label)
    _relations(lookups, row, given, label)
    phones, errors = assign_phones(given.get("phone", ""), given.get("whatsapp", ""))
    for column, message in errors:
        row.error(label(column), message)
    row.values.update(phones)
    if not given.get("whatsapp") and "whatsapp" in phones and "whatsapp" not in mapping:
        row.notes.append("whatsapp")

    for target, text in given.items():
        kind = KINDS.get(target)
        if target in ("name", "phone", "whatsapp", "owner_emails") or kind in ("regions", "relation", None):
            continue
        if not text:
            if clear_empty and target in mapping:
                row.cleared.add(target)
            continue
        value = _scalar(row, target, kind, text, label)
        if value is not None:
            row.values[target] = value
    if clear_empty:
        for target in ("phone", "whatsapp"):
            if target in mapping and not given.get(target) and target not in row.values:
                row.cleared.add(target)
    for email in split_list(given.get("owner_emails", "")):
        user = lookups.user(email)
        if user is None:
            row.error(label("owner_emails"), _("no account with the email %(value)s.") % {"value": email})
        else:
            row.owners.append(user)
    return row


def _scalar(row, target, kind, text, label):
    if kind == "int":
        number = whole_number(text)
        if number is None:
            row.error(label(target), _("“%(value)s” is not a whole number.") % {"value": text})
        return number
    if kind == "decimal":
        try:
            return Decimal(text.replace(",", ".")).quantize(Decimal("0.000001"))
        except InvalidOperation:
            row.error(label(target), _("“%(value)s” is not a number.") % {"value": text})
            return None
    if kind == "choice":
        word = key(text)
        return CHOICE_WORDS.get(target, {}).get(word, word.replace(" ", "_"))
    if target == "nib":
        return "".join(text.split()).replace(".", "").replace("-", "")
    if target == "kbli_codes":
        return normalize_kbli(text)
    return text


def _regions(lookups, row, given, label):
    places = lookups.places
    province, message = places.province(given.get("province", ""))
    if message:
        row.error(label("province"), message)
    text = given.get("regency", "")
    regency = None
    # A missing regency is asked for in review.py, where a row updating a listing needs none.
    if text and not message:
        regency, problem = places.regency(text, province)
        if problem:
            row.error(label("regency"), problem)
    if regency is not None:
        province = province or regency.province
        row.values["province"], row.values["regency"] = province, regency
        district, problem = places.district(given.get("district", ""), regency)
        if problem:
            row.error(label("district"), problem)
        elif district is not None:
            row.values["district"] = district


def _relations(lookups, row, given, label):
    roles = []
    for word in split_list(given.get("roles", "")):
        role = lookups.roles.get(key(word))
        if role is None:
            row.error(label("roles"), _("unknown role “%(value)s”.") % {"value": word})
        elif role not in roles:
            roles.append(role)
    if roles:
        row.m2m["roles"] = roles
    # Without roles a row can still update a listing; review.py asks for them on new ones.
    if given.get("categories"):
        found = []
        for token in split_list(given["categories"]):
            if ":" in token:
                role_code, slug = (part.strip().lower() for part in token.split(":", 1))
                matches = [lookups.categories.get((role_code, slug))]
            else:
                matches = _in_roles(lookups.category_names.get(key(token), []), roles)
            matches = [m for m in matches if m is not None]
            if not matches:
                row.error(label("categories"), _("unknown category “%(value)s”.") % {"value": token})
            found.extend(m for m in matches if m not in found)
        row.m2m["categories"] = found
    if given.get(PRODUCTS):
        found, words = list(row.m2m.get("categories", [])), []
        for token in split_list(given[PRODUCTS]):
            matches = _in_roles(lookups.category_names.get(key(token), []), roles)
            if matches:
                found.extend(m for m in matches if m not in found)
            else:
                words.append(token)
        if found:
            row.m2m["categories"] = found
        if words and not given.get("description"):
            given["description"] = ", ".join(words)
    for relation, table in (("features", lookups.features), ("certifications", lookups.certifications)):
        if not given.get(relation):
            continue
        found = []
        for token in split_list(given[relation]):
            matches = table.get(key(token))
            matches = matches if isinstance(matches, list) else [matches] if matches else []
            if relation == "features":
                matches = _in_roles(matches, roles) or matches
            if not matches:
                message = (
                    _("unknown feature “%(value)s”.")
                    if relation == "features"
                    else _("unknown certification “%(value)s”.")
                )
                row.error(label(relation), message % {"value": token})
            found.extend(m for m in matches if m not in found)
        row.m2m[relation] = found
    if given.get("export_markets"):
        from django_countries import countries

        codes = []
        for token in split_list(given["export_markets"]):
            code = token.upper() if token.upper() in countries else countries.by_name(token) or ""
            if not code:
                row.error(label("export_markets"), _("unknown country code “%(value)s”.") % {"value": token})
            elif code not in codes:
                codes.append(code)
        row.values["export_markets"] = codes


def _in_roles(entries, roles):
    """The entries of the row's roles; every entry when the row names no roles (an update)."""
    codes = {role.code for role in roles}
    return [e for e in entries if not codes or e.role_id in codes]
