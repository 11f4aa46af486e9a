import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from accounts.tests.factories import StaffFactory, UserFactory
from directory.models import Listing, ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory, category
from moderation.columns import COLUMN_NAMES
from moderation.transfer import (
    FileError,
    export_queryset,
    import_listings,
    listing_row,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English here; the catalogue tests cover Indonesian."""
    with translation.override("en"):
        yield


def row(**values):
    base = {"name": "PT Sepatu Impor", "roles": "producer", "province": "35", "regency": "35.15"}
    return {**base, **values}


def csv_file(rows, columns=None):
    columns = columns or list(dict.fromkeys(k for r in rows for k in r))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return io.BytesIO(out.getvalue().encode())


def run(rows, dry_run=False, **kwargs):
    return import_listings(csv_file(rows, **kwargs), filename="listings.csv", dry_run=dry_run)


def errors_of(report):
    return {r.line: " | ".join(r.errors) for r in report.errors}


# --- Dry run and per-row errors ------------------------------------------------


def test_a_dry_run_validates_every_row_and_writes_nothing():
    report = run([row(name="PT A"), row(name="PT B", nib="1234567890123")], dry_run=True)
    assert report.ok
    assert (report.summary["created"], report.summary["error"]) == (2, 0)
    assert not Listing.objects.exists()


@pytest.mark.parametrize(
    "values, column, text",
    [
        ({"province": "Jawa Timurr"}, "province", "unknown province"),
        ({"regency": "32.73"}, "regency", "is not in"),
        ({"regency": "Atlantis"}, "regency", "unknown regency"),
        ({"district": "Nowhere"}, "district", "unknown district"),
        ({"nib": "12345"}, "nib", "13 digits"),
        ({"phone": "12ab"}, "phone", "phone number"),
        ({"email": "not-an-email"}, "email", "email"),
        ({"roles": "shoemaker"}, "roles", "unknown role"),
        ({"roles": ""}, "roles", "at least one"),
        ({"categories": "supplier:outsoles"}, "categories", "do not belong"),
        ({"categories": "wings"}, "categories", "unknown category"),
        ({"certifications": "iso-0"}, "certifications", "unknown certification"),
        ({"export_markets": "XX"}, "export_markets", "unknown country"),
        ({"year_founded": "sejak 1990"}, "year_founded", "whole number"),
        ({"latitude": "-7.5"}, "longitude", "neither"),
        ({"size": "huge"}, "size", "not a valid choice"),
        ({"owner_emails": "nobody@example.com"}, "owner_emails", "no account"),
        ({"name": ""}, "name", "required"),
        ({"instagram": "https://example.com/x"}, "instagram", "instagram.com"),
    ],
)
def test_dry_run_reports_each_bad_value_on_its_line(values, column, text):
    with translation.override("en"):
        report = run([row(name="PT Baik"), row(**values)], dry_run=True)
    assert not report.ok
    errors = errors_of(report)
    assert list(errors) == [3]
    assert f"{column}:" in errors[3] and text in errors[3], errors
    assert not Listing.objects.exists()


def test_an_import_with_any_bad_row_writes_nothing():
    report = run([row(name="PT Baik"), row(name="PT Buruk", province="99")])
    assert not report.written
    assert not Listing.objects.exists()


def test_a_listing_twice_in_one_file_is_merged_into_its_first_row():
    report = run([row(nib="1234567890123"), row(name="Other", nib="1234567890123", email="a@b.example")])
    assert (report.summary["created"], report.summary["merged"]) == (1, 1)
    assert report.rows[1].merged_into == 2
    assert Listing.objects.get().email == "a@b.example"


@pytest.mark.parametrize(
    "content, filename, message",
    [
        (b"name,roles,colour\n", "x.csv", "No column holds the regency"),
        (b"name,roles\nA,producer\n", "x.csv", "No column holds the regency"),
        (b"", "x.csv", "empty"),
        (b"\xff\xfe\x00garbage", "x.csv", "No column holds the name"),
        (b"\x00\x01\x00\x02\x00\x03\x00\x04", "x.csv", "not text"),
        (b"not a zip", "x.xlsx", "not a readable XLSX"),
        (b"name\n", "x.pdf", ".csv or .xlsx"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_message(content, filename, message):
    with pytest.raises(FileError) as error:
        import_listings(io.BytesIO(content), filename=filename, dry_run=True)
    assert message in str(error.value.message)


# --- Importing ----------------------------------------------------------------


def test_imported_listings_are_pending_and_unclaimed_unless_the_file_names_owners():
    owner = UserFactory(email="owner@example.com")
    report = run(
        [
            row(
                name="PT Satu",
                categories="sport, casual",
                features="oem",
                certifications="sni",
                export_markets="MY, jp",
            ),
            row(
                name="CV Dua",
                status="published",
                verified="yes",
                owner_emails="Owner@example.com",
                regency="Sidoarjo",
            ),
        ]
    )
    assert report.written, errors_of(report)
    one = Listing.objects.get(name="PT Satu")
    assert one.status == "pending" and not one.verified and not one.memberships.exists()
    assert {c.slug for c in one.categories.all()} == {"sport", "casual"}
    assert {c.code for c in one.export_markets} == {"MY", "JP"}
    two = Listing.objects.get(name="CV Dua")
    # Status and verification are moderation decisions: the file's columns are not read.
    assert two.status == "pending" and not two.verified and two.verified_at is None
    assert two.regency_id == "35.15"
    assert two.memberships.get().user == owner
    assert two.memberships.get().role == ListingMembership.TeamRole.OWNER


def test_importing_the_same_file_twice_changes_nothing():
    UserFactory(email="owner@example.com")
    rows = [
        row(name="PT Satu", nib="3515000000001", phone="0812 3456 7890", latitude="-7.5", longitude="112.7"),
        row(
            name="CV Dua",
            categories="producer:sport",
            owner_emails="owner@example.com",
            kbli_codes="15201;15202",
        ),
    ]
    first = run(rows)
    assert first.summary["created"] == 2
    before = list(Listing.objects.values_list("pk", "updated_at").order_by("pk"))
    second = run(rows)
    assert second.written
    assert (second.summary["created"], second.summary["updated"], second.summary["unchanged"]) == (0, 0, 2)
    assert list(Listing.objects.values_list("pk", "updated_at").order_by("pk")) == before
    assert ListingMembership.objects.count() == 1

    # A change in a relation alone is an update.
    rows[1]["categories"] = "producer:sport, producer:boots"
    third = run(rows)
    assert (third.summary["updated"], third.summary["unchanged"]) == (1, 1)
    assert {c.slug for c in Listing.objects.get(name="CV Dua").categories.all()} == {"sport", "boots"}


def test_a_row_updates_the_listing_with_the_same_nib_or_the_same_name_in_the_regency():
    by_nib = ListingFactory(name="Nama Lama", nib="3515000000009", status="pending")
    by_name = ListingFactory(name="PT. Langkah Maju", regency_id="35.15")
    elsewhere = ListingFactory(name="Langkah Maju", province_id="32", regency_id="32.04", district_id=None)
    report = run(
        [
            row(name="Nama Baru", nib="3515000000009"),
            row(name="langkah maju", description="Diperbarui."),
        ]
    )
    assert report.summary["updated"] == 2, errors_of(report)
    assert Listing.objects.count() == 3
    by_nib.refresh_from_db()
    by_name.refresh_from_db()
    elsewhere.refresh_from_db()
    assert by_nib.name == "Nama Baru" and by_nib.status == "pending"  # an empty status keeps the status
    # A district the file does not give is kept.
    assert by_name.description == "Diperbarui." and by_name.district_id == "35.15.06"
    assert elsewhere.description == "Produsen sepatu kulit."


def test_columns_missing_from_the_file_are_left_alone():
    listing = ListingFactory(name="PT Tetap", website="https://tetap.example")
    report = run([row(name="PT Tetap", description="Baru.")])
    assert report.summary["updated"] == 1
    listing.refresh_from_db()
    assert listing.website == "https://tetap.example"


# --- Export and the round trip -------------------------------------------------


def rich_listing():
    listing = ListingFactory(
        name="PT Bulat Penuh",
        nib="3515000000042",
        legal_form="pt",
        phone="+62315551234",
        whatsapp="+6281234567890",
        email="info@bulat.example",
        latitude=Decimal("-7.536000"),
        longitude=Decimal("112.700000"),
        year_founded=1998,
        capacity_pairs=5000,
        kbli_codes="15201, 15202",
        export_markets=["MY", "JP"],
        roles=["producer", "brand"],
        categories=[category("producer", "sport"), category("brand", "sport")],
        status="pending",
    )
    listing.certifications.set([])
    MembershipFactory(listing=listing, user=UserFactory(email="boss@example.com"))
    return listing


def snapshot():
    return [listing_row(x) for x in export_queryset(Listing.objects.all())]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_reimports_to_the_same_data(fmt):
    rich_listing()
    ListingFactory(
        name="UD Kedua",
        roles=["supplier"],
        province_id="32",
        regency_id="32.04",
        district_id=None,
        status="pending",
    )
    # Cells a spreadsheet would run as formulas leave neutralised, and come back as they were.
    ListingFactory(
        name='=HYPERLINK("https://evil.example")',
        address="-1 Jalan Minus",
        description="@mention\tand a tab",
        contact_person="+Plus",
        status="pending",
    )
    exported = snapshot()
    out = io.BytesIO()
    if fmt == "csv":
        text = io.StringIO()
        write_csv(exported, text)
        out.write(text.getvalue().encode())
        cells = [c for line in csv.reader(io.StringIO(text.getvalue())) for c in line]
    else:
        write_xlsx(exported, out)
        out.seek(0)
        sheet = load_workbook(out).worksheets[0]
        assert all(c.data_type != "f" for line in sheet.iter_rows() for c in line)
        cells = [str(c.value or "") for line in sheet.iter_rows() for c in line]
    # Only numbers (phones in E.164, coordinates) may start with a sign.
    assert not any(
        c[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[+-][\d.]+", c) for c in cells
    )
    assert "+62315551234" in cells
    assert '\'=HYPERLINK("https://evil.example")' in cells and "'-1 Jalan Minus" in cells

    # Into the same database: nothing changes.
    out.seek(0)
    report = import_listings(out, filename=f"export.{fmt}", dry_run=False)
    assert (report.summary["unchanged"], report.ok) == (3, True), [
        (r.action, r.diff, r.errors) for r in report.rows
    ]

    # Into an empty directory: the same data again.
    Listing.objects.all().delete()
    out.seek(0)
    report = import_listings(out, filename=f"export.{fmt}", dry_run=False)
    assert report.summary["created"] == 3, errors_of(report)
    assert snapshot() == exported


def test_export_columns_match_the_spec():
    rich_listing()
    values = dict(zip(COLUMN_NAMES, listing_row(export_queryset(Listing.objects.all()).get()), strict=True))
    assert values["categories"] == "brand:sport, producer:sport"
    assert values["roles"] == "brand, producer"
    assert values["phone"] == "+62315551234"
    assert values["owner_emails"] == "boss@example.com"
    assert values["regency"] == "35.15"


def test_a_few_hundred_rows_import_in_one_go():
    rows = [row(name=f"Sepatu Massal {n}", nib=f"{3515000100000 + n}") for n in range(300)]
    report = run(rows)
    assert report.written and report.summary["created"] == 300
    assert Listing.objects.filter(status="pending").count() == 300


# --- The command ---------------------------------------------------------------


def test_the_command_dry_run_and_import(tmp_path):
    path = tmp_path / "listings.csv"
    path.write_bytes(csv_file([row(name="PT Perintah")]).getvalue())
    out, err = io.StringIO(), io.StringIO()
    call_command("import_listings", str(path), "--dry-run", stdout=out, stderr=err)
    assert "Dry run, nothing written: 1 created" in out.getvalue()
    assert "1/1 rows" in err.getvalue()
    assert not Listing.objects.exists()
    call_command("import_listings", str(path), stdout=out, stderr=err)
    assert Listing.objects.filter(name="PT Perintah").exists()


def test_the_command_lists_row_errors_and_fails(tmp_path):
    path = tmp_path / "listings.csv"
    path.write_bytes(csv_file([row(province="Mars")]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_listings", str(path), stdout=io.StringIO(), stderr=err)
    assert "line 2 (PT Sepatu Impor): province: unknown province “Mars”." in err.getvalue()
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_listings", str(tmp_path / "missing.csv"))


# --- In the admin ---------------------------------------------------------------


@pytest.fixture
def staff_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(StaffFactory())
    return client


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_admin_template_and_exports_download(staff_client, fmt):
    ListingFactory(name="PT Ekspor")
    template = staff_client.get(reverse("admin:directory_listing_import_template", args=[fmt]))
    assert template.status_code == 200
    exported = staff_client.get(reverse("admin:directory_listing_export", args=[fmt]))
    assert exported.status_code == 200
    assert "attachment" in exported["Content-Disposition"]
    if fmt == "csv":
        lines = exported.content.decode("utf-8-sig").splitlines()
        assert lines[0] == ",".join(COLUMN_NAMES)
        assert template.content.decode("utf-8-sig").strip() == ",".join(COLUMN_NAMES)
        assert "PT Ekspor" in lines[1]
    else:
        sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
        assert [c.value for c in sheet[1]] == COLUMN_NAMES
        assert sheet.cell(2, 1).value == "PT Ekspor"
        assert load_workbook(io.BytesIO(template.content)).sheetnames == ["listings", "columns"]


def test_admin_export_of_a_selection(staff_client):
    chosen, _other = ListingFactory(name="PT Dipilih"), ListingFactory(name="PT Lain")
    response = staff_client.post(
        reverse("admin:directory_listing_changelist"),
        {"action": "export_csv", "_selected_action": [chosen.pk], "index": 0},
    )
    body = response.content.decode("utf-8-sig")
    assert "PT Dipilih" in body and "PT Lain" not in body


def test_an_xlsx_file_with_numbers_in_cells_imports():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "nib", "roles", "province", "regency", "year_founded"])
    sheet.append(["PT Angka", 3515000000077, "producer", 35, "35.15", 1999.0])
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    report = import_listings(out, filename="angka.xlsx", dry_run=False)
    assert report.written, errors_of(report)
    listing = Listing.objects.get()
    assert (listing.nib, listing.year_founded) == ("3515000000077", 1999)


def test_the_readme_documents_every_column():
    from pathlib import Path

    from django.conf import settings

    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    documented = re.findall(r"^\| `(\w+)` \| (?:yes)? ?\|", readme, flags=re.M)
    assert documented == COLUMN_NAMES


def test_an_imported_listing_has_one_history_entry_by_the_importer():
    staff = StaffFactory()
    report = import_listings(
        csv_file([row(categories="producer:sport", certifications="sni")]),
        filename="listings.csv",
        dry_run=False,
        by=staff,
    )
    assert report.summary["created"] == 1
    listing = Listing.objects.get()
    history = list(listing.history.all())
    assert len(history) == 1
    assert history[0].history_user == staff
    assert [c.slug for c in listing.categories.all()] == ["sport"]
