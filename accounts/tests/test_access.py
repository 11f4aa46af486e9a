"""Every dashboard URL that names a listing, for every kind of visitor."""

import pytest
from django.urls import reverse

from directory.models import ListingMembership, ListingPhoto
from directory.tests.factories import ListingFactory, MembershipFactory

from .factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

Owner, Editor = ListingMembership.TeamRole.OWNER, ListingMembership.TeamRole.EDITOR


@pytest.fixture
def team_listing():
    listing = ListingFactory(status="draft")
    owner = MembershipFactory(listing=listing, role=Owner).user
    editor = MembershipFactory(listing=listing, role=Editor).user
    photo = ListingPhoto.objects.create(
        listing=listing, image="photos/x.jpg", thumbnail="photos/thumbs/x.jpg"
    )
    # Another company, with a listing of its own.
    other = MembershipFactory(role=Owner).user
    return {"listing": listing, "owner": owner, "editor": editor, "other": other, "photo": photo}


# (url name, needs a photo/member pk, owner only)
LISTING_URLS = [
    ("accounts:listing_edit", None, False),
    ("accounts:listing_submit", None, False),
    ("accounts:photos", None, False),
    ("accounts:photo_caption", "photo", False),
    ("accounts:photo_move", "photo", False),
    ("accounts:photo_delete", "photo", False),
    ("accounts:logo", None, False),
    ("accounts:team", None, True),
    ("accounts:member_remove", "member", True),
    ("accounts:ownership_hand_over", "member", True),
]
POST_ONLY = {
    "accounts:listing_submit",
    "accounts:photo_caption",
    "accounts:photo_move",
    "accounts:photo_delete",
    "accounts:logo",
    "accounts:member_remove",
    "accounts:ownership_hand_over",
}


def url_for(name, extra, team):
    kwargs = {"slug": team["listing"].slug}
    if extra == "photo":
        kwargs["pk"] = team["photo"].pk
    elif extra == "member":
        kwargs["pk"] = team["listing"].memberships.get(user=team["editor"]).pk
    return reverse(name, kwargs=kwargs)


def request(client, name, url):
    return client.post(url, {}) if name in POST_ONLY else client.get(url)


@pytest.mark.parametrize(("name", "extra", "owner_only"), LISTING_URLS)
def test_anonymous_is_sent_to_log_in(client, team_listing, name, extra, owner_only):
    url = url_for(name, extra, team_listing)
    response = request(client, name, url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login") + "?next=")


@pytest.mark.parametrize(("name", "extra", "owner_only"), LISTING_URLS)
@pytest.mark.parametrize("visitor", ["other", "staff"])
def test_other_company_and_staff_get_404(client, team_listing, name, extra, owner_only, visitor):
    user = team_listing["other"] if visitor == "other" else StaffFactory()
    client.force_login(user)
    response = request(client, name, url_for(name, extra, team_listing))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "extra", "owner_only"), LISTING_URLS)
def test_editor_reaches_shared_pages_but_not_owner_pages(client, team_listing, name, extra, owner_only):
    client.force_login(team_listing["editor"])
    response = request(client, name, url_for(name, extra, team_listing))
    if owner_only:
        assert response.status_code == 404
    else:
        assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize(("name", "extra", "owner_only"), LISTING_URLS)
def test_owner_reaches_every_page(client, team_listing, name, extra, owner_only):
    client.force_login(team_listing["owner"])
    response = request(client, name, url_for(name, extra, team_listing))
    assert response.status_code in (200, 302, 400)


def test_photo_of_another_listing_is_404_even_for_an_owner(client, team_listing):
    foreign = ListingPhoto.objects.create(listing=ListingFactory(), image="photos/y.jpg")
    client.force_login(team_listing["owner"])
    url = reverse("accounts:photo_delete", kwargs={"slug": team_listing["listing"].slug, "pk": foreign.pk})
    assert client.post(url).status_code == 404
    assert ListingPhoto.objects.filter(pk=foreign.pk).exists()


def test_member_of_another_listing_is_404_for_team_actions(client, team_listing):
    foreign = MembershipFactory(role=Editor)
    client.force_login(team_listing["owner"])
    url = reverse("accounts:member_remove", kwargs={"slug": team_listing["listing"].slug, "pk": foreign.pk})
    assert client.post(url).status_code == 404
    assert ListingMembership.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize(
    "name", ["accounts:dashboard", "accounts:listing_create", "accounts:regions", "accounts:account"]
)
def test_pages_without_a_listing_need_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    client.force_login(UserFactory())
    assert client.get(reverse(name)).status_code == 200


def test_dashboard_lists_only_the_users_own_listings(client, team_listing):
    client.force_login(team_listing["other"])
    response = client.get(reverse("accounts:dashboard"))
    assert team_listing["listing"].name not in response.content.decode()


def test_forms_require_csrf(team_listing):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(team_listing["owner"])
    url = reverse("accounts:listing_submit", kwargs={"slug": team_listing["listing"].slug})
    assert client.post(url).status_code == 403
    page = client.get(reverse("accounts:listing_edit", kwargs={"slug": team_listing["listing"].slug}))
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
