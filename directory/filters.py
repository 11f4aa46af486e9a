"""The public directory's filters, shared by the HTML directory, the JSON API and the CSV export.

`ListingFilter` turns query parameters into a queryset; `listing_facets()` counts
what each filter option would give; `active_filters()` lists what is applied.
An invalid value is never an error page: its field drops out of
`form.cleaned_data`, so the filter is ignored, and `ignored_parameters()` names it.
"""

from functools import cached_property

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .models import SEARCH_MAX_LENGTH, Category, Certification, Listing, Province, Regency, Role
from .network_filters import NetworkFilters
from .search import Spelling, spell_check

# (code, label, lowest, highest): pairs a month for capacity, pairs per order for MOQ.
CAPACITY_RANGES = [
    ("0-999", _("Under 1,000 pairs a month"), 0, 999),
    ("1000-9999", _("1,000–9,999 pairs a month"), 1000, 9999),
    ("10000-49999", _("10,000–49,999 pairs a month"), 10000, 49999),
    ("50000-", _("50,000 pairs a month or more"), 50000, None),
]
MOQ_RANGES = [
    ("0-50", _("Up to 50 pairs"), 0, 50),
    ("51-300", _("51–300 pairs"), 51, 300),
    ("301-1000", _("301–1,000 pairs"), 301, 1000),
    ("1001-", _("More than 1,000 pairs"), 1001, None),
]


class Sort:
    RELEVANCE = "relevance"
    NAME = "name"
    NEWEST = "newest"
    UPDATED = "updated"
    VERIFIED = "verified"
    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NAME, _("Name")),
        (VERIFIED, _("Verified by BPIPI first")),
        (NEWEST, _("Newest")),
        (UPDATED, _("Recently updated")),
    ]
    ORDER = {
        RELEVANCE: ["-search_rank", "name", "pk"],
        NAME: ["name", "pk"],
        # Read in index order: listing_verified_name_idx.
        VERIFIED: ["-verified", "name", "pk"],
        NEWEST: ["-created_at", "-pk"],
        UPDATED: ["-updated_at", "-pk"],
    }


def _range_q(field, ranges, code):
    for value, _label, low, high in ranges:
        if value == code:
            condition = Q(**{f"{field}__gte": low})
            if high is not None:
                condition &= Q(**{f"{field}__lte": high})
            return condition
    raise ValueError(code)


TOGGLE_ON = ("1", "true", "on", "yes")
TOGGLE_OFF = ("", "0", "false", "off", "no")


