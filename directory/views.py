import io

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import (
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Subquery,
    prefetch_related_objects,
)
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from . import chain, og, seo
from .counts import CachedCountPaginator
from .facets import active_filters, listing_facets
from .filters import ListingFilter, Sort
from .glossary import TERMS
from .models import Cluster, Listing, chain_of, clusters_with_counts, communities_of, role_counts, roster_of
from .pagecache import public_page
from .spreadsheet import csv_rows

RECENTLY_VERIFIED = 6
PAGE_SIZE = 24
# Beyond this many pins a map is no longer readable; the list still pages through all.
MAP_MARKER_LIMIT = 2000


def elided_pages(page):
    """Page numbers around the current page and at both ends, "…" for the rest."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@public_page
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


@public_page
def listing_list(request):
    filterset = ListingFilter(request.GET, queryset=Listing.objects.published())
    facets = listing_facets(filterset)
    paginator = Paginator(filterset.results(filterset.queryset.for_cards()), PAGE_SIZE)
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
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "facets": facets,
        "chips": active_filters(filterset, facets),
        "page": page,
        "paginator": paginator,
        "page_range": elided_pages(page),
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
    """Map pins for the directory's current results, as JSON for static/js/directory.js:
    each pin in its first role's colour, and how many results have no location."""
    filterset = ListingFilter(request.GET, queryset=Listing.objects.published())
    first_role = Subquery(
        Listing.roles.through.objects.filter(listing=OuterRef("pk"))
        .order_by("role__position")
        .values("role")[:1]
    )
    rows = list(
        filterset.qs.filter(latitude__isnull=False)
        .annotate(first_role=first_role)
        .values("name", "slug", "latitude", "longitude", "first_role")[: MAP_MARKER_LIMIT + 1]
    )
    markers = [
        {
            "name": row["name"],
            "url": reverse("directory:detail", kwargs={"slug": row["slug"]}),
            "lat": float(row["latitude"]),
            "lng": float(row["longitude"]),
            "role": row["first_role"] or "",
        }
        for row in rows[:MAP_MARKER_LIMIT]
    ]
    without_location = filterset.qs.filter(latitude__isnull=True).count()
    return JsonResponse(
        {"markers": markers, "truncated": len(rows) > MAP_MARKER_LIMIT, "without_location": without_location}
    )


@public_page
def cluster_list(request):
    return render(request, "directory/clusters.html", {"clusters": clusters_with_counts()})


