from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from directory.pagecache import public_page
from directory.sitemaps import sitemap_index, sitemaps
from ifn.i18n import set_language


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the static one."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


admin.site.site_header = _("IFN Directory: BPIPI moderation")
admin.site.site_title = _("IFN Directory administration")
admin.site.index_title = _("Moderation and directory data")
# The index lists every model already; without the side bar the listing
# table has the width for all its columns, status included.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    # The same for every crawler until the directory changes: kept per generation.
    path("sitemap.xml", public_page(sitemap_index), name="sitemap"),
    path("sitemap-<slug:section>.xml", public_page(sitemap), {"sitemaps": sitemaps}, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("favicon.ico", favicon),
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", include("accounts.urls")),
    path("dashboard/", include("network.urls")),
    path("", include("moderation.urls")),
    path("", include("enquiries.urls")),
    path("", include("projects.urls")),
    path("", include("stats.urls")),
    path("", include("directory.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages render without the database (ifn/errors.py).
handler400 = "ifn.errors.bad_request"
handler403 = "ifn.errors.permission_denied"
handler404 = "ifn.errors.page_not_found"
handler500 = "ifn.errors.server_error"
