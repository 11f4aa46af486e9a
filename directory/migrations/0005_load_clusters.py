"""The main footwear clusters (sentra), which staff can edit in admin."""

from django.db import migrations

CLUSTERS = [
    # slug, name, name_en, regency, district, lat, lon
    (
        "tanggulangin",
        "Sentra Tas dan Sepatu Tanggulangin",
        "Tanggulangin bag and shoe centre",
        "35.15",
        "35.15.06",
        "-7.502500",
        "112.705000",
    ),
    (
        "cibaduyut",
        "Sentra Sepatu Cibaduyut",
        "Cibaduyut shoe centre",
        "32.73",
        "32.73.17",
        "-6.947000",
        "107.594000",
    ),
    (
        "mojokerto",
        "Sentra Alas Kaki Mojokerto",
        "Mojokerto footwear centre",
        "35.76",
        None,
        "-7.472500",
        "112.434000",
    ),
    (
        "magetan",
        "Sentra Kulit Magetan",
        "Magetan leather centre",
        "35.20",
        "35.20.06",
        "-7.649000",
        "111.338000",
    ),
    (
        "sukaregang",
        "Sentra Kulit Sukaregang, Garut",
        "Sukaregang leather centre, Garut",
        "32.05",
        "32.05.01",
        "-7.211000",
        "107.908000",
    ),
    (
        "ciomas",
        "Sentra Sepatu Ciomas, Bogor",
        "Ciomas shoe centre, Bogor",
        "32.01",
        "32.01.29",
        "-6.603000",
        "106.765000",
    ),
    (
        "tangerang",
        "Kawasan Industri Alas Kaki Tangerang",
        "Tangerang footwear industry area",
        "36.03",
        None,
        "-6.187000",
        "106.488000",
    ),
    (
        "serang",
        "Kawasan Industri Alas Kaki Serang",
        "Serang footwear industry area",
        "36.04",
        None,
        "-6.115000",
        "106.150000",
    ),
    (
        "manding",
        "Sentra Kerajinan Kulit Manding, Bantul",
        "Manding leather craft centre, Bantul",
        "34.02",
        None,
        "-7.887000",
        "110.334000",
    ),
]


def load(apps, schema_editor):
    Cluster = apps.get_model("directory", "Cluster")
    for position, (slug, name, name_en, regency, district, lat, lon) in enumerate(CLUSTERS, start=1):
        Cluster.objects.create(
            slug=slug,
            name=name,
            name_en=name_en,
            regency_id=regency,
            district_id=district,
            latitude=lat,
            longitude=lon,
            position=position,
        )


def unload(apps, schema_editor):
    apps.get_model("directory", "Cluster").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_cluster")]

    operations = [migrations.RunPython(load, unload)]
