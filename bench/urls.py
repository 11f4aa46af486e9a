"""The portal's URLs plus the benchmark's floor page."""

from django.http import HttpResponse
from django.urls import path

from ifn import urls as portal

FLOOR_PATH = "/bench/floor/"


def floor(request):
    """The cheapest page the stack can serve: middleware, URL routing, no database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor, name="bench_floor"), *portal.urlpatterns]

# Keep the portal's own error pages (403, 404, 500, 503…) in force.
for _name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(portal, _name):
        globals()[_name] = getattr(portal, _name)
