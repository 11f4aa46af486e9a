from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = _("Collaboration projects")

    def ready(self):
        # The sitemap index lists its sections from one dict; this app adds its own.
        from directory.sitemaps import sitemaps

        from .sitemaps import ProjectSitemap

        sitemaps["projects"] = ProjectSitemap
