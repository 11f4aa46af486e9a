"""The directory's facets: every filter option with the number of results choosing it would give,
and the applied filters as removable chips.

Counts come from the directory snapshot (selection.py), computed once per
generation and filter combination and kept in the cache (counts.py).
"""

from dataclasses import dataclass

from django.http import QueryDict

from .counts import cached
from .filters import CAPACITY_RANGES, MOQ_RANGES, ListingFilter
from .models import Certification, Listing, Province, Regency, Role


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list
    empty_label: str = ""


def _selected(filterset, name):
    value = filterset.form.cleaned_data.get(name)
    if value is None or value == "":
        return ""
    if isinstance(value, Province | Regency):
        return value.code
    if isinstance(value, Certification):
        return value.slug
    return str(value)


def _facet_key(filterset):
    """What the counts depend on: the text searched for (as corrected) and every other valid filter value."""
    cleaned = filterset.form.cleaned_data
    key = [("q", filterset.spelling.text if filterset.search_text else "")]
    for name in sorted(cleaned):
        if name not in ("q", "sort", "literal"):
            value = cleaned[name]
            key.append((name, str(getattr(value, "pk", value) if value not in (None, "") else "")))
    return tuple(key)


def facet_counts(filterset):
    """Every facet's counts and the result total, cached per generation and filter values.

    Disjunctive: a facet's counts keep every other active filter but drop its own.
    """
    if not hasattr(filterset, "_facet_counts"):
        selection = filterset.selection
        filterset._facet_counts = cached(
            "facets", selection.counts, key=_facet_key(filterset), token=selection.snapshot.token
        )
    return filterset._facet_counts


def listing_facets(filterset):
    """Per filter, each option with the number of results choosing it would give.

    Counts are disjunctive: an option's count keeps every other active filter
    but replaces its own, so switching province shows what the new province
    holds.
    """
    counts = facet_counts(filterset)
    cleaned = filterset.form.cleaned_data
    facets = {}

    def option_list(name, entries, found, keep_empty=True):
        selected = _selected(filterset, name)
        options = [
            Option(value, label, found.get(value, 0), value == selected)
            for value, label in entries
            if keep_empty or found.get(value) or value == selected
        ]
        field = filterset.filters[name]
        facets[name] = Facet(name, field.label, options, field.extra.get("empty_label") or "")

    option_list("role", Role.Code.choices, counts["role"])
    options = filterset.category_options
    option_list("category", [(slug, c.label) for slug, c in options.items()], counts["category"])

    rows = counts["province"]
    entries = [(code, name) for code, name, _n in rows]
    province = cleaned.get("province")
    if province and province.code not in {code for code, _name, _n in rows}:
        entries.append((province.code, province.name))
    option_list("province", entries, {code: n for code, _name, n in rows}, keep_empty=False)
    if province:
        rows = counts["regency"]
        option_list(
            "regency", [(code, name) for code, name, _n in rows], {code: n for code, _name, n in rows}
        )

    entries = [(c.slug, c.label) for c in Certification.objects.all()]
    option_list("certification", entries, counts["certification"])
    option_list("size", Listing.Size.choices, counts["size"])
    option_list("capacity", [(code, label) for code, label, *_rest in CAPACITY_RANGES], counts["capacity"])
    option_list("moq", [(code, label) for code, label, *_rest in MOQ_RANGES], counts["moq"])
    for name in ListingFilter.TOGGLES:
        selected = bool(cleaned.get(name))
        facets[name] = Facet(
            name, filterset.filters[name].label, [Option("1", "", counts[name]["1"], selected)]
        )
    return facets


@dataclass
class Chip:
    label: str
    value: str
    remove_query: str


# Removing a filter also removes the filters that only make sense inside it.
DEPENDENT = {"province": ["regency"], "q": ["literal"]}


def active_filters(filterset, facets=None):
    """The applied filters as removable chips, each with the query string without it."""
    filterset.errors  # noqa: B018 (validates the form once)
    data = filterset.data if isinstance(filterset.data, QueryDict) else QueryDict()
    chips = []
    for name in ["q", *ListingFilter.FACETED, *ListingFilter.TOGGLES]:
        value = filterset.form.cleaned_data.get(name)
        if value in (None, "", False):
            continue
        if name == "q":
            text = value
        elif name in ListingFilter.TOGGLES:
            text = ""
        elif facets and name in facets:
            selected = [o for o in facets[name].options if o.selected]
            text = selected[0].label if selected else str(value)
        else:
            text = str(getattr(value, "label", value))
        remaining = data.copy()
        for key in [name, "page", *DEPENDENT.get(name, [])]:
            remaining.pop(key, None)
        for key in [key for key, values in remaining.lists() if not any(values)]:
            remaining.pop(key)
        chips.append(Chip(str(filterset.filters[name].label), str(text), remaining.urlencode()))
    return chips
