from rest_framework.pagination import PageNumberPagination

from directory.counts import CachedCountPaginator


class ListingPagination(PageNumberPagination):
    # The total is counted once per directory generation and query, not on every page.
    django_paginator_class = CachedCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
