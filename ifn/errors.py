"""Error pages in the portal's look and the visitor's language.

They render without the database: no context processors run (no session or
user lookup), so a page still appears while PostgreSQL is down. A database
that fails (refused, hung, timed out) gives a 503 with Retry-After instead of
a 500.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 60


def render_error(request, status, template_name=None):
    template = loader.get_template(template_name or f"{status}.html")
    # request=None keeps context processors (and their database queries) out;
    # the page gets the request itself for its links.
    body = template.render({"request": request, "error_page": True}, request=None)
    response = HttpResponse(body, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception=None):
    return render_error(request, 400)


def permission_denied(request, exception=None):
    return render_error(request, 403)


def page_not_found(request, exception=None):
    return render_error(request, 404)


def server_error(request):
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        return render_error(request, 503)
    return render_error(request, 500)


def csrf_failure(request, reason=""):
    return render_error(request, 403, "403_csrf.html")
