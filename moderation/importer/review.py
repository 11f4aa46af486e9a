"""Sorting parsed rows into what an import would do, before anything is written.

Each row is *created* (new), *updated* (with a field-by-field diff),
*duplicate* (a listing with a very similar name in the same regency exists:
the clerk merges or keeps apart), *unchanged*, *merged* (the same listing
earlier in the file: its values joined that row) or *error*.
"""

import difflib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directory.models import Listing

from ..columns import SCALAR_FIELDS
from .cleaning import normalise_name
from .parsing import RELATIONS

CREATED, UPDATED, DUPLICATE, UNCHANGED, MERGED, ERROR = (
    "created",
    "updated",
    "duplicate",
    "unchanged",
    "merged",
    "error",
)
ACTIONS = (CREATED, UPDATED, DUPLICATE, UNCHANGED, MERGED, ERROR)
# How alike two normalised names in one regency must be to ask the clerk.
SIMILAR = 0.85
PLACE_FIELDS = ("province", "regency", "district")
COMPARED = [*SCALAR_FIELDS, "export_markets", *PLACE_FIELDS]
_FIELDS = Listing._meta.fields


@dataclass
class RowResult:
    line: int
    name: str
    action: str = ""
    errors: list = field(default_factory=list)  # "column: message"
    diff: list = field(default_factory=list)  # (field, before, after)
    candidate: dict | None = None  # the similar existing listing, for the side-by-side
    merged_into: int | None = None
    parsed: object = None
    listing: object = None  # the Listing as it would be saved (unsaved for a new one)
    m2m: dict = field(default_factory=dict)
    changed_m2m: list = field(default_factory=list)
    new_owners: list = field(default_factory=list)
    before: dict = field(default_factory=dict)  # the changed fields' values before, to undo with

    @property
    def writes(self):
        return self.action in (CREATED, UPDATED)


@dataclass
class Report:
    rows: list = field(default_factory=list)
    dry_run: bool = True
    written: bool = False
    run: object = None

    def count(self, action):
        return sum(1 for r in self.rows if r.action == action)

    @property
    def errors(self):
        return [r for r in self.rows if r.action == ERROR]

    @property
    def ok(self):
        return not self.errors

    @property
    def summary(self):
        return {a: self.count(a) for a in ACTIONS}

    def of(self, action):
        return [r for r in self.rows if r.action == action]


class Existing:
    """The listings already in the directory, by NIB, by name in a regency, and by word in a regency."""

    # Words shared by more names than this ("sepatu", "jaya") do not narrow the search.
    COMMON = 200

    def __init__(self):
        self.by_nib, self.by_name, self.words = {}, {}, {}
        rows = Listing.objects.values_list("pk", "nib", "name", "regency_id").order_by("pk")
        for pk, nib, name, regency_id in rows.iterator(chunk_size=5000):
            normalised = normalise_name(name)
            if nib:
                self.by_nib[nib] = pk
            self.by_name.setdefault((regency_id, normalised), pk)
            for word in set(normalised.split()):
                self.words.setdefault((regency_id, word), []).append((normalised, pk))

    def match(self, nib, regency_id, normalised):
        if nib and nib in self.by_nib:
            return self.by_nib[nib]
        return self.by_name.get((regency_id, normalised))

    def candidates(self, regency_id, normalised):
        """Names in the regency sharing a word with this one, the rarest words first."""
        postings = sorted(
            (self.words.get((regency_id, word), []) for word in set(normalised.split())), key=len
        )
        found = {}
        for posting in postings:
            if found and len(posting) > self.COMMON:
                break
            found.update((pk, other) for other, pk in posting[: self.COMMON * 5])
        return found.items()

    def similar(self, regency_id, normalised):
        """The pk of the most similar listing in the regency, or None."""
        best, best_pk = SIMILAR, None
        for pk, other in self.candidates(regency_id, normalised):
            matcher = difflib.SequenceMatcher(None, normalised, other)
            if matcher.real_quick_ratio() < best or matcher.quick_ratio() < best:
                continue
            ratio = matcher.ratio()
            if ratio >= best:
                best, best_pk = ratio, pk
        return best_pk


