"""Every message the services show users is translated, and marked so makemessages finds it.

makemessages extracts only the standard names (`_`, `gettext`, `ngettext`,
`pgettext` and their lazy forms): a string marked through another alias
(`gettext as _g`) works at run time but never reaches the catalogue, so it
stays English on Indonesian pages. The catalogue tests in test_i18n.py
cannot see such strings; these read the sources.
"""

import ast
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
# The keywords makemessages passes to xgettext for Python files.
EXTRACTED = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
TRANSLATION_FUNCTIONS = EXTRACTED | {"ugettext", "ugettext_lazy"}
APPS = [
    "accounts",
    "api",
    "directory",
    "enquiries",
    "ifn",
    "moderation",
    "network",
    "outbox",
    "projects",
    "stats",
]
# Where the services' user-facing messages live: the writes, their emails and refusals.
SERVICE_MODULES = sorted(
    path.relative_to(ROOT)
    for app in APPS
    for pattern in ("services.py", "notifications.py")
    for path in (ROOT / app).glob(pattern)
)


def source_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or path.name.startswith("test_"):
                continue
            yield path


def translation_names(tree):
    """{local name: django.utils.translation function} imported by the module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in TRANSLATION_FUNCTIONS:
                    names[alias.asname or alias.name] = alias.name
    return names


def marked_messages(path):
    """(msgctxt, msgid) of every literal passed to a translation function in the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = translation_names(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names):
            continue
        function = names[node.func.id]
        args = node.args
        context = None
        if function.startswith(("pgettext", "npgettext")):
            context, args = (args[0].value if args and isinstance(args[0], ast.Constant) else None), args[1:]
        if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            yield context, args[0].value


@pytest.mark.parametrize("path", list(source_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_strings_are_marked_with_names_makemessages_extracts(path):
    names = translation_names(ast.parse(path.read_text(encoding="utf-8")))
    hidden = sorted(name for name in names if name not in EXTRACTED)
    assert hidden == [], f"{path.relative_to(ROOT)} marks strings with {hidden}: use _ / gettext / ngettext"


def test_the_check_sees_an_alias_makemessages_would_miss(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('from django.utils.translation import gettext as _g\nmessage = _g("Hidden")\n')
    assert translation_names(ast.parse(module.read_text())) == {"_g": "gettext"}
    assert list(marked_messages(module)) == [(None, "Hidden")]


def test_the_services_cover_the_apps_that_write():
    assert {str(p) for p in SERVICE_MODULES} >= {
        "accounts/services.py",
        "moderation/services.py",
        "moderation/notifications.py",
        "network/services.py",
    }


@pytest.mark.parametrize("code", ["id", "en"])
def test_every_service_message_is_translated_in_the_catalogue(code):
    po = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))
    translated = {(e.msgctxt, e.msgid) for e in po if e.translated() and not e.obsolete}
    missing = sorted(
        f"{path}: {msgid}"
        for path in SERVICE_MODULES
        for context, msgid in marked_messages(ROOT / path)
        if (context, msgid) not in translated
    )
    assert missing == [], f"run `make messages` and translate: {missing[:20]}"