@public_page
def cluster_detail(request, slug):
    """The cluster's published listings, paged like the directory, each listing once."""
    cluster = get_object_or_404(Cluster.objects.select_related("regency", "district"), slug=slug)
    listings = cluster.listings().for_cards().order_by("name", "pk")
    paginator = CachedCountPaginator(listings, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page") or 1)
    context = {
        "cluster": cluster,
        "roles": cluster.role_counts(),
        "page": page,
        "paginator": paginator,
        "page_range": elided_pages(page),
        "total": paginator.count,
    }
    return render(request, "directory/cluster.html", context)


SIMILAR_LISTINGS = 4


@public_page
def listing_detail(request, slug):
    listing = get_object_or_404(
        Listing.objects.published()
        .with_claimed()
        .select_related("province", "regency", "district")
        .prefetch_related("roles", "categories", "features", "certifications", "photos")
        .with_evidence(),
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
    # Its place in the network: confirmed links and communities, each a fixed number of queries.
    place = chain_of(listing)
    context = {
        "listing": listing,
        "similar": _similar_listings(listing),
        # Until confirmed links say who its partners are, whom it could work with nearby.
        "neighbours": [] if place["upstream"] or place["downstream"] else chain.neighbours(listing),
        "map_pin": map_pin,
        "summary": seo.listing_summary(listing),
        "card_url": seo.listing_card_url(listing),
        "jsonld": seo.organization_jsonld(listing),
        "chain": place,
        "communities": communities_of(listing),
        "roster": roster_of(listing) if listing.is_organisation else None,
    }
    return render(request, "directory/detail.html", context)


def listing_card(request, slug):
    """The listing's link-preview image, drawn once per version and kept (directory/og.py)."""
    listing = get_object_or_404(
        Listing.objects.published().select_related("province", "regency").prefetch_related("roles"),
        slug=slug,
    )
    response = HttpResponse(og.stored_listing_card(listing), content_type="image/png")
    # The page links the card with its version: that URL's answer never changes.
    current = request.GET.get("v") == og.listing_card_version(listing)
    patch_cache_control(response, public=True, max_age=365 * 24 * 3600 if current else 3600)
    return response


def _similar_listings(listing):
    """Published listings sharing a role, from the same regency first, then the same province.

    Each step reads at most SIMILAR_LISTINGS rows in index order
    (listing_similar_regency_idx, listing_similar_province_idx): the province
    is never sorted whole.
    """
    role_codes = [role.code for role in listing.roles.all()]
    shares_role = Exists(Listing.roles.through.objects.filter(listing=OuterRef("pk"), role__in=role_codes))
    candidates = (
        Listing.objects.published()
        .filter(shares_role)
        .exclude(pk=listing.pk)
        .order_by("-verified", "-updated_at", "-pk")
        .select_related("regency")
    )
    similar = list(candidates.filter(regency=listing.regency_id)[:SIMILAR_LISTINGS])
    if len(similar) < SIMILAR_LISTINGS:
        similar += candidates.filter(province=listing.province_id).exclude(regency=listing.regency_id)[
            : SIMILAR_LISTINGS - len(similar)
        ]
    prefetch_related_objects(similar, "roles")
    return similar


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


EXPORT_CHUNK = 5000
EXPORT_FIELDS = [
    "pk",
    "slug",
    "name",
    "province_id",
    "province__name",
    "regency_id",
    "regency__name",
    "district__name",
    "address",
    "postal_code",
    "latitude",
    "longitude",
    "email",
    "website",
    "verified",
    "updated_at",
]


def _export_chunks(listings):
    """The listings as lists of dicts of plain values, a chunk at a time; each chunk's
    roles and categories come in two queries, so memory stays flat and no row costs a query."""
    # Phone numbers are stored in E.164: read the text, not a parsed number per row.
    text = {name: ExpressionWrapper(F(name), output_field=CharField()) for name in ["phone", "whatsapp"]}
    rows = listings.values(*EXPORT_FIELDS, phone_e164=text["phone"], whatsapp_e164=text["whatsapp"])
    chunk = []
    for row in rows.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(row)
        if len(chunk) == EXPORT_CHUNK:
            yield _with_links(chunk)
            chunk = []
    if chunk:
        yield _with_links(chunk)


def _with_links(chunk):
    ids = [row["pk"] for row in chunk]
    roles, categories = {}, {}
    role_links = (
        Listing.roles.through.objects.filter(listing_id__in=ids)
        .order_by("role__position")
        .values_list("listing_id", "role_id")
    )
    for listing_id, role in role_links:
        roles.setdefault(listing_id, []).append(role)
    category_links = (
        Listing.categories.through.objects.filter(listing_id__in=ids)
        .order_by("category__role__position", "category__position", "category__name")
        .values_list("listing_id", "category__role_id", "category__slug")
    )
    for listing_id, role, slug in category_links:
        categories.setdefault(listing_id, []).append(f"{role}:{slug}")
    for row in chunk:
        row["roles"] = roles.get(row["pk"], [])
        row["categories"] = categories.get(row["pk"], [])
    return chunk


def listing_export_csv(request):
    """The directory's current results as CSV: same parameters as the list page, streamed."""
    filterset = ListingFilter(request.GET, queryset=Listing.objects.published())
    if not filterset.is_valid():
        # A download has no page to show a notice on; exporting everything instead would mislead.
        lines = [_("The export was not made. Correct these parameters and try again:")]
        lines += [f"{label}: {message}" for label, message in filterset.ignored_parameters()]
        return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    # One reverse() for the whole file, not one per row.
    url_prefix = seo.absolute_url(reverse("directory:detail", kwargs={"slug": "-"}))[:-2]

    def csv_text(rows):
        """The CSV text of some rows; a chunk is sent as one piece, not row by row."""
        buffer = io.StringIO()
        csv_rows(rows, buffer)
        return buffer.getvalue()

    def chunks():
        # The byte-order mark makes Excel read the file as UTF-8.
        yield "\ufeff" + csv_text([CSV_HEADER])
        for chunk in _export_chunks(filterset.qs):
            yield csv_text(
                [
                    row["slug"],
                    row["name"],
                    "|".join(row["roles"]),
                    "|".join(row["categories"]),
                    row["province_id"],
                    row["province__name"],
                    row["regency_id"],
                    row["regency__name"],
                    row["district__name"] or "",
                    row["address"],
                    row["postal_code"],
                    row["latitude"] if row["latitude"] is not None else "",
                    row["longitude"] if row["longitude"] is not None else "",
                    row["phone_e164"] or "",
                    row["whatsapp_e164"] or "",
                    row["email"],
                    row["website"],
                    "yes" if row["verified"] else "no",
                    row["updated_at"].isoformat(),
                    f"{url_prefix}{row['slug']}/",
                ]
                for row in chunk
            )

    response = StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ifn-directory.csv"'
    return response


def glossary(request):
    return render(request, "directory/glossary.html", {"terms": TERMS.items()})
