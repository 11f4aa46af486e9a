"""The static files collected for deployment: the installed apps' minus what no page uses.

drf-spectacular-sidecar ships Swagger UI beside ReDoc (only ReDoc is served),
django-htmx its own copies of htmx (the portal vendors one, static/vendor/htmx)
and django-countries a flag per country (no page shows flags). Leaving them out
makes collectstatic, with its gzip and brotli copies, several times faster and
the deployed static files a fraction of the size.
"""

from django.contrib.staticfiles import finders

UNUSED = ["swagger-ui-dist", "django_htmx", "flags"]


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *UNUSED])
