import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from directory.models import Cluster, Listing, ListingMembership, role_counts

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(
        Listing.objects.values_list(
            "slug", "name", "status", "regency_id", "nib", "capacity_pairs", "verified"
        )
    ), sorted(Listing.roles.through.objects.values_list("listing__slug", "role_id"))


def test_seed_demo_fills_every_role_and_many_provinces(demo_directory):
    published = Listing.objects.published()
    assert published.count() >= demo_directory.count
    assert published.values("province").distinct().count() >= 10
    assert all(role.count > 0 for role in role_counts())
    assert set(Listing.objects.values_list("status", flat=True)) == set(Listing.Status.values) - {"archived"}
    assert not Listing.objects.filter(is_demo=False).exists()
    # Concentrated in the real footwear clusters.
    in_clusters = sum(cluster.listings().count() for cluster in Cluster.objects.all())
    assert in_clusters >= 0.6 * published.count()
    assert published.filter(regency_id="35.15").count() >= 5
    assert published.filter(regency_id="32.73").count() >= 5
    for listing in published[:20]:
        listing.full_clean()


def test_seed_demo_prints_the_demo_credentials(demo_directory):
    assert "staff@ifn.example / " in demo_directory.output
    staff = User.objects.get(email="staff@ifn.example")
    password = demo_directory.output.split("staff@ifn.example / ")[1].split()[0]
    assert staff.is_staff and staff.check_password(password)


def test_a_second_run_writes_nothing(demo_directory):
    first = snapshot()
    users = User.objects.count()
    memberships = ListingMembership.objects.count()
    history = Listing.history.count()
    updated = dict(Listing.objects.values_list("pk", "updated_at"))
    files = dict(Listing.objects.values_list("pk", "logo"))
    call_command("seed_demo", force=True, count=demo_directory.count, stdout=io.StringIO())
    assert snapshot() == first
    assert User.objects.count() == users == 2
    assert ListingMembership.objects.count() == memberships
    assert Listing.history.count() == history
    assert dict(Listing.objects.values_list("pk", "updated_at")) == updated
    assert dict(Listing.objects.values_list("pk", "logo")) == files


def test_seed_demo_refuses_to_run_without_debug():
    before = Listing.objects.count()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert Listing.objects.count() == before


@pytest.fixture
def demo(demo_directory):
    return Listing.objects.select_related("regency").prefetch_related("categories", "roles")


def test_demo_contacts_and_addresses_match_their_place(demo):
    from directory.demo.places import PLACES

    for listing in demo:
        place = PLACES[listing.regency_id]
        assert listing.phone.as_e164.startswith(f"+62{place.area_code}"), (listing.name, listing.phone)
        assert listing.whatsapp.as_e164.startswith("+628")
        assert listing.postal_code == place.districts[listing.district_id], listing.name
        assert listing.district_id.startswith(listing.regency_id + ".")


def test_demo_firms_are_the_size_their_legal_form_and_capacity_say(demo):
    from directory.demo.listings import PAIRS

    for listing in demo:
        if listing.legal_form == "perorangan":
            assert listing.size == "micro", listing.name
        if listing.legal_form == "pt":
            assert listing.size in ("medium", "large"), listing.name
        if listing.capacity_pairs:
            low, high = PAIRS[listing.size][0]
            assert low - 10 <= listing.capacity_pairs <= high + 100, listing.name
        if listing.size == "micro":
            assert not listing.export_markets, listing.name


def test_demo_names_and_descriptions_read_like_real_firms(demo):
    import re

    described_in_english = 0
    for listing in demo:
        assert not re.search(r"[a-z][A-Z]", listing.name), listing.name  # no "AbadiCahaya"
        slugs = {category.slug for category in listing.categories.all()}
        if re.search(r"Penyamakan Kulit|Kulit Samak|Tannery", listing.name):
            assert "leather" in slugs, listing.name
        if listing.name.startswith("Koperasi"):
            assert listing.legal_form == "koperasi"
        assert listing.description.endswith("Data demo: perusahaan fiktif, bukan usaha sungguhan.")
        if listing.description_en:
            described_in_english += 1
            assert "Bahasa Indonesia only" not in listing.description_en
    assert described_in_english >= 0.7 * len(demo)


def test_some_demo_listings_have_placeholder_pictures_marked_demo(demo):
    from directory.models import ListingPhoto

    with_logo = [listing for listing in demo if listing.logo]
    assert with_logo and len(with_logo) < len(demo)
    assert ListingPhoto.objects.filter(listing__is_demo=True).exists()
    assert all(listing.logo.name.startswith("logos/demo-") for listing in with_logo)
    # Some have not placed themselves on the map yet, and the rest are in their province.
    assert 0 < sum(listing.latitude is None for listing in demo) < 0.3 * len(demo)


def test_no_demo_listing_is_verified_without_evidence(demo, demo_directory):
    from directory.models import Verification

    verified = list(demo.filter(verified=True).prefetch_related("verifications"))
    assert verified
    for listing in verified:
        evidence = listing.verifications.get()
        assert evidence.nib_confirmed or evidence.site_visit_on, listing
        if listing.needs_nib:
            assert listing.nib and evidence.nib_confirmed, listing
    count = Verification.objects.count()
    call_command("seed_demo", force=True, count=demo_directory.count, stdout=io.StringIO())
    assert Verification.objects.count() == count
