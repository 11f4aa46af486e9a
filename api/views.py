from django.utils import translation
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound

from directory.filters import ListingFilter
from directory.models import Listing

from .schema import ListingSchema
from .serializers import ListingDetailSerializer, ListingSerializer


class ListingFilterBackend(DjangoFilterBackend):
    """The directory's filters, keeping the filter set on the view for its spelling correction."""

    def get_filterset(self, request, queryset, view):
        view.filterset = super().get_filterset(request, queryset, view)
        return view.filterset


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
            return listings.prefetch_related("roles", "categories", "certifications", "features", "photos")
        return listings.prefetch_related("roles", "categories", "certifications")

    def filter_queryset(self, queryset):
        # One listing by its slug: the directory's filters do not apply.
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
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
