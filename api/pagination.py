from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from directory.counts import CachedCountPaginator


class ListingPagination(PageNumberPagination):
    # The total is counted once per directory generation and query, not on every page.
    django_paginator_class = CachedCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_number(self, request, paginator):
        # The schema promises a whole number; an empty or odd page is refused like page_size.
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            raise ValidationError({self.page_query_param: [_("Give a whole number from 1.")]})
        return raw

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["correction"] = {
            "type": "object",
            "description": "Present when a misspelt search was corrected.",
            "properties": {"query": {"type": "string"}, "searched_for": {"type": "string"}},
            "required": ["query", "searched_for"],
        }
        return response

    def get_page_size(self, request):
        # A page size that is not understood is refused, not silently replaced.
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw)
