"""Both languages stay complete: catalogues, templates and the switcher."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import engines
from django.template.base import Lexer, TokenType

from ifn.testing import visible_pieces

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def catalogue(code):
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(code):
    po = catalogue(code)
    assert len(po) > 0
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries() if not e.obsolete] == []


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_compiled_catalogue_matches_the_po_file(code):
    po = catalogue(code)
    mo = polib.mofile(str(LOCALE / code / "LC_MESSAGES" / "django.mo"))

    def entries(cat):
        return {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in cat
            if not e.obsolete and e.msgid
        }

    assert entries(mo) == entries(po), "django.mo is stale: run `make messages`"


def extract_msgids(tmp_path):
    """Run makemessages on a copy of the sources and return the msgids found."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "media", "node_modules", "vendor", "locale", "*.sqlite3"
        ),
    )
    (copy / "locale").mkdir()
    env = {**os.environ, "DEBUG": "true"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-location"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(copy / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    return {(e.msgctxt, e.msgid) for e in po if e.msgid}


def test_every_marked_string_is_in_the_catalogues(tmp_path):
    if shutil.which("xgettext") is None:
        message = "GNU gettext (xgettext) is needed to check the catalogues against the sources."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    found = extract_msgids(tmp_path)
    for code in LANGUAGE_CODES:
        known = {(e.msgctxt, e.msgid) for e in catalogue(code) if e.translated()}
        missing = sorted(msgid for _ctx, msgid in found - known)
        assert missing == [], f"{code}: run `make messages` and translate: {missing[:20]}"


# Words that read the same in both languages and need no translation.
SAME_IN_BOTH = {
    "IFN",
    "BPIPI",
    "WhatsApp",
    "Instagram",
    "Facebook",
    "TikTok",
    "YouTube",
    "Tokopedia",
    "Shopee",
    "Email",
    "NIB",
    "KBLI",
    "SNI",
    "TKDN",
    "IKM",
    "OEM",
    "ODM",
    "MOQ",
    "CSV",
    "JSON",
    "API",
    "OpenAPI",
    "Leaflet",
    "OpenStreetMap",
    "Bootstrap",
    "htmx",
    "x",
    "×",
    "IFN Directory",
    "Indonesia Footwear Network",
}
PHRASES = sorted((p for p in SAME_IN_BOTH if " " in p), key=len, reverse=True)


def literal_words(text):
    words = []
    for piece in visible_pieces(text):
        for phrase in PHRASES:
            piece = piece.replace(phrase, " ")
        for word in re.findall(r"[A-Za-z][A-Za-z'’-]+", piece):
            if word not in SAME_IN_BOTH and not word.isupper():
                words.append(word)
    return words


def template_files():
    dirs = [
        ROOT / "templates",
        *(ROOT / app / "templates" for app in ("directory", "accounts", "api", "moderation")),
    ]
    return sorted(
        p for d in dirs if d.exists() for pattern in ("*.html", "email/*.txt") for p in d.rglob(pattern)
    )


def template_text(source):
    """The template's literal text, without what translation tags and comments hold."""
    text, inside = [], None
    closers = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans", "comment": "endcomment"}
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if inside is None and name in closers:
                inside = closers[name]
            elif inside is None and token.contents.startswith("block bodyclass"):
                inside = "endblock"  # CSS class names, not text
            elif name == inside:
                inside = None
        elif token.token_type == TokenType.TEXT and inside is None:
            text.append(token.contents)
    return "".join(text)


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_untranslated_literal_text(path):
    """Text written straight into a template would show untranslated."""
    source = path.read_text(encoding="utf-8")
    engines["django"].from_string(source)  # the template must also parse
    words = literal_words(template_text(source))
    assert words == [], f"{path.relative_to(ROOT)}: wrap in {{% translate %}}: {words[:10]}"


def test_literal_text_check_catches_unmarked_words():
    source = "{% load i18n %}<h1>Welcome</h1>{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}"
    assert literal_words(template_text(source)) == ["Welcome"]
    assert literal_words('<p>Hello buyers</p><img alt="Logo">') == ["Hello", "buyers", "Logo"]
    assert literal_words("<p>WhatsApp · NIB</p><script>var a = 'x';</script>") == []
