"""The company's first visit, in Chromium: sign up, verify, add a producer, add a photo, submit."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation

from directory.models import Listing
from ifn.testing import wait_until

from .conftest import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def submit(page, label_value=None):
    """Press the main form's submit button (not the language switcher's)."""
    selector = "main form button[type=submit]"
    if label_value:
        selector = f"main form button[name=action][value={label_value}]"
    page.locator(selector).first.click()


def choose_region(page, name, value):
    with page.expect_response(re.compile(r"/dashboard/regions/")):
        page.select_option(f"select[name={name}]", value)
    # Wait until htmx has swapped in and wired up the new pickers.
    wait_until(page, "!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def test_company_signs_up_and_submits_a_producer_listing(page, tmp_path, settings, run_tasks):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "pabrik.jpg"
    photo.write_bytes(image_bytes(size=(1200, 900)))

    page.goto("/accounts/signup/")
    page.fill("main [name=email]", "pemilik@sepatu.example")
    page.fill("main [name=password1]", "Sepatu-Kulit-2026")
    page.fill("main [name=password2]", "Sepatu-Kulit-2026")
    submit(page)
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))

    # The verification email, from the test mailbox (same process as the live server).
    body = run_tasks()[-1].body
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", body).group(1)
    page.goto(link)
    submit(page)
    page.wait_for_url(re.compile(r"/dashboard/$"))

    page.locator("main a[href='/dashboard/new/']").click()
    page.check("input[name=roles][value=producer]")
    submit(page)
    page.wait_for_url(re.compile(r"/dashboard/new/\?roles=producer"))
    assert page.locator("[name=capacity_pairs]").is_visible()
    assert page.locator("[name=supply_capacity]").count() == 0

    page.fill("main [name=name]", "Sepatu Tanggulangin Jaya")
    # htmx narrows the regencies to Jawa Timur, then the districts to Sidoarjo's.
    choose_region(page, "province", "35")
    assert page.locator("select[name=regency] option[value='35.15']").count() == 1
    assert page.locator("select[name=regency] option[value='32.73']").count() == 0
    choose_region(page, "regency", "35.15")
    page.select_option("select[name=district]", "35.15.06")
    page.fill("main [name=description]", "Produsen sepatu kulit pria sejak 1990.")
    page.fill("main [name=phone]", "+62 812 3456 7890")
    page.fill("main [name=capacity_pairs]", "3000")
    submit(page, "save")
    page.wait_for_url(re.compile(r"/dashboard/listings/sepatu-tanggulangin-jaya/$"))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    page.locator("a[href$='/photos/']").first.click()
    page.set_input_files("input[name=image]", str(photo))
    page.fill("input[name=caption]", "Ruang produksi")
    page.locator("main form[enctype='multipart/form-data'] button[type=submit]").last.click()
    page.get_by_test_id("photo").first.wait_for()
    assert page.get_by_test_id("photo").count() == 1
    thumbnail = page.locator("[data-testid=photo] img").first
    assert "/media/photos/thumbs/" in thumbnail.get_attribute("src")

    page.locator("a[href='/dashboard/listings/sepatu-tanggulangin-jaya/']").first.click()
    submit(page, "submit")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    listing = Listing.objects.get(name="Sepatu Tanggulangin Jaya")
    assert listing.status == Listing.Status.PENDING
    assert listing.district_id == "35.15.06"
    assert listing.photos.count() == 1
    row = page.get_by_test_id("listing-row").filter(has_text="Sepatu Tanggulangin Jaya")
    badge = row.get_by_test_id("status")
    assert badge.is_visible()
    assert badge.get_attribute("data-status") == "pending"
    with translation.override("id"):
        assert badge.inner_text() == str(Listing.Status.PENDING.label)
