"""Whole public pages for visitors without a session, kept per directory generation.

The home page, the directory with any filters or search, listing pages,
cluster pages and the sitemap look the same to every anonymous visitor until
the directory changes. They are kept in the cache under the directory
generation (see counts.py), which the database replaces on every write, so a
kept page is never stale. Pages are kept compressed; filter combinations are
endless, so the cache's own limit (CACHE_MAX_ENTRIES, or Redis's maxmemory
policy) decides how many stay, and a day at most.

The language switcher's CSRF token is each visitor's own: the kept copy holds
a placeholder that every answer fills with the visitor's token (setting the
CSRF cookie as rendering would).
"""

import re
import zlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token

from .counts import cached

CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"@@csrf-token@@"
# Headers the view sets that a kept page must carry again; the middleware adds the rest.
KEPT_HEADERS = ("Content-Type", "Vary", "X-Robots-Tag")


def _anonymous(request):
    """Whether the page can be the shared one: no session (so no user and no
    session messages) and no messages waiting in a cookie."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def public_page(view=None, *, when=None):
    """Keep `view`'s page for anonymous visitors; `when(request)` may narrow which requests."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _anonymous(request) or (when and not when(request)):
                return view(request, *args, **kwargs)
            rendered = {}

            def render():
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                rendered["response"] = response
                if response.status_code != 200 or response.streaming or response.cookies:
                    return None
                content = CSRF_VALUE.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content)
                headers = {name: response[name] for name in KEPT_HEADERS if name in response}
                return zlib.compress(content, 1), headers

            htmx = getattr(request, "htmx", None)
            partial = bool(htmx and not htmx.history_restore_request)
            key = (view.__module__, view.__name__, request.LANGUAGE_CODE, request.get_full_path(), partial)
            kept = cached("page", render, key=key)
            if "response" in rendered:
                return rendered["response"]
            content, headers = kept
            content = zlib.decompress(content)
            if PLACEHOLDER in content:
                content = content.replace(PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response

        return wrapper

    return decorator(view) if view else decorator