class ToggleInput(forms.CheckboxInput):
    """A checkbox whose value reaches the field as sent, so that a value that
    is neither on nor off can be refused instead of counting as on."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: value is True or str(value).lower() in TOGGLE_ON)

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class ToggleField(forms.Field):
    widget = ToggleInput

    def to_python(self, value):
        if isinstance(value, bool):
            return value
        text = str(value)
        if text in TOGGLE_ON:
            return True
        if text in TOGGLE_OFF:
            return False
        raise forms.ValidationError(
            _("“%(value)s” is neither on nor off: use true or false."),
            code="invalid",
            params={"value": value},
        )


class ToggleFilter(django_filters.Filter):
    """On or off; an absent or empty parameter is off, and any other value is an error."""

    field_class = ToggleField


class ListingFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        province, regency = cleaned.get("province"), cleaned.get("regency")
        if province and regency and regency.province_id != province.code:
            self.add_error(
                "regency",
                forms.ValidationError(
                    _("%(regency)s is not in %(province)s."),
                    code="regency_outside_province",
                    params={"regency": regency, "province": province},
                ),
            )
        return cleaned


class ListingFilter(NetworkFilters, django_filters.FilterSet):
    """Filters over published listings. Pass `queryset=Listing.objects.published()`.

    The filters on communities and supply links come from NetworkFilters.
    """

    q = django_filters.CharFilter(
        method="filter_search", label=_("Search"), max_length=SEARCH_MAX_LENGTH, strip=True
    )
    role = django_filters.ChoiceFilter(
        choices=Role.Code.choices, method="filter_role", label=_("Chain role"), empty_label=_("All roles")
    )
    category = django_filters.ChoiceFilter(
        method="filter_category", label=_("Category"), empty_label=_("All categories")
    )
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), label=_("Province"), empty_label=_("All provinces")
    )
    regency = django_filters.ModelChoiceFilter(
        queryset=Regency.objects.all(), label=_("Regency/city"), empty_label=_("All regencies/cities")
    )
    certification = django_filters.ModelChoiceFilter(
        queryset=Certification.objects.all(),
        to_field_name="slug",
        method="filter_certification",
        label=_("Certification (declared or checked)"),
        empty_label=_("Any certification"),
    )
    certified = ToggleFilter(method="filter_certified", label=_("Certificate checked by BPIPI"))
    export = ToggleFilter(method="filter_export", label=_("Export-oriented"))
    size = django_filters.ChoiceFilter(
        choices=Listing.Size.choices, label=_("Size"), empty_label=_("Any size")
    )
    verified = ToggleFilter(method="filter_verified", label=_("Verified by BPIPI only"))
    capacity = django_filters.ChoiceFilter(
        choices=[(code, label) for code, label, *_ in CAPACITY_RANGES],
        method="filter_capacity",
        label=_("Producer capacity"),
        empty_label=_("Any capacity"),
    )
    moq = django_filters.ChoiceFilter(
        choices=[(code, label) for code, label, *_ in MOQ_RANGES],
        method="filter_moq",
        label=_("Minimum order"),
        empty_label=_("Any minimum order"),
    )
    sort = django_filters.ChoiceFilter(
        choices=Sort.CHOICES, method="filter_noop", label=_("Sort by"), empty_label=None
    )
    literal = django_filters.CharFilter(
        method="filter_noop",
        label=_("Search as typed"),
        max_length=SEARCH_MAX_LENGTH,
        strip=True,
        help_text=_("Repeat the search text here to search for it without spelling correction."),
    )

    # Filters that narrow the results, in the order chips and facets show them.
    FACETED = ["role", "category", "province", "regency", "certification", "size", "capacity", "moq"]
    TOGGLES = ["verified", "certified", "export"]

    class Meta:
        model = Listing
        fields = []
        form = ListingFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Listing.objects.published()
        if data is None:
            # No parameters behaves as empty ones, so facets and sorting always work.
            data = QueryDict()
        super().__init__(data, queryset=queryset, **kwargs)
        role = (data or {}).get("role")
        categories = Category.objects.active().select_related("role")
        if role in Role.Code.values:
            categories = categories.filter(role=role)
        # Footwear categories share slugs between producers and brands: one
        # option per slug, which finds both.
        self.category_options = {}
        for category in categories:
            self.category_options.setdefault(category.slug, category)
        self.filters["category"].extra["choices"] = [
            (slug, category.label) for slug, category in self.category_options.items()
        ]

    # -- filtering ----------------------------------------------------------

    @property
    def search_text(self):
        return self.form.cleaned_data.get("q", "") if self.is_valid_field("q") else ""

    def is_valid_field(self, name):
        self.errors  # noqa: B018 (validates the form once)
        return name not in self.form.errors

    def filter_noop(self, queryset, name, value):
        return queryset

    @property
    def searches_as_typed(self):
        """Whether `literal` repeats `q`: the visitor turned spelling correction off for this query."""
        q = self.search_text
        return bool(q) and self.is_valid_field("literal") and self.form.cleaned_data.get("literal") == q

    @cached_property
    def spelling(self):
        """The search as typed and as run: misspelt words corrected unless searching as typed."""
        q = self.search_text
        if not q or self.searches_as_typed:
            return Spelling(q, q)
        return spell_check(q, listings=self.queryset)

    def literal_query(self):
        """The current query string, searching for the text as typed."""
        data = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        data.pop("page", None)
        data["q"] = data["literal"] = self.spelling.original
        return data.urlencode()

    def filter_search(self, queryset, name, value):
        return queryset.search(self.spelling.text)

    def filter_role(self, queryset, name, value):
        return queryset.filter(roles__code=value)

    def filter_category(self, queryset, name, value: str):
        categories = Category.objects.filter(slug=value)
        role = self.form.cleaned_data.get("role")
        if role:
            categories = categories.filter(role=role)
        # Exists, not a join: a listing in the producer and brand "sport" categories appears once.
        links = Listing.categories.through.objects.filter(listing=OuterRef("pk"), category__in=categories)
        return queryset.filter(Exists(links))

    def filter_certification(self, queryset, name, value: Certification):
        return queryset.filter(certifications=value)

    @property
    def shows_producer_facets(self):
        """Capacity and minimum order describe producers: shown when browsing producers or every role."""
        self.errors  # noqa: B018 (validates the form once)
        return self.form.cleaned_data.get("role") in (None, "", Role.Code.PRODUCER)

    def filter_certified(self, queryset, name, value):
        """Listings with a certificate BPIPI checked and that still holds (not merely declared)."""
        return queryset.with_checked_certificate() if value else queryset

    def filter_export(self, queryset, name, value):
        return queryset.exclude(export_markets="") if value else queryset

    def filter_verified(self, queryset, name, value):
        return queryset.filter(verified=True) if value else queryset

    def filter_capacity(self, queryset, name, value):
        return queryset.filter(_range_q("capacity_pairs", CAPACITY_RANGES, value))

    def filter_moq(self, queryset, name, value):
        return queryset.filter(_range_q("moq_pairs", MOQ_RANGES, value))

    def filtered(self, exclude=()):
        """The queryset with every valid filter applied except those in `exclude`, unsorted."""
        self.errors  # noqa: B018 (validates the form once)
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in exclude and name != "sort":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def sort_order(self):
        """The sort in effect: relevance only applies to a search."""
        chosen = self.form.cleaned_data.get("sort") if self.is_valid_field("sort") else ""
        if self.search_text:
            return chosen or Sort.RELEVANCE
        return chosen if chosen and chosen != Sort.RELEVANCE else Sort.NAME

    def filter_queryset(self, queryset):
        queryset = self.filtered()
        if self.sort_order == Sort.RELEVANCE:
            queryset = queryset.with_search_rank(self.spelling.text)
        return queryset.order_by(*Sort.ORDER[self.sort_order])

    @cached_property
    def selection(self):
        """The results and facet counts of these filters, worked out on the directory snapshot."""
        from .selection import Selection  # it reads this module's ranges

        return Selection(self)

    def results(self, rows=None):
        """The results in the chosen order, as a sequence any paginator pages through.

        `rows` is the queryset the page's listings are read from (by default the
        filter set's own; its select_related/prefetch_related apply); a page
        reads only its own rows.
        """
        return Results(self, self.queryset if rows is None else rows)

    def ignored_parameters(self):
        """[(label, message)] for each parameter whose value was not understood and is ignored."""
        return [
            (self.filters[name].label if name in self.filters else name, " ".join(errors))
            for name, errors in self.form.errors.items()
        ]


class Results:
    """The listings a filter set selects, in its sort order, read a slice at a time."""

    def __init__(self, filterset, rows):
        self.filterset = filterset
        self.rows = rows

    def count(self):
        from .facets import facet_counts

        return facet_counts(self.filterset)["total"]

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(self.count())
        ids = self.filterset.selection.ids(self.filterset.sort_order, start, stop)
        found = {listing.pk: listing for listing in self.rows.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]
