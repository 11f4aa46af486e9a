import csv

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from . import seo
from .filters import ListingFilter, Sort, active_filters, listing_facets
from .glossary import TERMS
from .models import Cluster, Listing, Role, clusters_with_counts, role_counts

RECENTLY_VERIFIED = 6
PAGE_SIZE = 24
# Beyond this many pins a map is no longer readable; the list still pages through all.
MAP_MARKER_LIMIT = 2000


def home(request):
    recently_verified = (
        Listing.objects.published().filter(verified=True).order_by("-verified_at").for_cards()
    )[:RECENTLY_VERIFIED]
    context = {
        "roles": role_counts(),
        "recently_verified": recently_verified,
        "clusters": clusters_with_counts(),
    }
    return render(request, "directory/home.html", context)


def listing_list(request):
    filterset = ListingFilter(request.GET, queryset=Listing.objects.published())
    paginator = Paginator(filterset.qs.for_cards(), PAGE_SIZE)
    requested = request.GET.get("page", "")
    page = paginator.get_page(requested or 1)
    notices = [
        _("%(field)s: %(message)s This filter is ignored.") % {"field": label, "message": message}
        for label, message in filterset.ignored_parameters()
    ]
    if requested and requested != str(page.number):
        notices.append(
            _("There is no page “%(requested)s”; showing page %(number)s.")
            % {"requested": requested[:20], "number": page.number}
        )
    facets = listing_facets(filterset)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "facets": facets,
        "chips": active_filters(filterset, facets),
        "page": page,
        "paginator": paginator,
        "notices": notices,
        "sort_choices": Sort.CHOICES,
        # The default sort submits as empty, keeping it out of shared URLs.
        "default_sort": Sort.RELEVANCE if filterset.search_text else Sort.NAME,
        "query": query.urlencode(),
        "search_text": filterset.search_text,
        "spelling": filterset.spelling,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "directory/_results.html" if partial else "directory/list.html", context)
    # The same URL answers with a fragment or a page depending on this header.
    patch_vary_headers(response, ["HX-Request"])
    return response


def listing_map(request):
    """Map pins for the directory's current results, as JSON for static/js/directory.js."""
    filterset = ListingFilter(request.GET, queryset=Listing.objects.published())
    rows = list(
        filterset.qs.filter(latitude__isnull=False).values("name", "slug", "latitude", "longitude")[
            : MAP_MARKER_LIMIT + 1
        ]
    )
    markers = [
        {
            "name": row["name"],
            "url": reverse("directory:detail", kwargs={"slug": row["slug"]}),
            "lat": float(row["latitude"]),
            "lng": float(row["longitude"]),
        }
        for row in rows[:MAP_MARKER_LIMIT]
    ]
    return JsonResponse({"markers": markers, "truncated": len(rows) > MAP_MARKER_LIMIT})


def cluster_list(request):
    return render(request, "directory/clusters.html", {"clusters": clusters_with_counts()})


def cluster_detail(request, slug):
    cluster = get_object_or_404(Cluster.objects.select_related("regency", "district"), slug=slug)
    members = {code: [] for code in Role.Code.values}
    for listing in cluster.listings().for_cards().order_by("name"):
        for role in listing.roles.all():
            members[role.code].append(listing)
    groups = [(Role.Code(code).label, code, listings) for code, listings in members.items()]
    context = {"cluster": cluster, "groups": groups, "total": sum(len(g[2]) for g in groups)}
    return render(request, "directory/cluster.html", context)


SIMILAR_LISTINGS = 4


def listing_detail(request, slug):
    listing = get_object_or_404(
        Listing.objects.published()
        .with_claimed()
        .select_related("province", "regency", "district")
        .prefetch_related("roles", "categories", "features", "certifications", "photos"),
        slug=slug,
    )
    map_pin = None
    if listing.latitude is not None:
        map_pin = {
            "lat": float(listing.latitude),
            "lng": float(listing.longitude),
            "name": listing.name,
            "tileUrl": settings.MAP_TILE_URL,
            "attribution": settings.MAP_TILE_ATTRIBUTION,
        }
    context = {
        "listing": listing,
        "similar": _similar_listings(listing),
        "map_pin": map_pin,
        "summary": seo.listing_summary(listing),
        "image_url": seo.listing_image_url(listing),
        "jsonld": seo.organization_jsonld(listing),
    }
    return render(request, "directory/detail.html", context)


def _similar_listings(listing):
    """Published listings sharing a role in the same province, same regency first."""
    role_codes = [role.code for role in listing.roles.all()]
    return list(
        Listing.objects.published()
        .filter(roles__in=role_codes, province=listing.province_id)
        .exclude(pk=listing.pk)
        .distinct()
        .annotate(
            elsewhere=Case(When(regency=listing.regency_id, then=Value(0)), default=Value(1)),
        )
        .order_by("elsewhere", "-verified", "-updated_at")
        .select_related("regency")
        .prefetch_related("roles")[:SIMILAR_LISTINGS]
    )


CSV_HEADER = [
    "slug",
    "name",
    "roles",
    "categories",
    "province_code",
    "province",
    "regency_code",
    "regency",
    "district",
    "address",
    "postal_code",
    "latitude",
    "longitude",
    "phone",
    "whatsapp",
    "email",
    "website",
    "verified",
    "updated_at",
    "url",
]


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer in a stream."""

    def write(self, value):
        return value


def _csv_cell(value):
    # A cell a spreadsheet would run as a formula is kept as text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def listing_export_csv(request):
    """The directory's current results as CSV: same parameters as the list page, streamed."""
    filterset = ListingFilter(request.GET, queryset=Listing.objects.published())
    if not filterset.is_valid():
        # A download has no page to show a notice on; exporting everything instead would mislead.
        lines = [_("The export was not made. Correct these parameters and try again:")]
        lines += [f"{label}: {message}" for label, message in filterset.ignored_parameters()]
        return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    listings = filterset.qs.select_related("province", "regency", "district").prefetch_related(
        "roles", "categories"
    )
    writer = csv.writer(_Echo())

    def rows():
        # The byte-order mark makes Excel read the file as UTF-8.
        yield "\ufeff" + writer.writerow(CSV_HEADER)
        for listing in listings.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    listing.slug,
                    _csv_cell(listing.name),
                    "|".join(role.code for role in listing.roles.all()),
                    "|".join(f"{c.role_id}:{c.slug}" for c in listing.categories.all()),
                    listing.province_id,
                    listing.province.name,
                    listing.regency_id,
                    listing.regency.name,
                    listing.district.name if listing.district else "",
                    _csv_cell(listing.address),
                    listing.postal_code,
                    listing.latitude if listing.latitude is not None else "",
                    listing.longitude if listing.longitude is not None else "",
                    listing.phone.as_e164 if listing.phone else "",
                    listing.whatsapp.as_e164 if listing.whatsapp else "",
                    _csv_cell(listing.email),
                    _csv_cell(listing.website),
                    "yes" if listing.verified else "no",
                    listing.updated_at.isoformat(),
                    seo.absolute_url(listing.get_absolute_url()),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ifn-directory.csv"'
    return response


def glossary(request):
    return render(request, "directory/glossary.html", {"terms": TERMS.items()})
