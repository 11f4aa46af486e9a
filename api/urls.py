from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("listings", views.ListingViewSet, basename="listing")

# ReDoc (our own copy, templates/drf_spectacular/redoc.html) styles itself
# through injected <style> elements and runs its search in a blob: worker;
# only this page relaxes the portal's policy for them.
redoc = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
    SpectacularRedocView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", redoc, name="docs"),
    *router.urls,
    # Anything else under /api/ answers like the API, in JSON, not with the HTML 404 page.
    re_path(r"^.*$", views.not_found),
]