def _key(parsed):
    nib = parsed.values.get("nib") or ""
    regency = parsed.values.get("regency")
    return nib, (regency.code if regency else None), normalise_name(parsed.name)


def review_rows(parsed_rows, *, existing=None, resolutions=None, loader=None):
    """A Report of the parsed rows; `resolutions` maps a duplicate row's line to "merge" or "keep"."""
    existing = existing or Existing()
    resolutions = resolutions or {}
    _LABELS.clear()  # read once per review, in the clerk's language
    report = Report()
    first_by_key = {}
    results = []
    for parsed in parsed_rows:
        result = RowResult(line=parsed.line, name=parsed.name, parsed=parsed)
        results.append(result)
        if parsed.errors:
            continue
        nib, regency, normalised = _key(parsed)
        keys = [k for k in (("nib", nib) if nib else None, ("name", regency, normalised)) if k]
        earlier = next((first_by_key[k] for k in keys if k in first_by_key), None)
        if earlier is not None and not earlier.parsed.errors:
            _merge_into(earlier.parsed, parsed)
            result.action, result.merged_into = MERGED, earlier.line
            continue
        for k in keys:
            first_by_key.setdefault(k, result)
    targets = {}
    for result in results:
        parsed = result.parsed
        if result.action == MERGED or parsed.errors:
            continue
        nib, regency, normalised = _key(parsed)
        pk = existing.match(nib, regency, normalised)
        if pk is None and regency:
            similar = existing.similar(regency, normalised)
            choice = resolutions.get(parsed.line) or resolutions.get(str(parsed.line))
            if similar is not None and choice == "merge":
                pk = similar
            elif similar is not None and choice != "keep":
                result.action = DUPLICATE
                result.candidate = {"pk": similar}
        targets[result.line] = pk
    wanted = {pk for pk in targets.values() if pk}
    wanted |= {r.candidate["pk"] for r in results if r.action == DUPLICATE}
    listings = (loader or _load)(sorted(wanted))
    for result in results:
        parsed = result.parsed
        if parsed.errors:
            result.action = ERROR
        elif result.action in (MERGED, DUPLICATE):
            pass
        else:
            pk = targets[result.line]
            listing = listings.get(pk) if pk else None
            _classify(result, listing)
        result.errors = [f"{column}: {message}" for column, message in parsed.errors]
        result.name = parsed.name or result.name
    for result in results:
        if result.action == DUPLICATE:
            result.candidate = _side_by_side(result, listings.get(result.candidate["pk"]))
    report.rows = results
    return report


def _merge_into(first, later):
    """A later row of the same listing fills what the first left empty."""
    for name, value in later.values.items():
        first.values.setdefault(name, value)
    for relation, objects in later.m2m.items():
        merged = first.m2m.setdefault(relation, [])
        merged.extend(o for o in objects if o not in merged)
    first.owners.extend(u for u in later.owners if u not in first.owners)


def _load(pks):
    """The listings rows update, with what they link to, in few queries."""
    listings = {}
    for start in range(0, len(pks), 2000):
        chunk = pks[start : start + 2000]
        for listing in Listing.objects.filter(pk__in=chunk).select_related("province", "regency"):
            listing.linked = {name: set() for name in RELATIONS}
            listings[listing.pk] = listing
        for name in RELATIONS:
            relation = getattr(Listing, name)
            target = relation.field.m2m_reverse_name()
            links = relation.through.objects.filter(listing_id__in=chunk).values_list("listing_id", target)
            for listing_id, target_id in links:
                listings[listing_id].linked[name].add(target_id)
        owners = Listing.members.through.objects.filter(listing_id__in=chunk, role="owner")
        for listing_id, user_id in owners.values_list("listing_id", "user_id"):
            listings[listing_id].__dict__.setdefault("owner_ids", set()).add(user_id)
    return listings


def _comparable(listing, name):
    if name in PLACE_FIELDS:
        return getattr(listing, f"{name}_id")
    value = getattr(listing, name)
    if name == "export_markets":
        return [getattr(c, "code", c) for c in value]
    if name in ("phone", "whatsapp"):
        return str(value.as_e164) if value else ""
    return value


