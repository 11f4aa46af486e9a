"""Load every province, regency/city and district (Kemendagri codes).

The CSV files beside this app (data/wilayah/) are the source; see the notice
there. Loading them in a migration means `migrate` alone gives a complete
region table on every database.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "wilayah"


def read(name):
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load(apps, schema_editor):
    Province = apps.get_model("directory", "Province")
    Regency = apps.get_model("directory", "Regency")
    District = apps.get_model("directory", "District")
    Province.objects.bulk_create(Province(code=r["code"], name=r["name"]) for r in read("provinces.csv"))
    Regency.objects.bulk_create(
        Regency(code=r["code"], province_id=r["province_code"], name=r["name"], kind=r["kind"])
        for r in read("regencies.csv")
    )
    District.objects.bulk_create(
        (
            District(code=r["code"], regency_id=r["regency_code"], name=r["name"])
            for r in read("districts.csv")
        ),
        batch_size=1000,
    )


def unload(apps, schema_editor):
    for model in ("District", "Regency", "Province"):
        apps.get_model("directory", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
