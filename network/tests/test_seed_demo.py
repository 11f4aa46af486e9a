"""seed_demo shows the network: communities with members, links along the chain, enquiries, two projects."""

import io

import pytest
from django.core.management import call_command

from directory.models import CommunityMember, ListingMembership, SupplyLink
from enquiries.models import Enquiry, ResponseStats
from projects.models import Interest, Project

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "links": sorted(SupplyLink.objects.values_list("supplier__slug", "customer__slug", "kind", "status")),
        "roster": sorted(CommunityMember.objects.values_list("organisation__slug", "member__slug", "status")),
        "enquiries": sorted(
            Enquiry.objects.values_list("listing__slug", "email", "product", "status", "created_at")
        ),
        "projects": sorted(Project.objects.values_list("slug", "status", "deadline")),
        "interests": sorted(Interest.objects.values_list("project__slug", "listing__slug", "status")),
        "stats": sorted(
            ResponseStats.objects.values_list("listing__slug", "received", "answered", "hint_days")
        ),
        "memberships": ListingMembership.objects.count(),
    }


def test_seed_demo_shows_the_network_and_a_second_run_changes_nothing(demo_directory):
    first = snapshot()

    confirmed = SupplyLink.objects.confirmed()
    assert confirmed.filter(supplier__roles__code="material", customer__roles__code="producer").exists()
    assert confirmed.filter(supplier__roles__code="supplier", customer__roles__code="producer").exists()
    assert confirmed.filter(kind="makloon", customer__roles__code="brand").exists()
    assert SupplyLink.objects.filter(status="proposed").exists()
    organisations = CommunityMember.objects.confirmed().values("organisation").distinct().count()
    assert organisations >= 3
    assert CommunityMember.objects.confirmed().count() >= 5 * organisations
    assert Enquiry.objects.count() >= 20 and Enquiry.objects.filter(status="answered").exists()
    assert ResponseStats.objects.exclude(hint_days=None).exists()
    assert Project.objects.public().count() == 2
    assert Interest.objects.selected().count() >= 2
    # Everything is flagged as demo data.
    for model in (SupplyLink, CommunityMember, Enquiry, Project):
        assert not model.objects.filter(is_demo=False).exists(), model

    call_command("seed_demo", force=True, count=demo_directory.count, stdout=io.StringIO())
    assert snapshot() == first
