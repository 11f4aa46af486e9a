"""Middleware for every response: headers and the load balancer's health check."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

HEALTH_PATH = "/healthz"


class PermissionsPolicyMiddleware:
    """Switch off browser features that no page of the portal uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class HealthCheckMiddleware:
    """Answer /healthz: 200 when the portal and its database answer, 503 otherwise.

    It answers before CommonMiddleware, so a load balancer that asks by IP
    address needs no entry in ALLOWED_HOSTS, and the answer says nothing about
    what failed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            response = HttpResponse("ok\n", content_type="text/plain")
        except DatabaseError:
            response = HttpResponse("unavailable\n", content_type="text/plain", status=503)
        add_never_cache_headers(response)
        return response
