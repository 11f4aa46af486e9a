"""The page kinds measured, each with many concrete URLs so no single cached answer is timed."""

import random
import re
from dataclasses import dataclass, field
from importlib import import_module
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from directory.models import Category, Certification, Cluster, Listing, Role

from .harness import fetch

ONE_WORD = ["sepatu", "kulit", "sandal", "karet", "sneakers", "pantofel", "makloon", "sol", "ekspor", "boots"]
TWO_WORDS = ["sepatu kulit", "sandal karet", "sol karet", "sepatu anak", "kulit sapi", "sepatu sekolah"]
TYPOS = ["sepatu kuilt", "sandla", "spatu", "kullit", "snekers", "pantofle"]

# Targets: (kind of target, value); "floor×" compares p50 with the floor's.
FLOOR3 = "p50 ≤ 3× floor"
FLOOR10 = "p50 ≤ 10× floor, p99 ≤ 300 ms"
ADMIN = "p50 ≤ 300 ms"


@dataclass
class Kind:
    name: str
    target: str | None
    urls: list
    admin: bool = False
    samples: list = field(default_factory=list)
    first: list = field(default_factory=list)  # each address's first timed request
    statuses: dict = field(default_factory=dict)
    queries: list = field(default_factory=list)


def _pick(values, n, rng):
    values = list(values)
    rng.shuffle(values)
    return values[:n] or values


def _directory(params):
    return "/directory/?" + urlencode(params) if params else "/directory/"


def page_kinds(port, *, seed=7, variants=20, include_admin=True):
    """Every kind of page the benchmark times, with up to `variants` URLs each."""
    rng = random.Random(seed)
    published = Listing.objects.published()
    provinces = list(published.values_list("province_id", flat=True).order_by("province_id").distinct())
    roles = list(Role.objects.values_list("code", flat=True))
    categories = list(Category.objects.active().values_list("role_id", "slug"))
    certifications = list(Certification.objects.values_list("slug", flat=True))
    total = published.count()
    last_page = max(1, (total + 23) // 24)
    by_pk = published.order_by("pk").values_list("slug", flat=True)
    slugs = [by_pk[offset] for offset in rng.sample(range(total), min(variants, total))]
    clusters = list(Cluster.objects.values_list("slug", flat=True))

    two_filters, four_filters = [], []
    for _ in range(variants):
        role, slug = rng.choice(categories)
        two_filters.append(_directory({"role": rng.choice(roles), "province": rng.choice(provinces)}))
        four_filters.append(
            _directory(
                {
                    "role": role,
                    "category": slug,
                    "province": rng.choice(provinces),
                    "certification": rng.choice(certifications),
                }
            )
        )
    pages = sorted({min(last_page, p) for p in (500, 499, 501, 450, 550, 480, 520)})
    sitemap_index, sitemap_pages = _sitemaps(port)
    kinds = [
        Kind("floor", None, ["/bench/floor/"]),
        Kind("home /", FLOOR3, ["/"]),
        Kind("directory, no filter", FLOOR3, ["/directory/"]),
        Kind("directory, 2 filters", FLOOR10, two_filters),
        Kind("directory, 4 filters", FLOOR10, four_filters),
        Kind("search, one word", FLOOR10, [_directory({"q": w}) for w in ONE_WORD]),
        Kind("search, two words", FLOOR10, [_directory({"q": w}) for w in TWO_WORDS]),
        Kind("search, typo", FLOOR10, [_directory({"q": w}) for w in TYPOS]),
        Kind("directory, page 500", FLOOR10, [_directory({"page": p}) for p in pages]),
        Kind("listing detail", FLOOR3, [f"/directory/{s}/" for s in slugs]),
        Kind("cluster page", FLOOR10, [f"/clusters/{s}/" for s in clusters]),
        Kind("API list", FLOOR10, ["/api/listings/"] + [f"/api/listings/?role={r}" for r in roles]),
        Kind("API search", FLOOR10, ["/api/listings/?" + urlencode({"q": w}) for w in ONE_WORD + TWO_WORDS]),
        Kind("sitemap index", FLOOR10, [sitemap_index]),
        Kind("sitemap page", FLOOR10, sitemap_pages),
    ]
    if include_admin:
        kinds += [
            Kind("admin listings", ADMIN, ["/admin/directory/listing/"], admin=True),
            Kind(
                "admin listings, search",
                ADMIN,
                ["/admin/directory/listing/?" + urlencode({"q": w}) for w in ONE_WORD],
                admin=True,
            ),
            Kind("moderation queue", ADMIN, ["/admin/moderation/pendinglisting/"], admin=True),
        ]
    return kinds


def _sitemaps(port):
    """The sitemap index and its pages; a single paginated sitemap gives its second page."""
    answer = fetch(port, "/sitemap.xml", keep_body=True, timeout=300)
    body = answer.body.decode("utf-8", "replace")
    if "<sitemapindex" in body:
        pages = [
            urlsplit(loc).path + (f"?{urlsplit(loc).query}" if urlsplit(loc).query else "")
            for loc in re.findall(r"<loc>([^<]+)</loc>", body)
        ]
        return "/sitemap.xml", pages[:20] or ["/sitemap.xml"]
    second = "/sitemap.xml?p=2"
    return "/sitemap.xml", [second if fetch(port, second, timeout=300).status == 200 else "/sitemap.xml?p=1"]


def admin_cookie(*, email="bench-admin@ifn.example"):
    """A logged-in staff superuser's session cookie, made in the database the server uses."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user = User.objects.filter(email=email).first() or User.objects.create_superuser(
        email=email, password=None
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
