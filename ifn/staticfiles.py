"""The static files the portal serves: those of the installed apps minus what no page uses.

drf-spectacular-sidecar ships Swagger UI beside ReDoc (only ReDoc is served),
django-htmx its own copies of htmx (the portal vendors one, static/vendor/htmx)
and django-countries a flag per country (no page shows flags). Leaving them out
makes collectstatic, with its gzip and brotli copies, about three times faster
and the deployed static files about half the size.
"""

from django.contrib.staticfiles.apps import StaticFilesConfig


class PortalStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "swagger-ui-dist", "django_htmx", "flags"]
