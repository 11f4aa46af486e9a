"""Fill the directory with fictitious demo listings.

Deterministic: the same run gives the same listings, keyed by slug, so the
command can be run again and again without duplicating anything.
"""

import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from directory import demo
from directory.models import (
    Category,
    Certification,
    Cluster,
    District,
    Feature,
    Listing,
    ListingMembership,
    Regency,
    Role,
)

STAFF_EMAIL = "staff@ifn.example"
STAFF_PASSWORD = "ifn-demo-staff-2020"
COMPANY_EMAIL = "company@ifn.example"
COMPANY_PASSWORD = "ifn-demo-company-2020"

# Places outside the clusters, so that the demo spans the archipelago.
OTHER_REGENCIES = ["31.74", "31.75", "33.74", "35.78", "12.71", "13.71", "51.71", "73.71", "32.04", "34.71"]

WORDS = [
    "Maju",
    "Jaya",
    "Karya",
    "Sentosa",
    "Abadi",
    "Mandiri",
    "Sejahtera",
    "Makmur",
    "Langkah",
    "Tapak",
    "Nusantara",
    "Sumber",
    "Rejeki",
    "Bintang",
    "Mulia",
    "Harapan",
    "Cahaya",
    "Prima",
    "Sinar",
    "Berkah",
    "Lestari",
    "Utama",
    "Gemilang",
    "Perkasa",
    "Setia",
    "Anugerah",
    "Mitra",
    "Kencana",
    "Sakti",
    "Tunas",
]
PATTERNS = {
    "material": ["Penyamakan Kulit {a} {b}", "{a} {b} Rubber", "{a} Sintetis {b}", "Tekstil {a} {b}"],
    "supplier": ["Sol {a} {b}", "Acuan Sepatu {a}", "{a} {b} Komponen", "Lem {a} {b}", "Aksesori {a} {b}"],
    "producer": ["Sepatu {a} {b}", "{a} {b} Footwear", "Sandal {a} {b}", "Alas Kaki {a} {b}"],
    "brand": ["{a}{b} Shoes", "{b} & Co", "Sepatu {a}{b}", "{a} Kicks"],
    "organisation": [
        "Asosiasi Pengrajin Sepatu {place}",
        "Koperasi Alas Kaki {a} {place}",
        "LPK Sepatu {a} {place}",
    ],
}
LEGAL = {
    "material": ["pt", "cv", "ud"],
    "supplier": ["cv", "ud", "pt", "perorangan"],
    "producer": ["perorangan", "ud", "cv", "pt"],
    "brand": ["cv", "pt", "perorangan"],
    "organisation": ["association", "koperasi", "yayasan"],
}
ROLE_WEIGHTS = [("producer", 40), ("supplier", 20), ("material", 15), ("brand", 15), ("organisation", 10)]
SUPPLY_UNITS = {
    "material": ["sqft", "sheets", "kg", "metres"],
    "supplier": ["pairs", "pieces", "kg", "units"],
}
EXPORT = ["US", "JP", "DE", "NL", "AU", "MY", "SG", "SA", "AE", "GB", "KR", "CN"]


