"""Public pages kept for visitors without a session, per directory generation."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from directory.models import Listing

from .factories import ListingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("memory_cache")]


def test_a_kept_page_is_served_without_rendering(client, django_assert_num_queries):
    listing = ListingFactory(name="Sepatu Kulit Tanggulangin")
    first = client.get(listing.get_absolute_url())
    with django_assert_num_queries(1):  # the directory generation, nothing else
        second = Client().get(listing.get_absolute_url())
    assert second.status_code == 200
    assert "Sepatu Kulit Tanggulangin" in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]


def test_a_write_shows_at_once(client):
    listing = ListingFactory(name="Sepatu Kulit Tanggulangin")
    client.get(listing.get_absolute_url())
    client.get(reverse("directory:list"))
    Listing.objects.filter(pk=listing.pk).update(name="Sandal Karet Tanggulangin")
    assert "Sandal Karet Tanggulangin" in Client().get(listing.get_absolute_url()).content.decode()
    assert "Sandal Karet Tanggulangin" in Client().get(reverse("directory:list")).content.decode()


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works():
    ListingFactory()
    tokens = []
    for _visitor in range(2):
        browser = Client(enforce_csrf_checks=True)
        page = browser.get(reverse("directory:home")).content.decode()
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        tokens.append(token)
        assert "@@" not in token
        switched = browser.post(
            reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
        )
        assert switched.status_code == 302
    assert tokens[0] != tokens[1]


def test_a_logged_in_visitor_never_gets_the_anonymous_page(client):
    ListingFactory()
    client.get(reverse("directory:home"))
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("directory:home")).content.decode()
    assert reverse("account_logout") in page
    assert reverse("account_login") not in page


def test_languages_and_fragments_are_kept_apart():
    ListingFactory()
    indonesian = Client().get("/directory/").content.decode()
    english = Client().get("/en/directory/").content.decode()
    assert 'lang="id"' in indonesian and 'lang="en"' in english
    assert 'lang="id"' in Client().get("/directory/").content.decode()
    fragment = Client().get("/directory/", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "<html" in Client().get("/directory/").content.decode()


def test_filtered_and_searched_pages_are_kept_apart_per_address():
    ListingFactory(name="Sepatu Kulit Tanggulangin", roles=["producer"])
    ListingFactory(name="Sol Karet Sidoarjo", roles=["supplier"])
    first = Client().get("/directory/", {"role": "producer"})
    assert first.context is not None  # rendered
    kept = Client().get("/directory/", {"role": "producer"})
    assert kept.context is None  # the kept copy
    assert kept.content.decode().count('data-testid="listing-card"') == first.content.decode().count(
        'data-testid="listing-card"'
    )
    assert "Sepatu Kulit Tanggulangin" in kept.content.decode()
    assert "Sol Karet Sidoarjo" not in kept.content.decode()
    other = Client().get("/directory/", {"q": "sol"})
    assert other.context is not None
    assert "Sol Karet Sidoarjo" in other.content.decode()
    assert "Sepatu Kulit Tanggulangin" not in other.content.decode()


def test_a_page_asked_for_again_is_served_from_the_process_without_the_cache(memory_cache):
    ListingFactory(name="Sepatu Kulit Tanggulangin")
    Client().get("/directory/")
    memory_cache.clear()  # the shared cache forgot it; this process has it still
    kept = Client().get("/directory/")
    assert kept.context is None
    assert "Sepatu Kulit Tanggulangin" in kept.content.decode()
    ListingFactory(name="Sandal Karet Sidoarjo")
    fresh = Client().get("/directory/")
    assert fresh.context is not None  # a new generation: rendered again
    assert "Sandal Karet Sidoarjo" in fresh.content.decode()


def test_the_process_keeps_a_bounded_number_of_pages(monkeypatch, memory_cache):
    from directory import pagecache

    monkeypatch.setattr(pagecache, "IN_PROCESS", 3)
    ListingFactory()
    for page in range(1, 6):
        Client().get("/directory/", {"q": f"sepatu{page}"})
    assert len(pagecache._in_process) == 3
    memory_cache.clear()
    assert Client().get("/directory/", {"q": "sepatu1"}).context is not None  # the oldest went first
    assert Client().get("/directory/", {"q": "sepatu5"}).context is None
