"""What a directory page shows, worked out on the snapshot: which listings, in what order, and every facet count.

`Selection(filterset)` reads the filter set's valid values and turns each
active filter into a mask over the snapshot's listings. Facet counts are
disjunctive, as on the page: an option's count keeps every other active
filter but replaces its own. The listings of a page are found in the sort
order's position list, so no page, however deep, reads more than its own rows
from the database.

Filters the snapshot has no column for (added by other parts of the portal)
still work: their own queryset method picks the listing ids once.
"""

from functools import cached_property

import numpy as np
from django.utils import timezone
from django_filters.constants import EMPTY_VALUES

from . import snapshot as snapshots
from .models import Certification, Listing, Province, Regency
from .search import matches
from .snapshot import ROLE_CODES, SIZE_CODES, regency_number

# Parameters that shape the page rather than narrow the results.
NOT_FILTERS = {"sort", "literal"}


def _range(values, low, high):
    mask = values >= low
    if high is not None:
        mask &= values <= high
    return mask


class Selection:
    def __init__(self, filterset, snapshot=None):
        from .filters import CAPACITY_RANGES, MOQ_RANGES

        self.filterset = filterset
        self.using = filterset.queryset.db
        self.snapshot = snapshot or snapshots.current(self.using)
        self.ranges = {"capacity": CAPACITY_RANGES, "moq": MOQ_RANGES}
        filterset.errors  # noqa: B018 (validates the form once)
        self.cleaned = filterset.form.cleaned_data
        self.masks = {
            name: self._mask(name, value)
            for name, value in self.cleaned.items()
            if name not in NOT_FILTERS and value not in EMPTY_VALUES and value is not False
        }

    # -- masks --------------------------------------------------------------

    def _mask(self, name, value):
        s = self.snapshot
        if name == "q":
            return s.mask_of(self.matches.ids)
        if name == "role":
            return s.roles.having([ROLE_CODES.index(value)], len(s))
        if name == "category":
            role = self.cleaned.get("role")
            wanted = [
                pk
                for pk, (category_role, slug) in s.category_info.items()
                if slug == value and (not role or category_role == role)
            ]
            return s.categories.having(wanted, len(s))
        if name == "province" and isinstance(value, Province):
            return s.province == int(value.code)
        if name == "regency" and isinstance(value, Regency):
            return s.regency == regency_number(value.code)
        if name == "certification" and isinstance(value, Certification):
            return s.certifications.having([value.pk], len(s))
        if name == "size":
            return s.size == SIZE_CODES.index(value)
        if name in self.ranges:
            values = s.capacity if name == "capacity" else s.moq
            for code, _label, low, high in self.ranges[name]:
                if code == value:
                    return _range(values, low, high)
        if name == "verified":
            return s.verified.copy()
        if name == "export":
            return s.export.copy()
        if name == "certified":
            return self.certified.copy()
        return self._sql_mask(name, value)

    @property
    def certified(self):
        """Listings with a certificate BPIPI checked: from the database once per snapshot and
        day (a verification changes the directory's generation; an expiry only the date)."""
        key = ("certified", timezone.localdate().isoformat())
        # Through __dict__: the snapshot is frozen, and one unpickled from an
        # older release has no `derived` yet.
        derived = self.snapshot.__dict__.setdefault("derived", {})
        if key not in derived:
            derived[key] = self._sql_mask("certified", True)
        return derived[key]

    def _sql_mask(self, name, value):
        """A filter the snapshot has no column for: its own method picks the ids."""
        filtered = self.filterset.filters[name].filter(Listing.objects.using(self.using).published(), value)
        return self.snapshot.mask_of(list(filtered.values_list("pk", flat=True)))

    @cached_property
    def matches(self):
        return matches(self.filterset.spelling.text, using=self.using, token=self.snapshot.token)

    def base(self, exclude=()):
        """Listings passing every active filter except those in `exclude`."""
        mask = np.ones(len(self.snapshot), dtype=bool)
        for name, filter_mask in self.masks.items():
            if name not in exclude:
                mask &= filter_mask
        return mask

    @cached_property
    def result(self):
        return self.base()

    @cached_property
    def total(self):
        return int(np.count_nonzero(self.result))

    # -- facet counts ---------------------------------------------------------

    def counts(self):
        """Every facet's counts and the total, in the shape listing_facets() reads."""
        s = self.snapshot
        counts = {"total": self.total}
        found = s.roles.count(self.base(["role"]), minlength=len(ROLE_CODES))
        counts["role"] = {code: int(n) for code, n in zip(ROLE_CODES, found, strict=False) if n}
        counts["category"] = self._category_counts()
        counts["province"] = self._by_place(s.province, self.base(["province", "regency"]), s.province_names)
        if self.cleaned.get("province"):
            counts["regency"] = self._by_place(s.regency, self.base(["regency"]), s.regency_names)
        found = s.certifications.count(self.base(["certification"]))
        counts["certification"] = {
            s.certification_slugs[pk]: int(n)
            for pk, n in enumerate(found)
            if n and pk in s.certification_slugs
        }
        size_base = self.base(["size"])
        found = np.bincount(s.size[size_base], minlength=len(SIZE_CODES))
        counts["size"] = {code: int(found[index]) for index, code in enumerate(SIZE_CODES) if code}
        for name, ranges in self.ranges.items():
            values = (s.capacity if name == "capacity" else s.moq)[self.base([name])]
            counts[name] = {
                code: int(np.count_nonzero(_range(values, low, high))) for code, _label, low, high in ranges
            }
        for name, column in [("verified", s.verified), ("export", s.export)]:
            counts[name] = {"1": int(np.count_nonzero(column & self.base([name])))}
        counts["certified"] = {"1": int(np.count_nonzero(self.certified & self.base(["certified"])))}
        return counts

    def _category_counts(self):
        s = self.snapshot
        role = self.cleaned.get("role")
        options = set(self.filterset.category_options)
        base = self.base(["category"])
        if not role:
            # One count per listing and slug (snapshot.category_slugs).
            found = s.category_slugs.count(base, minlength=len(s.slugs))
            return {slug: int(n) for slug, n in zip(s.slugs, found, strict=False) if n and slug in options}
        # Within one role a slug names one category.
        found = s.categories.count(base)
        return {
            slug: int(found[pk])
            for pk, (category_role, slug) in s.category_info.items()
            if category_role == role and slug in options and pk < len(found) and found[pk]
        }

    @staticmethod
    def _by_place(column, base, names):
        """[(code, name, count)] of the places that have listings in `base`, by name."""
        values, found = np.unique(column[base], return_counts=True)
        rows = [
            (*names[int(value)], int(n))
            for value, n in zip(values, found, strict=True)
            if int(value) in names
        ]
        return sorted(rows, key=lambda row: row[1])

    # -- the listings of a page ---------------------------------------------------

    def ordered(self, sort):
        """Positions of the results in the order of `sort` (see filters.Sort)."""
        s = self.snapshot
        if sort == "relevance" and "q" in self.masks:
            in_name = s.mask_of(self.matches.ids[self.matches.in_name])
            in_categories = s.mask_of(self.matches.ids[self.matches.in_categories])
            by_name = s.by_name[self.result[s.by_name]]
            # Every word in the name and in the categories first, then the name,
            # then the categories, then the rest; by name within each.
            tier = 2 * in_name[by_name].astype(np.int8) + in_categories[by_name]
            return by_name[np.argsort(-tier, kind="stable")]
        if sort == "verified":
            # BPIPI-verified first, by name within each group: a stable sort of the
            # results in name order (the results only, not the whole directory).
            by_name = s.by_name[self.result[s.by_name]]
            return by_name[np.argsort(~s.verified[by_name], kind="stable")]
        order = {"newest": s.by_newest, "updated": s.by_updated}.get(sort, s.by_name)
        return order[self.result[order]]

    def ids(self, sort, start, stop):
        """The listing ids of results start to stop (exclusive) in the order of `sort`."""
        return self.snapshot.ids[self.ordered(sort)[start:stop]].tolist()
