"""The admin import: upload, mapping, review, the background job, the record and undo."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import StaffFactory, UserFactory
from directory.models import Listing
from directory.tests.factories import ListingFactory
from moderation.models import Decision, ImportRun

from .test_importer import csv_bytes

pytestmark = pytest.mark.django_db

LINES = [
    ["Nama Usaha", "Lokasi", "Prov", "No HP / WA"],
    ["CV Sandal Baru", "Sidoarjo", "Jatim", "0812345678 / 0813555666"],
    ["PT Entah", "Bandung", "Jabar", "0812345679"],
    ["Sepatu Maju Jayaa", "Sidoarjo", "Jatim", ""],
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def staff(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return StaffFactory()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def upload(client, lines=LINES):
    file = csv_bytes(lines)
    file.name = "anggota.csv"
    response = client.post(reverse("admin:directory_listing_import"), {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportRun.objects.latest("pk")


def review_data(run, **changes):
    data = {"column_0": "name", "column_1": "", "column_2": "province", "column_3": "phone"}
    data.update({"default_roles": ["producer"], "review": "1"}, **changes)
    return data


def test_the_mapping_step_proposes_fields_and_shows_samples(staff_client):
    run = upload(staff_client)
    assert (run.status, run.created_by.is_staff) == ("draft", True)
    response = staff_client.get(reverse("admin:directory_listing_import_run", args=[run.pk]))
    form = response.context["form"]
    assert [form[f"column_{i}"].value() for i in range(4)] == ["name", "", "province", "phone"]
    html = response.content.decode()
    assert "CV Sandal Baru · PT Entah" in html
    # Without the regency column the file cannot be imported: the page says so.
    response = staff_client.post(
        reverse("admin:directory_listing_import_run", args=[run.pk]), review_data(run)
    )
    response = staff_client.get(response.url)
    assert "regency or city" in response.context["mapping_problem"]


def test_review_then_import_as_a_job_with_progress(
    staff_client, staff, run_tasks, django_capture_on_commit_callbacks
):
    ListingFactory(name="PT Sepatu Maju Jaya")
    run = upload(staff_client)
    url = reverse("admin:directory_listing_import_run", args=[run.pk])
    staff_client.post(url, review_data(run, column_1="regency"))
    response = staff_client.get(url)
    report = response.context["report"]
    assert (
        report.summary["created"] == 1 and report.summary["error"] == 1 and report.summary["duplicate"] == 1
    )
    html = response.content.decode()
    assert 'data-testid="import-duplicate"' in html and "ambiguous" in html
    rejected = staff_client.get(reverse("admin:directory_listing_import_rejected", args=[run.pk]))
    text = rejected.content.decode("utf-8-sig")
    assert "PT Entah" in text and "Sepatu Maju Jayaa" in text and "CV Sandal Baru" not in text
    assert not Listing.objects.filter(name="CV Sandal Baru").exists()

    response = staff_client.post(
        url, review_data(run, column_1="regency", duplicate_4="keep", **{"import": "1"})
    )
    run.refresh_from_db()
    assert run.status == "queued"
    assert (
        staff_client.get(reverse("admin:directory_listing_import_status", args=[run.pk])).json()["finished"]
        is False
    )
    run_tasks()
    status = staff_client.get(reverse("admin:directory_listing_import_status", args=[run.pk])).json()
    assert (status["status"], status["percent"], status["finished"]) == ("done", 100, True)
    new = Listing.objects.get(name="CV Sandal Baru")
    assert (new.status, str(new.whatsapp.as_e164), str(new.phone.as_e164)) == (
        "pending",
        "+62812345678",
        "+62813555666",
    )
    assert Listing.objects.filter(name="Sepatu Maju Jayaa").exists()
    assert Decision.objects.filter(actor=staff, action="import").count() == 2
    page = staff_client.get(url).content.decode()
    assert "2 created" in page and 'data-testid="import-undo"' in page
    assert (
        "PT Entah"
        in staff_client.get(
            reverse("admin:directory_listing_import_rejected", args=[run.pk])
        ).content.decode()
    )

    staff_client.post(reverse("admin:directory_listing_import_undo", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "undone"
    assert not Listing.objects.filter(name__in=["CV Sandal Baru", "Sepatu Maju Jayaa"]).exists()


def test_only_moderators_may_publish_on_import(staff_client):
    from django.test import Client

    client = Client()
    run = upload(staff_client)
    url = reverse("admin:directory_listing_import_run", args=[run.pk])
    assert "publish" in staff_client.get(url).context["form"].fields
    clerk = UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["add_listing", "change_listing"]))
    client.force_login(clerk)
    assert "publish" not in client.get(url).context["form"].fields
    client.post(url, review_data(run, column_1="regency", publish="on"))
    run.refresh_from_db()
    assert run.options["publish"] is False


def test_an_import_page_needs_the_import_permission(staff_client):
    from django.test import Client

    run = upload(staff_client)
    assert (
        staff_client.get(reverse("admin:directory_listing_import_run", args=[run.pk + 99])).status_code == 404
    )
    other = Client()
    other.force_login(UserFactory(is_staff=True))
    for name in ("run", "status", "rejected"):
        url = reverse(f"admin:directory_listing_import_{name}", args=[run.pk])
        assert other.get(url).status_code == 403
    assert other.post(reverse("admin:directory_listing_import_undo", args=[run.pk])).status_code == 403


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty"), (b"\x00\x01\x02garbage\x00", "not text")],
)
def test_an_unreadable_upload_gets_a_message(staff_client, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = staff_client.post(
        reverse("admin:directory_listing_import"), {"file": SimpleUploadedFile("x.csv", content)}
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert not ImportRun.objects.exists()


def test_the_imports_are_listed_in_the_admin(staff_client, staff, run_tasks):
    run = upload(staff_client)
    run.status = "done"
    run.counts = {"created": 3}
    run.save()
    html = staff_client.get(reverse("admin:moderation_importrun_changelist")).content.decode()
    assert "anggota.csv" in html and "created: 3" in html
