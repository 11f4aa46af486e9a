"""The OpenAPI description of the listings API, true to what the API answers.

The query parameters are described from the directory's FilterSet with the
values the API accepts today: slugs and region codes come from the database
when the schema is requested, so the schema never allows a value the API
would refuse, nor refuses one it accepts. An empty value means "any", as in
the directory's filter form. Errors are documented with their bodies.
"""

from django.db import DatabaseError
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field

from directory.filters import CAPACITY_RANGES, MOQ_RANGES, TOGGLE_OFF, TOGGLE_ON, ListingFilter, Sort
from directory.models import SEARCH_MAX_LENGTH, Category, Certification, Listing, Province, Regency, Role

from .pagination import ListingPagination

# Any text without control characters; the API answers 400 to those (line breaks and tabs pass).
PLAIN_TEXT = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
SLUG = "^[-a-zA-Z0-9_]+$"
# A slug filter: empty means any, as for every filter.
SLUG_OR_EMPTY = "^[-a-zA-Z0-9_]*$"

# Every filter is described below; this spares the generator guessing their types first.
for _filter in ListingFilter.base_filters.values():
    extend_schema_field(OpenApiTypes.STR)(_filter)

ERROR = {
    "type": "object",
    "description": "What was refused: `detail`, or for each query parameter the messages about it.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
NOT_FOUND = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def _choice(values, description):
    return {"type": "string", "enum": ["", *values], "description": description}


def _stored_choice(queryset, description):
    """Like _choice, with the values in the database; any string while there is no database
    to read (Django's deploy check generates the schema, possibly before migrate)."""
    try:
        values = sorted(set(queryset))
    except DatabaseError:
        return {"type": "string", "pattern": PLAIN_TEXT, "description": description}
    return _choice(values, description)


def _filter_parameters():
    """Query parameters of the list, each with the values it accepts right now."""
    toggle = {"type": "string", "enum": [*TOGGLE_ON, *TOGGLE_OFF]}
    schemas = {
        "q": {
            "type": "string",
            "maxLength": SEARCH_MAX_LENGTH,
            "pattern": PLAIN_TEXT,
            "description": "Words to search for in names, descriptions and places.",
        },
        "literal": {
            "type": "string",
            "maxLength": SEARCH_MAX_LENGTH,
            "pattern": PLAIN_TEXT,
            "description": "Repeat `q` here to search for it as typed, without spelling correction.",
        },
        "role": _choice(Role.Code.values, "Chain role."),
        "category": _stored_choice(
            Category.objects.active().values_list("slug", flat=True),
            "Category slug; with `role`, one of that role's categories (else 400).",
        ),
        "province": _stored_choice(Province.objects.values_list("code", flat=True), "Province code."),
        "regency": _stored_choice(
            Regency.objects.values_list("code", flat=True),
            "Regency/city code; with `province`, one in that province (else 400).",
        ),
        "certification": _stored_choice(
            Certification.objects.values_list("slug", flat=True), "Certification."
        ),
        "size": _choice(Listing.Size.values, "Company size."),
        "capacity": _choice([code for code, *_rest in CAPACITY_RANGES], "Producer capacity, pairs a month."),
        "moq": _choice([code for code, *_rest in MOQ_RANGES], "Minimum order, pairs."),
        "sort": _choice([code for code, _label in Sort.CHOICES], "Order of the results."),
        "verified": {**toggle, "description": "Only listings verified by BPIPI when on."},
        "certified": {
            **toggle,
            "description": "Only listings with a certificate BPIPI checked (not only declared) when on.",
        },
        "export": {**toggle, "description": "Only export-oriented listings when on."},
        "community": {
            "type": "string",
            "maxLength": 220,
            "pattern": SLUG_OR_EMPTY,
            "description": "Slug of a published organisation: its confirmed members (an unknown slug matches nothing).",
        },
        "supplies": {
            "type": "string",
            "maxLength": 220,
            "pattern": SLUG_OR_EMPTY,
            "description": "Slug of a published listing: its confirmed suppliers (an unknown slug matches nothing).",
        },
        "supplied_by": {
            "type": "string",
            "maxLength": 220,
            "pattern": SLUG_OR_EMPTY,
            "description": "Slug of a published listing: its confirmed customers (an unknown slug matches nothing).",
        },
        "customer_role": _choice(Role.Code.values, "Listings that supply a listing with this chain role."),
        "customer_province": _stored_choice(
            Province.objects.values_list("code", flat=True),
            "Listings that supply a listing in this province (with `customer_role`, the same listing).",
        ),
        "supplier_role": _choice(Role.Code.values, "Listings supplied by a listing with this chain role."),
        "supplier_province": _stored_choice(
            Province.objects.values_list("code", flat=True),
            "Listings supplied by a listing in this province (with `supplier_role`, the same listing).",
        ),
        "page": {"type": "integer", "minimum": 1, "description": "Page number; past the last page: 404."},
        "page_size": {"type": "integer", "minimum": 1, "maximum": ListingPagination.max_page_size},
    }
    return [OpenApiParameter(name, schema, OpenApiParameter.QUERY) for name, schema in schemas.items()]


class ListingSchema(AutoSchema):
    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._is_list_view():
            return [*parameters, *_filter_parameters()]
        slug = {"type": "string", "pattern": SLUG, "description": "The listing's slug."}
        return [*parameters, OpenApiParameter("slug", slug, OpenApiParameter.PATH)]

    def get_response_serializers(self):
        serializer = super().get_response_serializers()
        return {200: serializer, 400: ERROR, 404: NOT_FOUND}
