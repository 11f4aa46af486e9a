"""Language plumbing shared by every page.

Bahasa Indonesia lives at unprefixed URLs and English under /en/. A visitor
who chose English with the language switcher keeps it: the switcher sets the
language cookie, and an unprefixed page is then redirected to its /en/ twin.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path
from django.views.i18n import set_language as django_set_language

# Paths outside i18n_patterns: never redirected.
UNTRANSLATED_PREFIXES = ("/static/", "/media/", "/api/", "/i18n/", "/robots.txt", "/sitemap.xml")


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unprefixed = (
            not request.path.startswith(UNTRANSLATED_PREFIXES)
            and get_language_from_path(request.path_info) is None
        )
        response = self.redirect(request) if unprefixed else None
        response = response or self.get_response(request)
        if unprefixed:
            # What an unprefixed URL answers depends on the language cookie.
            patch_vary_headers(response, ("Cookie",))
        return response

    def redirect(self, request):
        preferred = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if (
            request.method in ("GET", "HEAD")
            and preferred
            and preferred != settings.LANGUAGE_CODE
            and preferred in dict(settings.LANGUAGES)
            and not request.headers.get("HX-Request")
        ):
            # An unprefixed path is in the default language: resolve it as such,
            # whatever language this thread served last.
            with translation.override(settings.LANGUAGE_CODE):
                target = translate_url(request.get_full_path(), preferred)
            if target != request.get_full_path():
                return HttpResponseRedirect(target)
        return None


def set_language(request):
    """Django's set_language, resolving `next` in the language it is written in.

    translate_url() resolves the path in the active language, so switching
    from an /en/ page while Indonesian is active would otherwise leave the
    visitor on the English page.
    """
    next_url = request.POST.get("next", request.GET.get("next", ""))
    written_in = get_language_from_path(urlsplit(next_url).path) or settings.LANGUAGE_CODE
    with translation.override(written_in):
        return django_set_language(request)
