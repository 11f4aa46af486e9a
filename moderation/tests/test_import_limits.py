"""Import files: size and zip-bomb limits, hostile cells, and private storage until confirmation."""

import io
import os
import time
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import StaffFactory
from directory.models import Listing
from moderation import uploads
from moderation.importer import reading
from moderation.transfer import FileError, import_listings

from .test_transfer import csv_file, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def staff_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(StaffFactory())
    return client


def zip_with(member_bytes, chunks):
    """A zip whose one sheet member is `chunks` × member_bytes of zeros, streamed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(chunks):
                sheet.write(b"\0" * member_bytes)
    out.seek(0)
    return out


def test_a_highly_compressed_xlsx_is_refused_before_parsing():
    bomb = zip_with(1024 * 1024, 4)  # 4 MB of zeros in a few kilobytes
    assert len(bomb.getvalue()) < 50_000
    with pytest.raises(FileError, match="compressed far more than a spreadsheet"):
        import_listings(bomb, filename="bomb.xlsx", dry_run=True)


def test_an_xlsx_unpacking_past_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_RATIO", 10**9)
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    with pytest.raises(FileError, match="unpacks to more than 2.0"):
        import_listings(zip_with(1024 * 1024, 3), filename="big.xlsx", dry_run=True)


def test_an_upload_over_the_size_limit_is_refused_in_the_admin(staff_client, settings):
    settings.IMPORT_MAX_BYTES = 1000
    upload = csv_file([row(name=f"PT Besar {n}") for n in range(40)])
    upload.name = "listings.csv"
    response = staff_client.post(reverse("admin:directory_listing_import"), {"file": upload})
    assert response.status_code == 200
    assert "import files can be at most 1000" in response.content.decode()
    assert "report" not in response.context


def test_a_zip_bomb_uploaded_in_the_admin_gets_a_message(staff_client):
    upload = zip_with(1024 * 1024, 4)
    upload.name = "bomb.xlsx"
    response = staff_client.post(reverse("admin:directory_listing_import"), {"file": upload})
    assert response.status_code == 200
    assert "compressed far more than a spreadsheet" in response.content.decode()


def test_a_nul_byte_or_control_character_in_a_cell_is_reported_on_its_line():
    report = import_listings(
        csv_file(
            [
                row(name="PT Baik"),
                row(name="PT Nul\x00"),
                row(name="PT Lain", owner_emails="a\x00@example.com"),
            ]
        ),
        filename="listings.csv",
        dry_run=False,
    )
    errors = {r.line: " | ".join(r.errors) for r in report.errors}
    assert set(errors) == {3, 4}
    assert "name: This text contains a control character" in errors[3]
    assert "owner_emails: This text contains a control character" in errors[4]
    assert not Listing.objects.exists()


def test_a_line_break_in_a_one_line_column_is_tidied_and_kept_in_a_description():
    report = import_listings(
        csv_file([row(name="PT Dua\r\nBaris", description="Baris satu\r\nBaris dua ")]),
        filename="l.csv",
        dry_run=True,
    )
    (result,) = report.rows
    assert result.listing.name == "PT Dua Baris"
    assert result.listing.description == "Baris satu\nBaris dua"


def test_an_overlong_csv_field_is_refused_with_its_line():
    content = "name,roles,province,regency\nPT A,producer,35,35.15\n" + "x" * 140_000 + ",producer,35,35.15\n"
    with pytest.raises(FileError, match="Line 3 of the file cannot be read"):
        import_listings(io.BytesIO(content.encode()), filename="long.csv", dry_run=True)


def test_blank_lines_count_toward_the_row_limit(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    content = "name,roles,province,regency\n" + ",,,\n" * 5 + "PT A,producer,35,35.15\n"
    with pytest.raises(FileError, match="more than 3 rows"):
        import_listings(io.BytesIO(content.encode()), filename="blank.csv", dry_run=True)


def test_abandoned_uploads_are_deleted_at_the_next_upload_and_by_the_command(staff_client, tmp_path):
    private = tmp_path / "private" / "imports"
    private.mkdir(parents=True)
    old = private / ("a" * 24 + ".csv")
    old.write_text("name\n")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    fresh = private / ("b" * 24 + ".csv")
    fresh.write_text("name\n")
    public = tmp_path / "media" / "imports"
    public.mkdir(parents=True)
    (public / "left-by-an-old-version.csv").write_text("email\nowner@example.com\n")

    upload = csv_file([row()])
    upload.name = "listings.csv"
    staff_client.post(reverse("admin:directory_listing_import"), {"file": upload})
    assert not old.exists() and fresh.exists()
    assert not list(public.iterdir())
    assert len(list(private.iterdir())) == 2  # the fresh one and the new upload

    os.utime(fresh, (time.time() - 2 * 86400,) * 2)
    out = io.StringIO()
    call_command("purge_imports", stdout=out)
    assert "Deleted 1 abandoned import file(s)." in out.getvalue()
    assert len(list(private.iterdir())) == 1
