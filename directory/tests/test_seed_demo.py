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


def test_seed_demo_fills_every_role_and_many_provinces():
    call_command("seed_demo", force=True, count=150, stdout=io.StringIO())
    published = Listing.objects.published()
    assert published.count() >= 150
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


def test_seed_demo_is_idempotent_and_prints_credentials(capsys):
    call_command("seed_demo", force=True, count=150)
    first = snapshot()
    users = User.objects.count()
    memberships = ListingMembership.objects.count()
    call_command("seed_demo", force=True, count=150)
    assert snapshot() == first
    assert User.objects.count() == users == 2
    assert ListingMembership.objects.count() == memberships
    out = capsys.readouterr().out
    assert "staff@ifn.example / " in out
    staff = User.objects.get(email="staff@ifn.example")
    password = out.split("staff@ifn.example / ")[1].split()[0]
    assert staff.is_staff and staff.check_password(password)


def test_seed_demo_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not Listing.objects.exists()
