from functools import cached_property

from django.urls import reverse

from directory.sitemaps import PublicSitemap

from .models import Project


class ProjectSitemap(PublicSitemap):
    """The projects page and every public project: one query, read once for the index and the section."""

    changefreq = "weekly"

    @cached_property
    def _projects(self):
        return list(Project.objects.public().order_by("slug").only("slug", "updated_at"))

    def items(self):
        return ["list", *self._projects]

    def location(self, item):
        return reverse("projects:list") if item == "list" else item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "list" else item.updated_at

    def get_latest_lastmod(self):
        return max((project.updated_at for project in self._projects), default=None)
