"""Refuse requests carrying NUL bytes or other control characters.

Nobody types a NUL byte or a backspace character into an address bar or a
form, but a crafted request can carry them anywhere: in the path, the query
string or form data. PostgreSQL refuses NUL in text, so such a value reaching
a query used to fail with a server error. One check here, before any view
runs, answers 400 with a clear message instead, whatever page is asked for.
Line breaks and tabs stay allowed in query and form values (a multi-line
message is normal); single-line fields refuse them in their own validation.
"""

import unicodedata

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

# Allowed inside query and form values: tab, line feed, carriage return.
_WHITESPACE_CONTROLS = frozenset("\t\n\r")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_control_character(text, allowed=frozenset()):
    """True when text holds a control character (Unicode category Cc) outside `allowed`."""
    return any(unicodedata.category(c) == "Cc" and c not in allowed for c in text)


def _values(querydict):
    for key, values in querydict.lists():
        yield key
        yield from (value for value in values if isinstance(value, str))


def _hostile_part(request):
    """Which part of the request holds a control character, or None."""
    if has_control_character(request.path):
        return "path"
    if any(has_control_character(v, _WHITESPACE_CONTROLS) for v in _values(request.GET)):
        return "query"
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        if any(has_control_character(v, _WHITESPACE_CONTROLS) for v in _values(request.POST)):
            return "form"
        if any(has_control_character(f.name or "") for f in request.FILES.values()):
            return "form"
    return None


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        part = _hostile_part(request)
        if part is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            # The API speaks the Accept-Language of the request, as its views do.
            with translation.override(translation.get_language_from_request(request)):
                return JsonResponse({"detail": _message(part)}, status=400)
        return render(request, "bad_request.html", {"message": _message(part)}, status=400)


def _message(part):
    messages = {
        "path": _(
            "This address contains a control character (such as a NUL byte) that no page "
            "address has. Check the link and try again."
        ),
        "query": _(
            "The search or filter values in this address contain a control character (such as "
            "a NUL byte). Remove it and try again."
        ),
        "form": _(
            "The form contains a control character (such as a NUL byte) that cannot be typed. "
            "Remove it and send the form again; nothing was saved."
        ),
    }
    return messages[part]