def _display(value):
    if value is None or value == "":
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _classify(result, listing):
    parsed = result.parsed
    is_new = listing is None
    if is_new:
        listing = Listing(status=Listing.Status.PENDING)
        listing.linked = {name: set() for name in RELATIONS}
        for name in ("regency", "name", "roles"):
            present = parsed.m2m.get(name) if name == "roles" else parsed.values.get(name)
            if not present:
                column = "regency" if name == "regency" else name
                message = (
                    _("give at least one chain role, in the file or as a default for the file.")
                    if name == "roles"
                    else _("required.")
                )
                parsed.error(column, message)
    before = {name: _comparable(listing, name) for name in COMPARED}
    for name, value in parsed.values.items():
        setattr(listing, name, value)
    for name in parsed.cleared:
        model_field = Listing._meta.get_field(name)
        setattr(listing, name, None if model_field.null else "")
    # Only what the row sets is validated: the rest is a default, or was valid when saved.
    exclude = ["slug", "province", "regency", "district", "status"]
    exclude += [f.name for f in _FIELDS if f.name not in parsed.values and f.name not in parsed.cleared]
    try:
        listing.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for column, messages in error.message_dict.items():
            for message in messages:
                parsed.error(column, message)
    roles = parsed.m2m.get("roles")
    role_objects = roles if roles is not None else list(listing.roles.all()) if not is_new else []
    if roles is None and not is_new:
        # A row without roles matched category names in every role: keep the listing's own.
        codes = {role.code for role in role_objects}
        for name in ("categories", "features"):
            if parsed.m2m.get(name):
                parsed.m2m[name] = [o for o in parsed.m2m[name] if o.role_id in codes] or parsed.m2m[name]
    try:
        Listing.check_taxonomy(
            role_objects, parsed.m2m.get("categories") or [], parsed.m2m.get("features") or []
        )
    except ValidationError as error:
        for column, messages in error.message_dict.items():
            for message in messages:
                parsed.error(column, message)
    if parsed.errors:
        result.action = ERROR
        return
    after = {name: _comparable(listing, name) for name in COMPARED}
    result.listing = listing
    result.m2m = parsed.m2m
    if is_new:
        result.action = CREATED
        result.new_owners = list(parsed.owners)
        result.changed_m2m = [name for name in RELATIONS if parsed.m2m.get(name)]
        return
    changed = [name for name in COMPARED if before[name] != after[name]]
    result.before = {name: before[name] for name in changed}
    result.diff = [(name, _display(before[name]), _display(after[name])) for name in changed]
    result.changed_m2m = [
        name for name, objects in parsed.m2m.items() if {o.pk for o in objects} != listing.linked[name]
    ]
    for name in result.changed_m2m:
        names = _relation_labels(name)
        old = ", ".join(sorted(names.get(pk, str(pk)) for pk in listing.linked[name]))
        result.diff.append(
            (name, old, ", ".join(sorted(names.get(o.pk, str(o.pk)) for o in parsed.m2m[name])))
        )
    owner_ids = listing.__dict__.get("owner_ids", set())
    result.new_owners = [u for u in parsed.owners if u.pk not in owner_ids]
    if result.new_owners:
        result.diff.append(("owner_emails", "", ", ".join(u.email for u in result.new_owners)))
    result.action = UPDATED if result.diff else UNCHANGED


_LABELS = {}


def _relation_labels(name):
    """{pk: label} of a relation's targets (a few dozen rows), to show a diff in words."""
    if name not in _LABELS:
        model = getattr(Listing, name).field.related_model
        related = ["role"] if name in ("categories", "features") else []
        _LABELS[name] = {obj.pk: str(obj) for obj in model.objects.select_related(*related)}
    return _LABELS[name]


def _side_by_side(result, listing):
    """The row and the similar listing, field by field, for the clerk to compare."""
    values = result.parsed.values
    names = ["name", "nib", "regency", "address", "phone", "email", "contact_person"]
    return {
        "pk": listing.pk if listing else None,
        "name": listing.name if listing else "",
        "fields": [
            (name, _display(values.get(name)), _display(getattr(listing, name, "")) if listing else "")
            for name in names
        ],
    }
