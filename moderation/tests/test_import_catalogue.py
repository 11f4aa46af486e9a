"""Every message of the importer is extracted by makemessages and translated into Indonesian."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

MODERATION = Path(__file__).resolve().parent.parent
FILES = [
    *sorted((MODERATION / "importer").glob("*.py")),
    MODERATION / "import_views.py",
    MODERATION / "import_forms.py",
]
MARKERS = {"_", "gettext", "gettext_lazy"}


def marked_strings(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in MARKERS
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.args[0].value


def test_the_importer_marks_its_messages_only_with_forms_makemessages_extracts():
    for path in FILES:
        source = path.read_text()
        assert "as _g" not in source, path


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_importer_message_is_in_indonesian(path):
    untranslated = []
    with translation.override("id"):
        for message in marked_strings(path):
            if translation.gettext(message) == message:
                untranslated.append(message)
    assert not untranslated
