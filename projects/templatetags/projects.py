from django import template

from ..models import Project

register = template.Library()

HOME_PROJECTS = 3


@register.inclusion_tag("projects/_home.html")
def home_projects():
    """The newest open and running projects, for the home page: one query."""
    projects = Project.objects.current().in_display_order().select_related("organiser")
    return {"projects": list(projects[:HOME_PROJECTS])}
