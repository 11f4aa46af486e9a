"""Import files: checked before parsing, kept privately until the import is confirmed.

Everything the portal does with an import file as a file lives here: the size
limits, the zip checks that keep a small XLSX from unpacking into gigabytes,
and the private folder where an upload waits between the dry run and the
moderator's confirmation. Import files hold owners' emails and phones, so
they are never stored under MEDIA_ROOT (served publicly) and are deleted once
imported, or a day after upload when the moderator walked away.
"""

import re
import time
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

# An XLSX is a zip of XML files. Real spreadsheets unpack to a few times their
# size; a zip bomb declares hundreds or thousands of times its size.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 500
# Uploads older than this were abandoned: the confirmation token lasts an hour.
STALE_AFTER_SECONDS = 24 * 3600
_STORED_NAME = re.compile(r"^[A-Za-z0-9]{24}\.(csv|xlsx)$")


class FileError(Exception):
    """The file as a whole cannot be read; nothing was imported."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def check_size(upload):
    """Refuse an upload over IMPORT_MAX_BYTES before anything parses it."""
    limit = settings.IMPORT_MAX_BYTES
    if upload.size > limit:
        raise FileError(
            _("This file is %(size)s; import files can be at most %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )


def check_xlsx(file):
    """Refuse a zip whose declared contents are too large or too compressed to be a spreadsheet.

    Reading stops at each member's declared size, so checking the declared
    sizes bounds what openpyxl can unpack.
    """
    bomb = FileError(
        _(
            "This XLSX file unpacks to more than %(limit)s or is compressed far more than a "
            "spreadsheet is; it is refused. Save it again from your spreadsheet program, or use CSV."
        )
        % {"limit": filesizeformat(MAX_UNPACKED_BYTES)}
    )
    try:
        members = zipfile.ZipFile(file).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileError(_("This is not a readable XLSX file.")) from None
    finally:
        file.seek(0)
    if len(members) > MAX_MEMBERS:
        raise bomb
    unpacked = 0
    for member in members:
        unpacked += member.file_size
        if unpacked > MAX_UNPACKED_BYTES:
            raise bomb
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise bomb


# --- Waiting for confirmation ------------------------------------------------------


def _storage():
    # Read at use time, so that the setting can change (tests, deployments).
    return FileSystemStorage(location=Path(settings.PRIVATE_MEDIA_ROOT) / "imports")


def store(upload):
    """Keep an upload until the import is confirmed; returns the name to open it by.

    Abandoned uploads are removed first, so the folder never grows.
    """
    purge_stale()
    extension = upload.name.rsplit(".", 1)[-1].lower()
    upload.seek(0)
    return _storage().save(f"{get_random_string(24)}.{extension}", upload)


def open_stored(name):
    """The stored file, for reading; FileNotFoundError when it is gone."""
    if not _STORED_NAME.match(name or ""):
        raise FileNotFoundError(name)
    return _storage().open(name, "rb")


def delete(name):
    if _STORED_NAME.match(name or ""):
        _storage().delete(name)


def purge_stale(max_age=STALE_AFTER_SECONDS):
    """Delete stored uploads older than max_age seconds, and any left in the public media folder
    by earlier versions. Returns how many files were deleted."""
    cutoff = time.time() - max_age
    deleted = 0
    folders = [Path(settings.PRIVATE_MEDIA_ROOT) / "imports", Path(settings.MEDIA_ROOT) / "imports"]
    for folder in folders:
        if not folder.is_dir():
            continue
        public = folder == folders[1]
        for path in folder.iterdir():
            if path.is_file() and (public or path.stat().st_mtime < cutoff):
                path.unlink(missing_ok=True)
                deleted += 1
    return deleted
