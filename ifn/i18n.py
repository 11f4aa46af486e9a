"""Language plumbing shared by every page.

Bahasa Indonesia lives at unprefixed URLs and English under /en/. A visitor
who chose English with the language switcher keeps it: the switcher sets the
language cookie, and an unprefixed page is then redirected to its /en/ twin.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.translation import get_language_from_path

# Paths outside i18n_patterns: never redirected.
UNTRANSLATED_PREFIXES = ("/static/", "/media/", "/api/", "/i18n/", "/robots.txt", "/sitemap.xml")


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        preferred = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if (
            request.method in ("GET", "HEAD")
            and preferred
            and preferred != settings.LANGUAGE_CODE
            and preferred in dict(settings.LANGUAGES)
            and not request.headers.get("HX-Request")
            and not request.path.startswith(UNTRANSLATED_PREFIXES)
            and get_language_from_path(request.path_info) is None
        ):
            target = translate_url(request.get_full_path(), preferred)
            if target != request.get_full_path():
                return HttpResponseRedirect(target)
        return self.get_response(request)


def set_language(request):
    """Django's set_language, resolving `next` in the language it is written in.

    translate_url() resolves the path in the active language, so switching
    from an /en/ page while Indonesian is active would otherwise leave the
    visitor on the English page.
    """
    from urllib.parse import urlsplit

    from django.utils import translation
    from django.views.i18n import set_language as django_set_language

    next_url = request.POST.get("next", request.GET.get("next", ""))
    written_in = get_language_from_path(urlsplit(next_url).path) or settings.LANGUAGE_CODE
    with translation.override(written_in):
        return django_set_language(request)