class Command(BaseCommand):
    help = "Create or refresh the fictitious demo listings and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=180, help="Published listings to create.")
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on a production database)."
        )

    def handle(self, *args, count, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with known passwords; run it with DEBUG=true or --force."
            )
        if count < 1:
            raise CommandError("--count must be at least 1.")
        with transaction.atomic():
            staff, company = self.seed_accounts()
            listings = self.seed_listings(count, company)
            demo.seed_all(listings=listings, staff=staff, company=company, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(listings)} demo listings."))
        self.stdout.write(f"  Staff (admin at /admin/): {STAFF_EMAIL} / {STAFF_PASSWORD}")
        self.stdout.write(f"  Company account:          {COMPANY_EMAIL} / {COMPANY_PASSWORD}")

    def seed_accounts(self):
        from allauth.account.models import EmailAddress

        User = get_user_model()
        accounts = []
        for email, password, is_staff in [
            (STAFF_EMAIL, STAFF_PASSWORD, True),
            (COMPANY_EMAIL, COMPANY_PASSWORD, False),
        ]:
            user, _ = User.objects.get_or_create(email=email)
            user.is_staff = user.is_superuser = is_staff
            user.is_active = True
            user.set_password(password)
            user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            accounts.append(user)
        return accounts

    def seed_listings(self, count, company):
        rng = random.Random(2020)
        roles = {role.code: role for role in Role.objects.all()}
        categories = {}
        for category in Category.objects.active():
            categories.setdefault(category.role_id, []).append(category)
        features = {}
        for feature in Feature.objects.all():
            features.setdefault((feature.role_id, feature.group), []).append(feature)
        certifications = list(Certification.objects.all())
        clusters = list(Cluster.objects.select_related("regency", "district"))
        others = list(Regency.objects.filter(code__in=OTHER_REGENCIES))
        districts_by_regency = {}
        for district in District.objects.filter(
            regency__in=[c.regency_id for c in clusters] + OTHER_REGENCIES
        ):
            districts_by_regency.setdefault(district.regency_id, []).append(district)

        # A few of every unpublished state, so moderation has something to do.
        statuses = [Listing.Status.PUBLISHED] * count + [Listing.Status.DRAFT] * 6
        statuses += [Listing.Status.PENDING] * 8 + [Listing.Status.REJECTED] * 4
        now = timezone.now()
        seen_names = set()
        listings = []
        for index, status in enumerate(statuses):
            role = rng.choices([r for r, _ in ROLE_WEIGHTS], weights=[w for _, w in ROLE_WEIGHTS])[0]
            if rng.random() < 0.75:
                cluster = rng.choice(clusters)
                regency = cluster.regency
                district = cluster.district or rng.choice(districts_by_regency[regency.code])
                lat, lon = cluster.latitude, cluster.longitude
            else:
                regency = rng.choice(others)
                district = rng.choice(districts_by_regency[regency.code])
                lat, lon = None, None
            legal_form = rng.choice(LEGAL[role])
            name = self.make_name(rng, role, legal_form, regency, seen_names)
            role_codes = [role]
            if role == "producer" and rng.random() < 0.3:
                role_codes.append("brand")  # many small makers sell their own brand
            fields = {
                "name": name,
                "legal_form": legal_form,
                "nib": f"9{index:012d}" if legal_form not in ("association", "yayasan") else "",
                "kbli_codes": {"material": "15111", "supplier": "22199", "producer": "15201, 15202"}.get(
                    role, ""
                ),
                "year_founded": rng.randint(1975, 2022),
                "size": rng.choice(["micro", "micro", "small", "small", "medium", "large"]),
                "description": (
                    f"{name} adalah anggota fiktif jaringan IFN di {regency.name}. "
                    "Data demo — bukan perusahaan sungguhan."
                ),
                "description_en": (
                    f"{name} is a fictitious network member in {regency.name}. Demo data, not a real company."
                    if rng.random() < 0.6
                    else ""
                ),
                "province_id": regency.province_id,
                "regency": regency,
                "district": district,
                "address": f"Jl. {rng.choice(WORDS)} {rng.choice(WORDS)} No. {rng.randint(1, 200)}",
                "postal_code": f"{rng.randint(10000, 99999)}",
                "latitude": (lat + Decimal(rng.uniform(-0.02, 0.02))).quantize(Decimal("0.000001"))
                if lat
                else None,
                "longitude": (lon + Decimal(rng.uniform(-0.02, 0.02))).quantize(Decimal("0.000001"))
                if lon
                else None,
                "contact_person": f"Bapak/Ibu {rng.choice(WORDS)}",
                "phone": f"+62 31 {rng.randint(1000000, 8999999)}",
                "whatsapp": f"+62 812 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                "email": f"info@{slugify(name)[:40]}.example",
                "website": f"https://{slugify(name)[:40]}.example" if rng.random() < 0.5 else "",
                "instagram": f"https://instagram.com/{slugify(name).replace('-', '')[:30]}"
                if rng.random() < 0.6
                else "",
                "status": status,
                "rejection_reason": "Data tidak lengkap: lampirkan NIB."
                if status == Listing.Status.REJECTED
                else "",
                "verified": status == Listing.Status.PUBLISHED and rng.random() < 0.35,
                "is_demo": True,
                "capacity_pairs": None,
                "moq_pairs": None,
                "supply_capacity": None,
                "supply_capacity_unit": "",
                "supply_moq": None,
                "supply_moq_unit": "",
                "price_segment": "",
                "organisation_kind": "",
                "export_markets": [],
            }
            fields["verified_at"] = (
                now - timezone.timedelta(days=rng.randint(1, 700)) if fields["verified"] else None
            )
            if role == "producer":
                fields["capacity_pairs"] = rng.choice([300, 500, 1200, 3000, 8000, 25000, 120000])
                fields["moq_pairs"] = rng.choice([12, 24, 50, 100, 300, 1000])
                if fields["capacity_pairs"] >= 8000:
                    fields["export_markets"] = rng.sample(EXPORT, rng.randint(1, 4))
            elif role in SUPPLY_UNITS:
                unit = rng.choice(SUPPLY_UNITS[role])
                fields.update(
                    supply_capacity=rng.choice([500, 2000, 10000, 50000]),
                    supply_capacity_unit=unit,
                    supply_moq=rng.choice([10, 50, 100, 500]),
                    supply_moq_unit=unit,
                )
            if "brand" in role_codes:
                fields["price_segment"] = rng.choice(["budget", "middle", "middle", "premium"])
            if role == "organisation":
                fields["organisation_kind"] = rng.choice(
                    ["association", "cooperative", "education", "laboratory"]
                )

            listing, _ = Listing.objects.update_or_create(slug=slugify(name), defaults=fields)
            listing.full_clean()
            listing.roles.set([roles[code] for code in role_codes])
            chosen = []
            for code in role_codes:
                chosen += rng.sample(categories[code], min(len(categories[code]), rng.randint(1, 3)))
            listing.categories.set(chosen)
            chosen_features = []
            for (feature_role, _group), options in sorted(features.items()):
                if feature_role in role_codes:
                    chosen_features += rng.sample(options, rng.randint(1, min(2, len(options))))
            listing.features.set(chosen_features)
            listing.certifications.set(rng.sample(certifications, rng.choice([0, 0, 1, 2])))
            listings.append(listing)

        # The demo company account owns a published listing and a draft.
        for listing in (listings[0], next(x for x in listings if x.status == Listing.Status.DRAFT)):
            ListingMembership.objects.update_or_create(
                listing=listing, user=company, defaults={"role": ListingMembership.Role.OWNER}
            )
        return listings

    def make_name(self, rng, role, legal_form, regency, seen):
        place = regency.name.replace("Kabupaten ", "").replace("Kota Administrasi ", "").replace("Kota ", "")
        while True:
            a, b = rng.sample(WORDS, 2)
            prefix = {"pt": "PT ", "cv": "CV ", "ud": "UD "}.get(legal_form, "")
            if role in ("brand", "organisation"):
                prefix = ""
            name = prefix + rng.choice(PATTERNS[role]).format(a=a, b=b, place=place)
            if name not in seen:
                seen.add(name)
                return name
