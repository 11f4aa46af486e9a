"""The sitemap: an index of sections, every public page in both languages, with hreflang alternates.

Listings are read a section page (250 listings) at a time, in slug order, through an index;
a page never holds more than `limit` addresses, far under the protocol's 50,000.
"""

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from .counts import cached_count
from .models import Cluster, Listing


class PublicSitemap(Sitemap):
    """Addresses on settings.SITE_URL, whatever host the crawler asked."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return settings.SITE_URL.split("://", 1)[-1]


class StaticPagesSitemap(PublicSitemap):
    priority = 0.8
    changefreq = "daily"

    def items(self):
        return ["directory:home", "directory:list", "directory:clusters"]

    def location(self, item):
        return reverse(item)


class LanguagePairs(Sequence):
    """The (item, language) pairs of an ordered queryset, read one slice at a time.

    Django's Sitemap builds every pair in memory before paging them; this
    reads only the rows of the requested page.
    """

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = languages
        self._length = None

    def __len__(self):
        if self._length is None:
            self._length = cached_count(self.queryset) * len(self.languages)
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        width = len(self.languages)
        first = start // width
        rows = self.queryset[first : -(-stop // width)]
        pairs = [(row, language) for row in rows for language in self.languages]
        return pairs[start - first * width : stop - first * width]


class ListingSitemap(PublicSitemap):
    changefreq = "weekly"
    # Addresses per page: 250 listings in two languages. Rendering costs about
    # a third of a millisecond per address; a page stays well under 300 ms.
    limit = 500

    def __init__(self):
        self._prefixes = {}

    def items(self):
        return Listing.objects.published().order_by("slug").only("slug", "updated_at")

    def _items(self):
        return LanguagePairs(self.items(), self._languages())

    def location(self, listing):
        # One reverse() per language and page, not per address.
        language = translation.get_language()
        if language not in self._prefixes:
            self._prefixes[language] = reverse("directory:detail", kwargs={"slug": "-"})[:-2]
        return f"{self._prefixes[language]}{listing.slug}/"

    def lastmod(self, listing):
        return listing.updated_at

    def get_latest_lastmod(self):
        return Listing.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class ClusterSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return Cluster.objects.order_by("slug").only("slug")

    def location(self, cluster):
        return reverse("directory:cluster", kwargs={"slug": cluster.slug})


sitemaps = {"pages": StaticPagesSitemap, "listings": ListingSitemap, "clusters": ClusterSitemap}


@x_robots_tag
def sitemap_index(request):
    """sitemap.xml: the address of every section page, on settings.SITE_URL."""
    entries = []
    for section, sitemap_class in sitemaps.items():
        site = sitemap_class()
        url = f"{settings.SITE_URL.rstrip('/')}{reverse('sitemap-section', kwargs={'section': section})}"
        lastmod = site.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, lastmod))
        entries += [
            SitemapIndexItem(f"{url}?p={page}", lastmod) for page in range(2, site.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
