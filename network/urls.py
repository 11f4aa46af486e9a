from django.urls import path, re_path

from . import views

app_name = "network"

ACTION = r"(?P<action>confirm|decline|end)"

# Mounted under /dashboard/, beside the company dashboard's own pages.
urlpatterns = [
    path("listings/<slug:slug>/links/", views.links, name="links"),
    re_path(
        rf"^listings/(?P<slug>[-\w]+)/links/(?P<pk>\d+)/{ACTION}/$", views.link_action, name="link_action"
    ),
    path("listings/<slug:slug>/communities/", views.communities, name="communities"),
    path("listings/<slug:slug>/roster/", views.roster, name="roster"),
    path("listings/<slug:slug>/roster/export.csv", views.roster_export, name="roster_export"),
    path("listings/<slug:slug>/roster/<int:pk>/edit/", views.propose_edit, name="propose_edit"),
    re_path(
        rf"^listings/(?P<slug>[-\w]+)/memberships/(?P<pk>\d+)/{ACTION}/$",
        views.entry_action,
        name="entry_action",
    ),
]
