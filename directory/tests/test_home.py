import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Cluster
from directory.views import PAGE_SIZE

from .factories import ListingFactory

pytestmark = pytest.mark.django_db


def test_each_stage_links_to_the_filtered_directory_with_its_count(client):
    ListingFactory.create_batch(2, roles=["producer"])
    ListingFactory(roles=["organisation"])
    html = client.get(reverse("directory:home")).content.decode()
    for code in ["material", "supplier", "producer", "brand", "organisation"]:
        assert f'href="/directory/?role={code}" data-testid="stage-{code}"' in html
    assert 'data-testid="count-producer">2<' in html
    assert 'data-testid="count-organisation">1<' in html
    # Upstream first: material sources before suppliers before producers before brands.
    positions = [
        html.index(f'data-testid="stage-{code}"') for code in ["material", "supplier", "producer", "brand"]
    ]
    assert positions == sorted(positions)


def test_home_has_a_search_box_for_the_directory(client):
    html = client.get(reverse("directory:home")).content.decode()
    assert f'<form action="{reverse("directory:list")}" method="get" role="search"' in html
    assert '<label for="home-q"' in html
    assert 'name="q"' in html


def test_recently_verified_shows_verified_listings_newest_first(client):
    now = timezone.now()
    ListingFactory(name="Lama", verified=True, verified_at=now - datetime.timedelta(days=30))
    ListingFactory(name="Baru", verified=True, verified_at=now - datetime.timedelta(days=1))
    ListingFactory(name="Belum diverifikasi")
    ListingFactory(name="Draf", verified=True, verified_at=now, status="draft")
    response = client.get(reverse("directory:home"))
    assert [listing.name for listing in response.context["recently_verified"]] == ["Baru", "Lama"]


def test_home_shows_clusters_with_their_counts(client):
    ListingFactory.create_batch(2)  # Tanggulangin district, Sidoarjo
    ListingFactory(province_id="35", regency_id="35.15", district_id="35.15.01")  # Sidoarjo, elsewhere
    ListingFactory(province_id="35", regency_id="35.76", district_id=None)  # Kota Mojokerto (whole city)
    ListingFactory(status="pending", province_id="35", regency_id="35.76", district_id=None)
    response = client.get("/en/")
    counts = {cluster.slug: cluster.count for cluster in response.context["clusters"]}
    assert len(counts) == Cluster.objects.count() == 9
    assert counts["tanggulangin"] == 2
    assert counts["mojokerto"] == 1
    assert counts["cibaduyut"] == 0
    assert all(counts[c.slug] == c.listings().count() for c in Cluster.objects.all())
    assert 'data-testid="cluster-count-tanggulangin">2 listings<' in response.content.decode()


@pytest.mark.usefixtures("memory_cache")
def test_home_query_count_is_fixed(client, django_assert_num_queries):
    now = timezone.now()
    ListingFactory.create_batch(8, verified=True, verified_at=now)
    # Generation token for the kept page, generation token and role counts,
    # verified listings + 5 prefetches (roles, categories, certifications,
    # features, photos), generation token and clusters, current projects.
    with django_assert_num_queries(12):
        client.get(reverse("directory:home"))
    # The same page for the next visitor without a session: the generation only.
    with django_assert_num_queries(1):
        client.get(reverse("directory:home"))


def test_clusters_index_and_page_list_each_member_once_with_role_counts(client):
    producer = ListingFactory(name="Pembuat", roles=["producer", "brand"])
    ListingFactory(name="Pemasok", roles=["supplier"])
    ListingFactory(name="Di Bandung", province_id="32", regency_id="32.73", district_id=None)
    index = client.get(reverse("directory:clusters"))
    assert index.status_code == 200
    assert reverse("directory:cluster", args=["tanggulangin"]) in index.content.decode()
    listed = {cluster.slug: cluster.count for cluster in index.context["clusters"]}

    response = client.get(reverse("directory:cluster", args=["tanggulangin"]))
    assert response.status_code == 200
    assert [x.name for x in response.context["page"].object_list] == ["Pemasok", "Pembuat"]
    # The listing with two roles counts once, on the index and on the page alike.
    assert response.context["total"] == listed["tanggulangin"] == 2
    assert [(code, n) for code, _label, n in response.context["roles"]] == [
        ("supplier", 1),
        ("producer", 1),
        ("brand", 1),
    ]
    html = response.content.decode()
    assert 'data-testid="cluster-role-producer"' in html
    assert 'data-testid="cluster-role-material"' not in html
    assert html.count(producer.get_absolute_url()) == 1
    assert "Di Bandung" not in html


def test_cluster_page_is_paged_like_the_directory(client):
    ListingFactory.create_batch(PAGE_SIZE + 2)
    url = reverse("directory:cluster", args=["tanggulangin"])
    first = client.get(url)
    assert len(first.context["page"].object_list) == PAGE_SIZE
    assert first.context["total"] == PAGE_SIZE + 2
    assert 'rel="next" href="?page=2"' in first.content.decode()
    second = client.get(url, {"page": "2"})
    assert len(second.context["page"].object_list) == 2
    assert client.get(url, {"page": "abc"}).status_code == 200
    assert client.get(url, {"page": "999"}).context["page"].number == 2


def test_unknown_cluster_is_404(client):
    assert client.get(reverse("directory:cluster", args=["atlantis"])).status_code == 404
