"""A clerk imports a messy member list in the browser, from upload to the finished job."""

import pytest
from openpyxl import Workbook

from accounts.tests.factories import StaffFactory
from directory.models import Listing
from moderation.models import ImportRun

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def messy_xlsx(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Daftar Anggota Klaster Alas Kaki Sidoarjo 2024"])
    sheet.append([])
    sheet.append(["Nama Perusahaan", "Lokasi", "Provinsi", "Telp", "Produk"])
    sheet.append(
        ["CV. Sepatu Sidoarjo", "Kab. Sidoarjo", "Jatim", "0812-3456-7890 / (031) 8971234", "Sepatu olahraga"]
    )
    sheet.append(["UD Sandal Bandung", "Bandung", "Jabar", "0856 1234 5678", "Sandal dan selop"])
    sheet.append(["PT. KULIT PASURUAN", "Kota Pasuruan", "Jawa Timur", "0343 123456", "sepatu kulit"])
    workbook.save(path)


def test_a_clerk_maps_reviews_imports_and_downloads_the_rejected_rows(page, tmp_path, settings, run_tasks):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    staff = StaffFactory()
    path = tmp_path / "anggota.xlsx"
    messy_xlsx(path)

    page.goto("/admin/login/")
    page.fill('input[name="username"]', staff.email)
    page.fill('input[name="password"]', "correct-horse-battery-staple")
    page.click('input[type="submit"]')
    page.goto("/admin/directory/listing/import/")
    page.set_input_files('input[name="file"]', str(path))
    page.click('[data-testid="import-upload"] input[type="submit"]')

    mapping = page.get_by_test_id("import-mapping")
    assert "CV. Sepatu Sidoarjo" in mapping.inner_text()
    assert page.input_value('select[name="column_0"]') == "name"
    assert page.input_value('select[name="column_1"]') == ""  # "Lokasi" is not recognised…
    page.select_option('select[name="column_1"]', "regency")  # …so the clerk chooses the field
    page.check('input[name="default_roles"][value="producer"]')
    page.get_by_test_id("import-review").click()

    summary = page.get_by_test_id("import-summary").inner_text()
    assert summary.startswith("2 ") and "1 " in summary
    assert "Bandung" in page.get_by_test_id("import-error").inner_text()
    with page.expect_download() as download:
        page.get_by_test_id("import-rejected").click()
    rejected = download.value.path().read_text(encoding="utf-8-sig")
    assert "UD Sandal Bandung" in rejected and "CV. Sepatu Sidoarjo" not in rejected
    assert not Listing.objects.exists()

    page.get_by_test_id("import-now").click()
    page.get_by_test_id("import-progress").wait_for()
    assert ImportRun.objects.get().status == ImportRun.Status.QUEUED
    page.reload()  # the job's state is on the server: the bar is still there
    assert page.get_by_test_id("import-percent").inner_text() == "0%"
    run_tasks()  # the task worker, as `manage.py db_worker` runs it
    page.get_by_test_id("import-result").wait_for(timeout=15_000)
    assert page.get_by_test_id("import-percent").inner_text() == "100%"
    assert page.get_attribute('[data-testid="import-progress"]', "value") == "100"
    assert "2" in page.get_by_test_id("import-result").inner_text()
    assert set(Listing.objects.values_list("name", "status")) == {
        ("CV Sepatu Sidoarjo", "pending"),
        ("PT Kulit Pasuruan", "pending"),
    }
    page.reload()
    assert page.get_by_test_id("import-percent").inner_text() == "100%"
