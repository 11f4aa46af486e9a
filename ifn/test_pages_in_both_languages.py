"""Every public, dashboard and admin page, requested in both languages, shows
no interface text of the other language."""

import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from ifn import page_catalogue
from ifn.testing import visible_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def catalogues():
    """The portal's Indonesian catalogue, and those of the apps whose pages it
    serves (Django's admin, allauth, django-simple-history)."""
    import allauth
    import django.contrib.admin
    import simple_history

    yield polib.pofile(str(ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    for package in (django.contrib.admin, allauth, simple_history):
        path = Path(package.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "django.po"
        if path.exists():
            yield polib.pofile(str(path))


def distinct_strings():
    """Interface strings whose Indonesian differs from the English, long enough
    (several words) not to occur by chance in names or descriptions."""
    entries = [entry for po in catalogues() for entry in po if entry.translated() and not entry.obsolete]
    msgids = {entry.msgid.strip() for entry in entries}
    msgstrs = {entry.msgstr.strip() for entry in entries}
    pairs = []
    for entry in entries:
        if entry.msgid_plural or "%" in entry.msgid or "{" in entry.msgid or "<" in entry.msgid:
            continue
        english, indonesian = entry.msgid.strip(), entry.msgstr.strip()
        # A text found inside strings of the other language too (a proper name,
        # a term kept in both) proves nothing.
        if any(english in m for m in msgstrs) or any(indonesian in m for m in msgids):
            continue
        if english != indonesian and len(english.split()) >= 3 and len(indonesian.split()) >= 3:
            pairs.append((english, indonesian))
    return pairs


def whole_words(*strings):
    """A regular expression for any of the strings, not inside a longer word."""
    return rf"(?<!\w)(?:{'|'.join(map(re.escape, strings))})(?!\w)"


class Finder:
    """Which of the strings a text shows as whole words.

    The patterns are compiled once: there are far more strings than the re
    module's cache holds. One pattern with all of them tells whether a text
    shows any (each alternative is tried at every position); only then are
    the strings looked for one by one, to name them.
    """

    def __init__(self, strings):
        self.any = re.compile(whole_words(*strings))
        self.each = [(string, re.compile(whole_words(string))) for string in strings]

    def __call__(self, text):
        if not self.any.search(text):
            return []
        return [string for string, pattern in self.each if pattern.search(text)]


@pytest.fixture
def pages():
    return page_catalogue.build()


def fetch(client, name, kwargs, language):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    assert f'<html lang="{language}"' in html, url
    return url, visible_text(html)


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_speaks_one_language(client, pages, language):
    strings = distinct_strings()
    assert len(strings) > 100  # the check has teeth
    other = 0 if language == "id" else 1  # English text on Indonesian pages, and back
    shown = Finder([pair[other] for pair in strings])
    for group, visitor in [("public", None), ("dashboard", pages.owner), ("admin", pages.staff)]:
        if visitor:
            client.force_login(visitor)
        for name, kwargs in getattr(pages, group):
            if name in page_catalogue.STORED_TEXT:
                continue
            url, text = fetch(client, name, kwargs, language)
            leaked = shown(text)
            assert leaked == [], f"{url} shows untranslated text: {leaked[:5]}"


def test_the_check_finds_english_left_on_an_indonesian_page():
    english, _indonesian = distinct_strings()[0]
    text = visible_text(f"<main><p>{english}</p></main>")
    assert Finder([english])(text) == [english]
    # Among all the strings, as the test looks for them.
    assert english in Finder([pair[0] for pair in distinct_strings()])(text)
