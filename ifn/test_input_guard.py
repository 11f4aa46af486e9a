"""NUL bytes and control characters in a request are refused with a 400 and a message, never a 500."""

import pytest
from django.urls import reverse

from accounts.tests.factories import StaffFactory, UserFactory
from directory.models import Listing
from directory.tests.factories import ListingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def assert_refused(response, part_message):
    assert response.status_code == 400
    assert part_message in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/?q=%00",
        "/directory/?q=abc%00def",
        "/directory/?province=%00",
        "/directory/?%00=1",
        "/en/directory/?q=%1b%5b31m",
        "/directory/%00/",
        "/directory/map.json?role=%00",
        "/clusters/?q=%07",
    ],
)
def test_public_pages_refuse_control_characters_in_the_address(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "control character" in response.content.decode() or "karakter kontrol" in response.content.decode()


def test_the_message_is_in_the_page_language(client):
    assert_refused(client.get("/en/directory/?q=%00"), "contain a control character")
    assert_refused(client.get("/directory/?q=%00"), "karakter kontrol")


def test_line_breaks_and_tabs_in_a_search_are_no_control_characters(client):
    assert client.get("/directory/?q=sepatu%0Akulit%09").status_code == 200


def test_dashboard_refuses_nul_in_query_path_and_form(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:regions") + "?province=%00").status_code == 400
    assert client.get("/dashboard/invitations/%00/").status_code == 400
    data = {"name": "Sepatu Maju", "roles": ["producer"], "province": "\x00", "regency": "35.15"}
    response = client.post(reverse("accounts:listing_create") + "?roles=producer", data)
    assert_refused(response, "tidak ada yang disimpan")
    assert not Listing.objects.exists()


def test_admin_refuses_nul_in_changelist_filters_and_history_urls(client):
    client.force_login(StaffFactory())
    listing = ListingFactory()
    changelist = reverse("admin:directory_listing_changelist")
    assert client.get(changelist + "?status__exact=%00").status_code == 400
    assert client.get(changelist + "?q=%00").status_code == 400
    assert client.get("/admin/directory/listing/%00/history/").status_code == 400
    assert client.get("/admin/directory/listing/%00/change/").status_code == 400
    assert client.get(f"/admin/directory/listing/{listing.pk}/history/?x=%00").status_code == 400


def test_forms_with_nul_save_nothing(client):
    listing = ListingFactory(status="published")
    response = client.post(
        reverse("moderation:report", kwargs={"slug": listing.slug}),
        {"message": "Alamatnya salah\x00 sekali", "contact": ""},
    )
    assert response.status_code == 400
    assert not listing.error_reports.exists()
    response = client.post(reverse("account_login"), {"login": "a\x00@example.com", "password": "x"})
    assert response.status_code == 400
    response = client.post(reverse("account_signup"), {"email": "a@example.com\x00", "password1": "x"})
    assert response.status_code == 400


def test_a_file_name_with_nul_is_refused(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = UserFactory()
    listing = ListingFactory()
    MembershipFactory(listing=listing, user=user, role="owner")
    client.force_login(user)
    upload = SimpleUploadedFile("logo\x00.png", b"\x89PNG", content_type="image/png")
    response = client.post(reverse("accounts:logo", kwargs={"slug": listing.slug}), {"logo": upload})
    assert response.status_code == 400


def test_api_answers_json_in_the_requested_language(client):
    response = client.get("/api/listings/?q=%00", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "control character" in response.json()["detail"]
    response = client.get("/api/listings/%01/")
    assert response.status_code == 400
    assert "karakter kontrol" in response.json()["detail"]
