"""The directory is the bottom app: it imports no other app of the project.

Apps above it (accounts, moderation, network, …) import the directory and
plug into it (admin registrations, demo seeders, the lifecycle guard's
context manager); the directory never reaches up. Its tests may use the
whole site and are not read.
"""

import ast
from pathlib import Path

from django.conf import settings

DIRECTORY = Path(__file__).resolve().parent.parent
PROJECT_APPS = {
    app.split(".")[0]
    for app in settings.INSTALLED_APPS
    if (settings.BASE_DIR / app.split(".")[0]).is_dir() and app.split(".")[0] != "directory"
} | {"bench", "scripts"}


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_the_project_apps_are_known():
    assert {"accounts", "moderation", "network", "outbox", "ifn"} <= PROJECT_APPS


def test_no_module_in_directory_imports_another_project_app():
    offending = [
        f"{path.relative_to(DIRECTORY.parent)}: {module}"
        for path in sorted(DIRECTORY.rglob("*.py"))
        if "tests" not in path.relative_to(DIRECTORY).parts
        for module in imported_modules(path)
        if module.split(".")[0] in PROJECT_APPS
    ]
    assert offending == []
