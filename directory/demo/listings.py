"""Demo listings a reader believes: what a firm is called matches what it
makes, its size matches its legal form, its capacity its size, its phone
its city's area code, its postal code its district.

Deterministic (a fixed random seed) and idempotent: a listing already as
specified is left untouched, so running seed_demo again adds no history.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.text import slugify

from ..models import Category, Certification, Cluster, District, Feature, Listing, Regency, Role
from . import texts
from .names import make_name, place_word
from .places import PLACES

ROLE_WEIGHTS = {"producer": 40, "supplier": 20, "material": 15, "brand": 15, "organisation": 10}
# Legal forms each kind of firm takes, with how common they are.
LEGAL_FORMS = {
    "material": {"ud": 3, "cv": 3, "pt": 4},
    "supplier": {"perorangan": 2, "ud": 4, "cv": 3, "pt": 1},
    "producer": {"perorangan": 4, "ud": 3, "cv": 2, "pt": 1},
    "brand": {"cv": 4, "perorangan": 3, "pt": 2},
    "organisation": {"association": 5, "koperasi": 3, "yayasan": 1, "government": 1},
}
# The sizes a legal form is found at: a home industry is micro, a PT is not.
SIZES = {
    "perorangan": ["micro"],
    "ud": ["micro", "small"],
    "cv": ["small", "medium"],
    "pt": ["medium", "large"],
    "koperasi": ["small"],
    "association": [""],
    "yayasan": [""],
    "government": [""],
}
# Producers: (monthly pairs from, to), minimum orders in pairs, by size.
PAIRS = {
    "micro": ((150, 800), [12, 20, 24]),
    "small": ((800, 4000), [50, 100]),
    "medium": ((4000, 25000), [300, 500]),
    "large": ((25000, 150000), [1000, 2000, 3000]),
}
# Material sources and suppliers: unit, monthly capacity per size (from, to), minimum order.
SUPPLY = {
    "leather": ("sqft", {"micro": (2000, 6000), "small": (6000, 30000), "medium": (30000, 150000), "large": (150000, 600000)}, 200),
    "rubber": ("kg", {"micro": (500, 2000), "small": (2000, 10000), "medium": (10000, 60000), "large": (60000, 300000)}, 100),
    "synthetic-leather": ("metres", {"micro": (500, 2000), "small": (2000, 10000), "medium": (10000, 50000), "large": (50000, 200000)}, 100),
    "textile": ("metres", {"micro": (500, 2000), "small": (2000, 10000), "medium": (10000, 50000), "large": (50000, 200000)}, 100),
    "foam-eva": ("sheets", {"micro": (200, 1000), "small": (1000, 5000), "medium": (5000, 20000), "large": (20000, 80000)}, 50),
    "outsoles": ("pairs", {"micro": (1000, 3000), "small": (3000, 15000), "medium": (15000, 60000), "large": (60000, 250000)}, 300),
    "lasts": ("pairs", {"micro": (100, 400), "small": (400, 1500), "medium": (1500, 5000), "large": (5000, 15000)}, 12),
    "insoles": ("pairs", {"micro": (1000, 3000), "small": (3000, 15000), "medium": (15000, 60000), "large": (60000, 250000)}, 300),
    "adhesives": ("litres", {"micro": (200, 800), "small": (800, 4000), "medium": (4000, 20000), "large": (20000, 80000)}, 20),
    "accessories": ("pieces", {"micro": (2000, 8000), "small": (8000, 40000), "medium": (40000, 200000), "large": (200000, 800000)}, 500),
    "machinery": ("units", {"micro": (2, 5), "small": (5, 20), "medium": (20, 60), "large": (60, 200)}, 1),
    "moulds": ("units", {"micro": (5, 20), "small": (20, 60), "medium": (60, 200), "large": (200, 600)}, 1),
    "packaging": ("pieces", {"micro": (2000, 8000), "small": (8000, 40000), "medium": (40000, 200000), "large": (200000, 800000)}, 500),
}  # fmt: skip
# What each kind of organisation does, and its kind in the directory.
ORGANISATION_WORK = {
    "association": {"advocacy", "training", "design"},
    "koperasi": {"financing", "advocacy"},
    "yayasan": {"training", "design"},
    "government": {"testing", "certification", "training"},
}
ORGANISATION_KIND = {
    "association": "association",
    "koperasi": "cooperative",
    "yayasan": "education",
    "government": "government",
}
# How likely a firm of each size exports.
EXPORT_CHANCE = {"micro": 0.0, "small": 0.08, "medium": 0.45, "large": 0.9, "": 0.0}
MARKETS = ["MY", "SG", "JP", "AU", "NL", "DE", "US", "SA", "AE", "KR", "GB", "BN"]
KBLI = {"material": "15111", "supplier": "22199", "producer": "15201, 15202", "brand": "15202"}
MOBILE_PREFIXES = ["812", "813", "821", "822", "852", "853", "857", "858", "878", "896"]
# Places outside the clusters, so that the demo spans the archipelago.
OTHER_REGENCIES = [code for code, place in PLACES.items() if place.centre]
EPOCH = timezone.datetime(2026, 1, 5, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))
SERVICE_ORDERS = {"oem", "odm", "makloon"}


@dataclass
class Spec:
    """What one demo listing should be."""

    slug: str
    fields: dict
    roles: list
    categories: list
    features: list
    certifications: list
    logo: bool = False
    photos: list = field(default_factory=list)


class Taxonomy:
    def __init__(self):
        self.roles = {role.code: role for role in Role.objects.all()}
        self.categories = {}
        for category in Category.objects.active().select_related("role"):
            self.categories.setdefault(category.role_id, []).append(category)
        self.features = {}
        for feature in Feature.objects.all():
            self.features.setdefault((feature.role_id, feature.group), []).append(feature)
        self.certifications = {c.slug: c for c in Certification.objects.all()}
        self.clusters = list(Cluster.objects.select_related("regency", "district"))
        self.regencies = {r.code: r for r in Regency.objects.filter(code__in=PLACES)}
        self.district_names = dict(District.objects.filter(regency__in=PLACES).values_list("code", "name"))


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _jitter(rng, value, spread):
    return (Decimal(str(value)) + Decimal(str(round(rng.uniform(-spread, spread), 6)))).quantize(
        Decimal("0.000001")
    )


def _location(rng, taxonomy):
    """(regency, district code, postal code, latitude, longitude)."""
    if rng.random() < 0.72:
        cluster = rng.choice(taxonomy.clusters)
        regency = cluster.regency
        place = PLACES[regency.code]
        district = cluster.district_id or rng.choice(sorted(place.districts))
        centre, spread = (cluster.latitude, cluster.longitude), 0.015
    else:
        regency = taxonomy.regencies[rng.choice(OTHER_REGENCIES)]
        place = PLACES[regency.code]
        district = rng.choice(sorted(place.districts))
        centre, spread = place.centre, 0.02
    # Some firms have not placed themselves on the map yet.
    if rng.random() < 0.15:
        return regency, district, place.districts[district], None, None
    return (
        regency,
        district,
        place.districts[district],
        _jitter(rng, centre[0], spread),
        _jitter(rng, centre[1], spread),
    )


def _phone(rng, area_code):
    digits = 8 if area_code == "21" else (7 if len(area_code) == 2 else 6)
    first = rng.choice("345678")
    return f"+62{area_code}{first}{rng.randint(10 ** (digits - 2), 10 ** (digits - 1) - 1)}"


def _mobile(rng):
    return f"+62{rng.choice(MOBILE_PREFIXES)}{rng.randint(1000, 9999)}{rng.randint(1000, 9999)}"


def build_specs(count, taxonomy):
    """The demo listings: `count` published plus a few of every other status."""
    rng = random.Random(2020)
    statuses = [Listing.Status.PUBLISHED] * count + [Listing.Status.DRAFT] * 6
    statuses += [Listing.Status.PENDING] * 8 + [Listing.Status.REJECTED] * 4
    seen, specs = set(), []
    for index, status in enumerate(statuses):
        role = _weighted(rng, ROLE_WEIGHTS)
        legal_form = _weighted(rng, LEGAL_FORMS[role])
        size = rng.choice(SIZES[legal_form])
        regency, district, postal_code, lat, lng = _location(rng, taxonomy)
        choices = taxonomy.categories[role]
        if role == "organisation":
            choices = [c for c in choices if c.slug in ORGANISATION_WORK[legal_form]]
        main = rng.choice(choices)
        others = [c for c in choices if c != main]
        categories = [main, *rng.sample(others, rng.randint(0, min(2, len(others))))]
        role_codes = [role]
        if role == "producer" and rng.random() < 0.3:
            role_codes.append("brand")  # many small makers sell under their own brand too
            categories.append(next(c for c in taxonomy.categories["brand"] if c.slug == main.slug))
        name = make_name(
            rng,
            role=role,
            main_category=main.slug,
            legal_form=legal_form,
            regency_name=regency.name,
            district_name=taxonomy.district_names[district],
            seen=seen,
        )
        features = []
        for (feature_role, _group), options in sorted(taxonomy.features.items()):
            if feature_role in role_codes:
                features += rng.sample(options, rng.randint(1, min(2, len(options))))
        if "brand" in role_codes and role == "producer":
            features = [f for f in features if f.slug != "makloon"]
        place = PLACES[regency.code]
        fields = {
            "name": name,
            "legal_form": legal_form,
            "nib": f"9{index:012d}" if legal_form not in ("association", "yayasan", "government") else "",
            "kbli_codes": KBLI.get(role, ""),
            "year_founded": rng.randint(1972, 2023),
            "size": size,
            "province_id": regency.province_id,
            "regency_id": regency.code,
            "district_id": district,
            "address": f"Jl. {rng.choice(['Raya', 'KH.', 'Gatot Subroto', 'Diponegoro', 'Sudirman', 'Ahmad Yani', 'Pahlawan', 'Merdeka'])} "
            f"{'' if rng.random() < 0.5 else rng.choice(['Utara', 'Selatan', 'Barat', 'Timur'])} No. {rng.randint(1, 240)}".replace(
                "  ", " "
            ),
            "postal_code": postal_code,
            "latitude": lat,
            "longitude": lng,
            "contact_person": f"{rng.choice(['Bapak', 'Ibu'])} {rng.choice(['Suryadi', 'Wulandari', 'Hendra', 'Rina', 'Taufik', 'Lestari', 'Yusuf', 'Maya', 'Agung', 'Nining'])}",
            "phone": _phone(rng, place.area_code),
            "whatsapp": _mobile(rng),
            "email": f"info@{slugify(name)[:40]}.example",
            "website": f"https://{slugify(name)[:40]}.example" if rng.random() < 0.4 else "",
            "instagram": f"https://instagram.com/{slugify(name).replace('-', '')[:28]}"
            if rng.random() < 0.7
            else "",
            "status": status,
            "rejection_reason": "Lampirkan NIB dan foto tempat usaha."
            if status == Listing.Status.REJECTED
            else "",
            "verified": status == Listing.Status.PUBLISHED
            and legal_form != "perorangan"
            and rng.random() < 0.4,
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
        fields["verified_at"] = EPOCH - timedelta(days=rng.randint(1, 500)) if fields["verified"] else None
        if role == "producer":
            (low, high), moqs = PAIRS[size]
            fields["capacity_pairs"] = round(rng.randint(low, high), -1 if high < 5000 else -2)
            fields["moq_pairs"] = rng.choice(moqs)
        elif role in ("material", "supplier"):
            unit, ranges, moq = SUPPLY[main.slug]
            low, high = ranges[size]
            fields.update(
                supply_capacity=round(rng.randint(low, high), -1 if high > 100 else 0),
                supply_capacity_unit=unit,
                supply_moq=moq,
                supply_moq_unit=unit,
            )
        if "brand" in role_codes:
            fields["price_segment"] = rng.choice(["budget", "middle", "middle", "premium"])
        if role == "organisation":
            fields["organisation_kind"] = ORGANISATION_KIND[legal_form]
        if role in ("producer", "material", "brand") and rng.random() < EXPORT_CHANCE[size]:
            fields["export_markets"] = sorted(rng.sample(MARKETS, rng.randint(1, 4)))
        certifications = ["sni"] if size in ("medium", "large") and role != "organisation" else []
        if main.slug == "leather" and size == "large":
            certifications.append("lwg")
        if rng.random() < 0.3:
            certifications.append(rng.choice(["halal", "tkdn", "iso-9001"]))
        services = [f for f in features if f.slug in SERVICE_ORDERS]
        exported = Listing(export_markets=fields["export_markets"]).export_markets
        with translation.override("id"):
            markets = [str(country.name) for country in exported]
        with translation.override("en"):
            markets_en = [str(country.name) for country in exported]
        described = texts.describe(
            name=name,
            role=role,
            categories=categories[:2],
            size=size,
            services=services,
            markets=markets,
            markets_en=markets_en,
            place=f"{place_word(regency.name)}",
        )
        fields["description"] = described[0]
        # Most firms describe themselves in English too; some not yet.
        fields["description_en"] = described[1] if rng.random() < 0.8 else ""
        photos = (
            [f"{main.name} – {name}"] * rng.choice([1, 2])
            if role == "producer" and rng.random() < 0.25
            else []
        )
        specs.append(
            Spec(
                slug=slugify(name),
                fields=fields,
                roles=role_codes,
                categories=[c.pk for c in categories],
                features=[f.pk for f in features],
                certifications=[taxonomy.certifications[s].pk for s in dict.fromkeys(certifications)],
                logo=role == "brand" or rng.random() < 0.15,
                photos=photos,
            )
        )
    return specs
