"""Whole public pages for visitors without a session, kept per directory generation.

The home page, the directory with any filters or search, listing pages,
cluster pages and the sitemap look the same to every anonymous visitor until
the directory changes. They are kept in the cache under the directory
generation (see counts.py), which the database replaces on every write, so a
kept page is never stale. Pages are kept compressed; filter combinations are
endless, so the cache's own limit (CACHE_MAX_ENTRIES, or Redis's maxmemory
policy) decides how many stay, and a day at most.

The pages asked for most recently are also kept in each process's memory, under the
same generation: they are then served without a round trip to the cache.

The language switcher's CSRF token is each visitor's own: the kept copy holds
a placeholder that every answer fills with the visitor's token (setting the
CSRF cookie as rendering would).
"""

import re
import threading
import zlib
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.middleware.csrf import get_token

from .counts import cached
from .models import DirectoryGeneration

CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"@@csrf-token@@"
# Headers the view sets that a kept page must carry again; the middleware adds the rest.
KEPT_HEADERS = ("Content-Type", "Vary", "X-Robots-Tag")
# Pages kept in each process: a few megabytes of compressed HTML.
IN_PROCESS = 200

_in_process = OrderedDict()
_lock = threading.Lock()


def _recalled(key):
    with _lock:
        kept = _in_process.get(key)
        if kept is not None:
            _in_process.move_to_end(key)
        return kept


def _remember(key, kept):
    with _lock:
        _in_process[key] = kept
        _in_process.move_to_end(key)
        while len(_in_process) > IN_PROCESS:
            _in_process.popitem(last=False)


def forget(**kwargs):
    """Drop the pages this process keeps (settings changed, which pages depend on)."""
    with _lock:
        _in_process.clear()


setting_changed.connect(forget)


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
            token = DirectoryGeneration.current()
            kept = _recalled((token, key)) if token is not None else None
            if kept is None:
                kept = cached("page", render, key=key, token=token)
                if token is not None and kept is not None:
                    _remember((token, key), kept)
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
