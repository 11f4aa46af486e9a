from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = _("Collaboration projects")

    def ready(self):
        # The directory's sitemap index and seed_demo take their parts from registries;
        # this app adds its own.
        from directory import demo
        from directory.sitemaps import sitemaps

        from .demo import seed_projects
        from .sitemaps import ProjectSitemap

        sitemaps["projects"] = ProjectSitemap
        demo.register(seed_projects)
