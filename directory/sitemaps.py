"""sitemap.xml: every public page in both languages, with hreflang alternates."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

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


class ListingSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return Listing.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, listing):
        return listing.updated_at


class ClusterSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return Cluster.objects.order_by("slug").only("slug")

    def location(self, cluster):
        return reverse("directory:cluster", kwargs={"slug": cluster.slug})


sitemaps = {"pages": StaticPagesSitemap, "listings": ListingSitemap, "clusters": ClusterSitemap}
