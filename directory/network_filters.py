"""The directory's filters on the network: members of a community, and confirmed supply links.

ListingFilter (filters.py) takes these in, so the HTML directory, the API and
the CSV export filter alike. Each is one EXISTS over an indexed link table
(the partial indexes on confirmed rows in directory/models/network.py), never
a query per listing:

- `community=<slug>`: confirmed members of that organisation;
- `supplies=<slug>`: the listing's confirmed suppliers;
- `supplied_by=<slug>`: the listing's confirmed customers;
- `customer_role`, `customer_province`: listings that supply a published
  listing with that role and/or in that province ("suppliers of producers in
  Jawa Timur"); both describe the same customer;
- `supplier_role`, `supplier_province`: likewise, listings supplied by one
  ("producers supplied by tanneries").
"""

import django_filters
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from .models import CommunityMember, Listing, Province, Role, SupplyLink


class NetworkFilters(django_filters.FilterSet):
    # Listings are named by slug. An unknown slug, or one of a listing that is
    # not published, matches nothing: the filter reveals no draft, and the API
    # needs no list of every slug in its schema.
    community = django_filters.CharFilter(
        method="filter_community", label=_("Member of"), max_length=220, validators=[validate_slug]
    )
    supplies = django_filters.CharFilter(
        method="filter_supplies", label=_("Supplier of"), max_length=220, validators=[validate_slug]
    )
    supplied_by = django_filters.CharFilter(
        method="filter_supplied_by", label=_("Customer of"), max_length=220, validators=[validate_slug]
    )
    customer_role = django_filters.ChoiceFilter(
        choices=Role.Code.choices, method="filter_customers", label=_("Supplies"), empty_label=_("Anyone")
    )
    customer_province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(),
        method="filter_customers",
        label=_("Supplies listings in"),
        empty_label=_("Any province"),
    )
    supplier_role = django_filters.ChoiceFilter(
        choices=Role.Code.choices, method="filter_suppliers", label=_("Supplied by"), empty_label=_("Anyone")
    )
    supplier_province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(),
        method="filter_suppliers",
        label=_("Supplied by listings in"),
        empty_label=_("Any province"),
    )

    # In the order chips show them.
    NETWORK = [
        "community",
        "supplies",
        "supplied_by",
        "customer_role",
        "customer_province",
        "supplier_role",
        "supplier_province",
    ]

    NAMED = ["community", "supplies", "supplied_by"]

    @staticmethod
    def _named(slug):
        """The published listing with this slug, as a subquery (one indexed row)."""
        return Subquery(Listing.objects.published().filter(slug=slug).values("pk")[:1])

    def filter_community(self, queryset, name, slug):
        members = CommunityMember.objects.confirmed().filter(
            organisation=self._named(slug), member=OuterRef("pk")
        )
        return queryset.filter(Exists(members))

    def filter_supplies(self, queryset, name, slug):
        links = SupplyLink.objects.confirmed().filter(customer=self._named(slug), supplier=OuterRef("pk"))
        return queryset.filter(Exists(links))

    def filter_supplied_by(self, queryset, name, slug):
        links = SupplyLink.objects.confirmed().filter(supplier=self._named(slug), customer=OuterRef("pk"))
        return queryset.filter(Exists(links))

    def network_chip_text(self, name, value):
        """What an applied network filter's chip says: the listing's name, the role or the province."""
        if name in self.NAMED:
            return (
                Listing.objects.published().filter(slug=value).values_list("name", flat=True).first() or value
            )
        if isinstance(value, str):
            return str(Role.Code(value).label)
        return str(value)

    def _partners(self, prefix):
        """Published listings with the chosen `<prefix>_role` and `<prefix>_province`."""
        cleaned = self.form.cleaned_data
        partners = Listing.objects.published()
        if cleaned.get(f"{prefix}_role"):
            roles = Listing.roles.through.objects.filter(
                listing=OuterRef("pk"), role=cleaned[f"{prefix}_role"]
            )
            partners = partners.filter(Exists(roles))
        if cleaned.get(f"{prefix}_province"):
            partners = partners.filter(province=cleaned[f"{prefix}_province"])
        return partners

    # Role and province describe one partner: each of the two parameters applies
    # both, so either alone gives the same listings as the pair.
    def filter_customers(self, queryset, name, value):
        links = SupplyLink.objects.confirmed().filter(
            supplier=OuterRef("pk"), customer__in=self._partners("customer")
        )
        return queryset.filter(Exists(links))

    def filter_suppliers(self, queryset, name, value):
        links = SupplyLink.objects.confirmed().filter(
            customer=OuterRef("pk"), supplier__in=self._partners("supplier")
        )
        return queryset.filter(Exists(links))
