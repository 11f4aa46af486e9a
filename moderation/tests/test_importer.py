"""The importer on files as clerks make them: other encodings, Indonesian headers,
abbreviations, several phones in a cell, duplicates and update files with gaps."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook

from accounts.tests.factories import StaffFactory
from directory.models import Listing
from directory.tests.factories import ListingFactory, category
from moderation.importer import FileError, import_listings, prepare
from moderation.importer.cleaning import Places, assign_phones, clean_name
from moderation.models import Decision, ImportRun

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def csv_bytes(lines, delimiter=";", encoding="cp1252", bom=False):
    text = "\r\n".join(delimiter.join(cells) for cells in lines) + "\r\n"
    data = text.encode(encoding)
    return io.BytesIO((b"\xef\xbb\xbf" if bom else b"") + data)


def xlsx_bytes(lines, title_rows=()):
    workbook = Workbook()
    sheet = workbook.active
    for row in title_rows:
        sheet.append(row)
    for row in lines:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


HEADER = ["Nama Perusahaan", "Alamat", "Kota", "Provinsi", "Telp", "Produk", "Kapasitas"]
MESSY = [
    HEADER,
    [
        "CV. Kulit Café",
        "Jl. Raya 1",
        "Kab. Pasuruan",
        "Jatim",
        "0812-3456-7890 / (0343) 123456",
        "Sepatu olahraga",
        "1.500",
    ],
    [
        "PT SEPATU BANDUNG RAYA",
        "Jl. Asia Afrika 2",
        "Kota Bandung",
        "Jabar",
        "022 4201234",
        "sandal jepit",
        "",
    ],
    ["UD Sandal Gunung", "", "Sleman", "DIY", "0856 1234 5678", "Sandal dan selop", "200 pasang"],
    ["Sepatu Tanggulangin", "Ds. Kedensari", "Sidoarjo", "", "-", "", ""],
]


def run_file(file, filename, **kwargs):
    kwargs.setdefault("defaults", {"roles": "producer"})
    return import_listings(file, filename=filename, dry_run=kwargs.pop("dry_run", False), **kwargs)


@pytest.mark.parametrize(
    "encoding, delimiter, bom", [("cp1252", ";", False), ("utf-8", "\t", True), ("utf-8", ",", False)]
)
def test_a_messy_csv_in_either_encoding_is_read_mapped_and_cleaned(encoding, delimiter, bom):
    report = run_file(csv_bytes(MESSY, delimiter, encoding, bom), "anggota.csv")
    assert report.ok, [r.errors for r in report.errors]
    assert report.summary["created"] == 4
    cafe = Listing.objects.get(name="CV Kulit Café")
    assert (cafe.legal_form, cafe.province_id, cafe.regency.name) == ("cv", "35", "Kabupaten Pasuruan")
    assert (str(cafe.whatsapp.as_e164), str(cafe.phone.as_e164)) == ("+6281234567890", "+62343123456")
    assert cafe.capacity_pairs == 1500
    assert list(cafe.categories.all()) == [category("producer", "sport")]
    bandung = Listing.objects.get(nib="", regency__name="Kota Bandung")
    assert (bandung.name, bandung.legal_form, bandung.province_id) == ("PT Sepatu Bandung Raya", "pt", "32")
    assert bandung.description == "sandal jepit"  # no category of that name: the words go to the description
    assert not bandung.whatsapp  # a landline is no WhatsApp number
    gunung = Listing.objects.get(name="UD Sandal Gunung")
    assert (gunung.regency.name, gunung.capacity_pairs) == ("Kabupaten Sleman", 200)
    assert str(gunung.whatsapp.as_e164) == str(gunung.phone.as_e164) == "+6285612345678"
    # A regency alone, unambiguous in the country, brings its province.
    sidoarjo = Listing.objects.get(name="Sepatu Tanggulangin")
    assert (sidoarjo.regency_id, sidoarjo.province_id, sidoarjo.phone) == ("35.15", "35", "")


def test_new_listings_are_pending_unclaimed_and_recorded_as_decisions_and_an_import_run():
    staff = StaffFactory()
    report = run_file(csv_bytes(MESSY), "anggota.csv", by=staff)
    assert set(Listing.objects.values_list("status", flat=True)) == {"pending"}
    assert not Listing.objects.filter(memberships__isnull=False).exists()
    decisions = Decision.objects.filter(action=Decision.Action.IMPORT, actor=staff)
    assert decisions.count() == 4 and set(decisions.values_list("to_status", flat=True)) == {"pending"}
    run = ImportRun.objects.get()
    assert (run.created_by, run.filename, run.status, run.counts["created"]) == (
        staff,
        "anggota.csv",
        "done",
        4,
    )
    assert report.run == run


def test_publishing_on_import_records_published_decisions():
    run_file(csv_bytes(MESSY), "anggota.csv", publish=True, by=StaffFactory())
    assert set(Listing.objects.values_list("status", flat=True)) == {"published"}
    assert set(Decision.objects.values_list("to_status", flat=True)) == {"published"}


def test_status_and_verified_columns_are_ignored():
    lines = [
        ["name", "roles", "province", "regency", "status", "verified"],
        ["PT A", "producer", "35", "35.15", "published", "yes"],
    ]
    report = run_file(csv_bytes(lines, ","), "a.csv")
    assert report.ok
    listing = Listing.objects.get()
    assert (listing.status, listing.verified) == ("pending", False)


def test_an_xlsx_with_title_rows_above_the_header():
    file = xlsx_bytes(MESSY, title_rows=[["DAFTAR ANGGOTA APRISINDO 2024"], [], ["Dicetak 1 Mei"]])
    table, mapping = prepare(file, "anggota.xlsx")
    assert table.header == HEADER
    assert mapping == ["name", "address", "regency", "province", "phone", "products", "capacity_pairs"]
    file.seek(0)
    report = run_file(file, "anggota.xlsx")
    assert report.ok and report.summary["created"] == 4
    assert report.rows[0].line == 5


def test_every_problem_of_every_row_is_reported_at_once_and_nothing_is_written():
    lines = [
        HEADER,
        ["PT Baik", "", "Sidoarjo", "Jatim", "0812345678", "", ""],
        ["PT Buruk", "", "Bandung", "Jabar", "12ab", "", "banyak"],
        ["PT Jauh", "", "Kab. Pasuruan", "Jabar", "", "", ""],
        ["PT Entah", "", "Sidoarjo", "Atlantis", "", "", ""],
    ]
    report = run_file(csv_bytes(lines), "a.csv")
    errors = {r.line: r.errors for r in report.errors}
    assert set(errors) == {3, 4, 5}
    assert any("ambiguous" in e and "Kota Bandung" in e and "Kabupaten Bandung" in e for e in errors[3])
    assert any(e.startswith("Telp:") and "12ab" in e for e in errors[3])
    assert any(e.startswith("Kapasitas:") and "whole number" in e for e in errors[3])
    assert any("not in Jawa Barat; it is in Jawa Timur" in e for e in errors[4])
    assert any("unknown province “Atlantis”" in e for e in errors[5])
    assert not Listing.objects.exists()
    assert not ImportRun.objects.exists()


def test_valid_only_imports_the_good_rows():
    lines = [
        HEADER,
        ["PT Baik", "", "Sidoarjo", "Jatim", "", "", ""],
        ["PT Buruk", "", "Bandung", "Jabar", "", "", ""],
    ]
    report = run_file(csv_bytes(lines), "a.csv", valid_only=True)
    assert list(Listing.objects.values_list("name", flat=True)) == ["PT Baik"]
    assert report.summary["error"] == 1


@pytest.mark.parametrize(
    "typed, code",
    [
        ("Jatim", "35"),
        ("jawa timur", "35"),
        ("Prov. Jawa Timur", "35"),
        ("East Java", "35"),
        ("Jabar", "32"),
        ("Jateng", "33"),
        ("DIY", "34"),
        ("Yogya", "34"),
        ("DI Yogyakarta", "34"),
        ("DKI", "31"),
        ("DKI Jakarta", "31"),
        ("Sumut", "12"),
        ("Sumatra Barat", "13"),
        ("Sumsel", "16"),
        ("Babel", "19"),
        ("Kepri", "21"),
        ("NTB", "52"),
        ("NTT", "53"),
        ("Kalbar", "61"),
        ("Kalteng", "62"),
        ("Kalsel", "63"),
        ("Kaltim", "64"),
        ("Kaltara", "65"),
        ("Sulut", "71"),
        ("Sulteng", "72"),
        ("Sulsel", "73"),
        ("Sultra", "74"),
        ("Sulbar", "76"),
        ("Malut", "82"),
        ("Papua Barat Daya", "96"),
        ("NAD", "11"),
        ("Banten", "36"),
        ("35", "35"),
    ],
)
def test_province_names_and_abbreviations(typed, code):
    province, message = Places().province(typed)
    assert (province.code if province else None, message) == (code, "")


def test_every_province_is_found_by_its_name_and_code():
    places = Places()
    for province in places.provinces.values():
        assert places.province(province.name)[0] == province
        assert places.province(province.code)[0] == province


@pytest.mark.parametrize(
    "typed, province, code",
    [
        ("Kab. Pasuruan", "35", "35.14"),
        ("Kabupaten Pasuruan", "35", "35.14"),
        ("Kota Pasuruan", "35", "35.75"),
        ("Sidoarjo", "35", "35.15"),
        ("KAB SIDOARJO", "35", "35.15"),
        ("Kota Bandung", "32", "32.73"),
        ("Jakarta Selatan", "31", "31.74"),
        ("Kota Yogyakarta", "34", "34.71"),
        ("Sidoarjo", None, "35.15"),
    ],
)
def test_regency_names_with_and_without_their_prefix(typed, province, code):
    places = Places()
    regency, message = places.regency(typed, places.province(province)[0] if province else None)
    assert (regency.code if regency else None, message) == (code, "")


def test_phones_split_into_phone_and_whatsapp():
    def e164(values):
        return {name: number.as_e164 for name, number in values.items()}

    values, errors = assign_phones("0812-3456-7890 / 0856 1111 2222", "")
    assert e164(values) == {"whatsapp": "+6281234567890", "phone": "+6285611112222"} and not errors
    values, errors = assign_phones("(031) 8971234, 62 812 3456 7890", "")
    assert e164(values) == {"whatsapp": "+6281234567890", "phone": "+62318971234"}
    assert assign_phones("-", "") == ({}, [])


@pytest.mark.parametrize(
    "typed, name, form",
    [
        ("PT. MAJU JAYA", "PT Maju Jaya", "pt"),
        ("cv sinar", "CV sinar", "cv"),
        ("U.D. Berkah", "UD Berkah", "ud"),
        ("Koperasi Alas Kaki", "Koperasi Alas Kaki", "koperasi"),
        ("Maju Jaya, CV", "CV Maju Jaya", "cv"),
        ("Sepatu  Pak   Budi", "Sepatu Pak Budi", ""),
    ],
)
def test_legal_form_prefixes_are_read_from_names(typed, name, form):
    assert clean_name(typed) == (name, form)


def test_exact_duplicates_in_the_file_are_merged():
    lines = [
        ["Nama", "Kota", "Provinsi", "Email", "Telp"],
        ["PT Kembar", "Sidoarjo", "Jatim", "", "0812345678"],
        ["PT. KEMBAR", "Kab. Sidoarjo", "Jawa Timur", "info@kembar.example", ""],
    ]
    report = run_file(csv_bytes(lines), "a.csv")
    assert report.summary["created"] == 1 and report.summary["merged"] == 1
    assert report.rows[1].merged_into == 2
    listing = Listing.objects.get()
    assert (listing.email, str(listing.whatsapp.as_e164)) == ("info@kembar.example", "+62812345678")


def test_a_near_duplicate_of_an_existing_listing_waits_for_the_clerk():
    existing = ListingFactory(name="PT Sepatu Maju Jaya", regency_id="35.15", province_id="35")
    lines = [["Nama", "Kota", "Provinsi"], ["Sepatu Maju Jayaa", "Sidoarjo", "Jatim"]]
    report = run_file(csv_bytes(lines), "a.csv", dry_run=True)
    (row,) = report.rows
    assert row.action == "duplicate"
    assert row.candidate["pk"] == existing.pk
    assert ("name", "Sepatu Maju Jayaa", "PT Sepatu Maju Jaya") in row.candidate["fields"]
    run_file(csv_bytes(lines), "a.csv")
    assert Listing.objects.count() == 1
    run_file(csv_bytes(lines), "a.csv", resolutions={2: "keep"})
    assert Listing.objects.count() == 2


def test_merging_a_near_duplicate_updates_the_existing_listing():
    existing = ListingFactory(name="PT Sepatu Maju Jaya", email="")
    lines = [
        ["Nama", "Kota", "Provinsi", "Email"],
        ["Sepatu Maju Jayaa", "Sidoarjo", "Jatim", "a@maju.example"],
    ]
    report = run_file(csv_bytes(lines), "a.csv", resolutions={2: "merge"})
    assert report.summary["updated"] == 1
    existing.refresh_from_db()
    assert (existing.name, existing.email) == ("Sepatu Maju Jayaa", "a@maju.example")


def test_an_update_file_with_empty_cells_clears_nothing_unless_asked():
    listing = ListingFactory(
        name="PT Lengkap",
        legal_form="pt",
        nib="1234567890123",
        capacity_pairs=900,
        description="Lama.",
        email="a@lengkap.example",
    )
    listing.categories.set([category("producer", "sport")])
    lines = [
        ["NIB", "Nama", "Kota", "Provinsi", "Kapasitas", "Produk", "Email", "Deskripsi"],
        ["1234567890123", "PT Lengkap", "", "", "", "", "", "Baru."],
    ]
    report = run_file(csv_bytes(lines), "a.csv", defaults={})
    assert report.ok, [r.errors for r in report.errors]
    (row,) = report.rows
    assert (row.action, row.diff) == ("updated", [("description", "Lama.", "Baru.")])
    listing.refresh_from_db()
    assert (listing.capacity_pairs, listing.email, listing.description) == (900, "a@lengkap.example", "Baru.")
    assert list(listing.categories.all()) == [category("producer", "sport")]
    again = run_file(csv_bytes(lines), "a.csv", defaults={})
    assert again.rows[0].action == "unchanged"
    run_file(csv_bytes(lines), "a.csv", defaults={}, clear_empty=True)
    listing.refresh_from_db()
    assert (listing.capacity_pairs, listing.email) == (None, "")


def test_a_dry_run_writes_nothing():
    report = run_file(csv_bytes(MESSY), "a.csv", dry_run=True)
    assert report.summary["created"] == 4
    assert not Listing.objects.exists() and not Decision.objects.exists() and not ImportRun.objects.exists()


def test_an_import_is_undone_while_no_later_edit_touched_it():
    from moderation.importer.runs import UndoError, import_undo

    staff = StaffFactory()
    existing = ListingFactory(name="PT Lama", nib="1234567890123", description="Lama.")
    lines = [
        ["NIB", "Nama", "Kota", "Provinsi", "Deskripsi"],
        ["1234567890123", "PT Lama", "Sidoarjo", "Jatim", "Baru."],
        ["", "PT Baru", "Sidoarjo", "Jatim", "x"],
    ]
    report = run_file(csv_bytes(lines), "a.csv", by=staff)
    import_undo(run=report.run, by=staff)
    existing.refresh_from_db()
    assert existing.description == "Lama."
    assert list(Listing.objects.values_list("name", flat=True)) == ["PT Lama"]
    second = run_file(csv_bytes(lines), "a.csv", by=staff).run
    baru = Listing.objects.get(name="PT Baru")
    baru.description = "diubah"
    baru.save()
    with pytest.raises(UndoError, match="edited since"):
        import_undo(run=second, by=staff)


@pytest.mark.parametrize(
    "content, filename, message",
    [
        (b"", "x.csv", "empty"),
        (b"not a zip", "x.xlsx", "not a readable XLSX"),
        (b"Warna;Ukuran\nmerah;40\n", "x.csv", "name of the company"),
    ],
)
def test_bad_files_get_a_message(content, filename, message):
    with pytest.raises(FileError, match=message):
        import_listings(io.BytesIO(content), filename=filename, dry_run=True)


def test_the_command_maps_headers_takes_a_role_and_writes_rejected_rows(tmp_path):
    path = tmp_path / "anggota.csv"
    lines = [
        ["Nama Usaha", "Lokasi", "Provinsi", "HP"],
        ["PT Baik", "Sidoarjo", "Jatim", "0812345678"],
        ["PT Buruk", "Bandung", "Jabar", "0812345679"],
    ]
    path.write_bytes(csv_bytes(lines).getvalue())
    rejected = tmp_path / "rejected.csv"
    out = io.StringIO()
    call_command(
        "import_listings",
        str(path),
        "--role",
        "producer",
        "--map",
        "Lokasi=regency",
        "--valid-only",
        "--rejected-to",
        str(rejected),
        stdout=out,
        stderr=io.StringIO(),
    )
    assert list(Listing.objects.values_list("name", flat=True)) == ["PT Baik"]
    text = rejected.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Nama Usaha,Lokasi,Provinsi,HP,")
    assert "PT Buruk" in text and "ambiguous" in text
    assert "1 created" in out.getvalue()


def test_an_update_shows_changed_categories_by_name():
    listing = ListingFactory(name="PT Kategori", nib="1234567890124")
    listing.categories.set([category("producer", "sport")])
    lines = [["NIB", "Nama", "Produk"], ["1234567890124", "PT Kategori", "Sepatu bot, sepatu olahraga"]]
    report = run_file(csv_bytes(lines), "a.csv", dry_run=True, defaults={})
    (row,) = report.rows
    assert ("categories", "Sports shoes (Producer)", "Boots (Producer), Sports shoes (Producer)") in row.diff
