from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stats"
    verbose_name = _("The network in numbers")

    def ready(self):
        # The sitemap index lists its sections from one dict; this app adds its own.
        from directory.sitemaps import sitemaps

        from .sitemaps import StatisticsSitemap

        sitemaps["statistics"] = StatisticsSitemap
