import json

from django.utils import translation
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from directory.counts import cached
from directory.filters import ListingFilter
from directory.models import Listing

from .schema import ListingSchema
from .serializers import ListingDetailSerializer, ListingSerializer


class ListingFilterBackend(DjangoFilterBackend):
    """The directory's filters, keeping the filter set on the view for its spelling correction."""

    def get_filterset(self, request, queryset, view):
        view.filterset = super().get_filterset(request, queryset, view)
        return view.filterset

    def filter_queryset(self, request, queryset, view):
        # The directory's results in its order, a page of rows read at a time.
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset.results(queryset)


@extend_schema_view(
    list=extend_schema(summary="Published listings, filtered like the directory page"),
    retrieve=extend_schema(summary="One published listing"),
)
class ListingViewSet(viewsets.ReadOnlyModelViewSet):
    """Published listings of the IFN Directory.

    Labels and page links are in Indonesian unless the request asks for English
    with `Accept-Language: en`. A filter value that is not understood answers
    400 with a message per parameter.
    """

    lookup_field = "slug"
    filterset_class = ListingFilter
    schema = ListingSchema()
    filter_backends = [ListingFilterBackend]
    filterset = None

    def initial(self, request, *args, **kwargs):
        # /api/ has no language prefix, so LocaleMiddleware always chose Indonesian here.
        translation.activate(translation.get_language_from_request(request._request))
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        listings = Listing.objects.published().select_related("province", "regency", "district")
        if self.action == "retrieve":
            return listings.prefetch_related(
                "roles", "categories", "certifications", "features", "photos"
            ).with_evidence()
        return listings.prefetch_related("roles", "categories", "certifications").with_evidence()

    def filter_queryset(self, queryset):
        # One listing by its slug: the directory's filters do not apply.
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "json":
            return self._list(request, *args, **kwargs)

        def answer():
            # Plain JSON values, so the cache can keep them.
            return json.loads(json.dumps(self._list(request, *args, **kwargs).data, cls=JSONEncoder))

        # The API is the same for every caller: an answer is kept per address
        # and language until the directory changes (directory/counts.py).
        key = (request.get_full_path(), translation.get_language())
        return Response(cached("api-list", answer, key=key))

    def _list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        spelling = self.filterset.spelling if self.filterset else None
        if spelling and spelling.corrected:
            # Same correction as the directory page; `literal` repeats `q` to search as typed.
            response.data["correction"] = {"query": spelling.original, "searched_for": spelling.text}
        return response

    def get_serializer_class(self):
        return ListingDetailSerializer if self.action == "retrieve" else ListingSerializer


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS"])
def not_found(request):
    raise NotFound(_("There is nothing at this address in the API."))
