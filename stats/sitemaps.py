from django.urls import reverse

from directory.sitemaps import PublicSitemap


class StatisticsSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return ["stats:index"]

    def location(self, item):
        return reverse(item)
