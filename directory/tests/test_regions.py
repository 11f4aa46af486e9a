import csv
from pathlib import Path

import pytest
from django.db.models import Count

from directory.models import District, Province, Regency

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data" / "wilayah"


def test_every_region_is_loaded_by_migrate():
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert District.objects.count() == 7285


def test_region_tables_match_the_shipped_csv_files():
    with open(DATA / "districts.csv", encoding="utf-8") as fh:
        rows = {row["code"]: row for row in csv.DictReader(fh)}
    stored = dict(District.objects.values_list("code", "name"))
    assert stored == {code: row["name"] for code, row in rows.items()}


def test_codes_nest_inside_their_parents():
    for code, province in Regency.objects.values_list("code", "province_id"):
        assert code.startswith(province + "."), code
    for code, regency in District.objects.values_list("code", "regency_id"):
        assert code.startswith(regency + "."), code


def test_every_province_has_regencies_and_every_regency_has_districts():
    assert not Province.objects.annotate(n=Count("regencies")).filter(n=0).exists()
    assert not Regency.objects.annotate(n=Count("districts")).filter(n=0).exists()


def test_known_footwear_cluster_locations():
    tanggulangin = District.objects.select_related("regency__province").get(code="35.15.06")
    assert tanggulangin.name == "Tanggulangin"
    assert tanggulangin.regency.name == "Kabupaten Sidoarjo"
    assert tanggulangin.regency.province.name == "Jawa Timur"
    assert Regency.objects.get(code="32.73").name == "Kota Bandung"
    assert set(Regency.objects.values_list("kind", flat=True)) == {"kabupaten", "kota"}
