"""The five chain roles and the starting taxonomy, which staff edit in admin."""

from django.db import migrations

ROLES = ["material", "supplier", "producer", "brand", "organisation"]

FOOTWEAR = [
    ("sport", "Sepatu olahraga", "Sports shoes"),
    ("casual", "Sepatu kasual", "Casual shoes"),
    ("formal-leather", "Sepatu kulit formal", "Formal leather shoes"),
    ("sandals-slippers", "Sandal dan selop", "Sandals and slippers"),
    ("safety", "Sepatu keselamatan kerja", "Safety shoes"),
    ("boots", "Sepatu bot", "Boots"),
    ("children", "Sepatu anak", "Children's shoes"),
    ("school", "Sepatu sekolah", "School shoes"),
    ("traditional", "Alas kaki tradisional", "Traditional footwear"),
]

CATEGORIES = {
    "material": [
        ("leather", "Kulit samak", "Tanned leather"),
        ("rubber", "Karet", "Rubber"),
        ("synthetic-leather", "Kulit sintetis", "Synthetic leather"),
        ("textile", "Tekstil dan kanvas", "Textiles and canvas"),
        ("foam-eva", "Busa dan EVA", "Foam and EVA"),
    ],
    "supplier": [
        ("outsoles", "Sol luar", "Outsoles"),
        ("lasts", "Acuan sepatu (last)", "Lasts"),
        ("insoles", "Sol dalam", "Insoles"),
        ("adhesives", "Lem dan bahan kimia", "Adhesives and chemicals"),
        ("accessories", "Aksesori (gesper, tali, ritsleting)", "Accessories (buckles, laces, zips)"),
        ("machinery", "Mesin dan peralatan", "Machinery and equipment"),
        ("moulds", "Cetakan", "Moulds"),
        ("packaging", "Kemasan", "Packaging"),
    ],
    "producer": FOOTWEAR,
    "brand": FOOTWEAR,
    "organisation": [
        ("training", "Pelatihan", "Training"),
        ("testing", "Pengujian", "Testing"),
        ("certification", "Sertifikasi", "Certification"),
        ("design", "Desain dan pengembangan produk", "Design and product development"),
        ("financing", "Pembiayaan", "Financing"),
        ("advocacy", "Advokasi dan jejaring", "Advocacy and networking"),
    ],
}

FEATURES = [
    ("producer", "service", "oem", "OEM (produksi sesuai desain pembeli)", "OEM (buyer's design)"),
    ("producer", "service", "odm", "ODM (desain dan produksi)", "ODM (design and manufacture)"),
    (
        "producer",
        "service",
        "makloon",
        "Makloon (jasa produksi untuk merek kecil)",
        "Makloon (contract manufacturing for small brands)",
    ),
    ("producer", "service", "own-brand", "Merek sendiri", "Own brand"),
    ("producer", "construction", "cemented", "Lem (cemented)", "Cemented"),
    ("producer", "construction", "vulcanised", "Vulkanisir", "Vulcanised"),
    ("producer", "construction", "injection", "Injeksi", "Injection-moulded"),
    ("producer", "construction", "stitched", "Jahit / Goodyear welt", "Stitched / Goodyear welt"),
    ("brand", "channel", "own-stores", "Toko sendiri", "Own stores"),
    ("brand", "channel", "marketplace", "Marketplace daring", "Online marketplaces"),
    ("brand", "channel", "social-media", "Media sosial", "Social media"),
    ("brand", "channel", "resellers", "Reseller dan distributor", "Resellers and distributors"),
    ("brand", "channel", "export", "Ekspor", "Export"),
]

CERTIFICATIONS = [
    ("sni", "SNI", "SNI (Indonesian National Standard)"),
    ("iso-9001", "ISO 9001", "ISO 9001"),
    ("iso-14001", "ISO 14001", "ISO 14001"),
    ("lwg", "Leather Working Group (LWG)", "Leather Working Group (LWG)"),
    ("halal", "Sertifikat halal", "Halal certificate"),
    ("tkdn", "TKDN (Tingkat Komponen Dalam Negeri)", "TKDN (local content certificate)"),
]


def load(apps, schema_editor):
    Role = apps.get_model("directory", "Role")
    Category = apps.get_model("directory", "Category")
    Feature = apps.get_model("directory", "Feature")
    Certification = apps.get_model("directory", "Certification")
    for position, code in enumerate(ROLES, start=1):
        Role.objects.create(code=code, position=position)
    for role, entries in CATEGORIES.items():
        for position, (slug, name, name_en) in enumerate(entries, start=1):
            Category.objects.create(role_id=role, slug=slug, name=name, name_en=name_en, position=position)
    for position, (role, group, slug, name, name_en) in enumerate(FEATURES, start=1):
        Feature.objects.create(
            role_id=role, group=group, slug=slug, name=name, name_en=name_en, position=position
        )
    for position, (slug, name, name_en) in enumerate(CERTIFICATIONS, start=1):
        Certification.objects.create(slug=slug, name=name, name_en=name_en, position=position)


def unload(apps, schema_editor):
    for model in ("Certification", "Feature", "Category", "Role"):
        apps.get_model("directory", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_load_regions")]

    operations = [migrations.RunPython(load, unload)]
