import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from directory.models import Listing

from .factories import ListingFactory

pytestmark = pytest.mark.django_db

MODELS = list(admin.site._registry)


def admin_url(model, page):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}")


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_changelist_renders_for_staff(staff_client, model):
    ListingFactory()
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_add_page_renders_for_staff_or_is_withheld_by_design(staff_client, model):
    response = staff_client.get(admin_url(model, "add"))
    withheld = not admin.site._registry[model].has_add_permission(response.wsgi_request)
    assert response.status_code == (403 if withheld else 200)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
@pytest.mark.parametrize("page", ["changelist", "add"])
def test_admin_pages_send_anonymous_visitors_to_log_in(client, model, page):
    response = client.get(admin_url(model, page))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_pages_refuse_logged_in_non_staff(client):
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(admin_url(Listing, "changelist"))
    assert response.status_code == 302


def test_listing_change_page_and_filters_render(staff_client):
    listing = ListingFactory()
    url = reverse("admin:directory_listing_change", args=[listing.pk])
    assert staff_client.get(url).status_code == 200
    changelist = admin_url(Listing, "changelist")
    response = staff_client.get(
        changelist, {"status__exact": "published", "roles__code__exact": "producer", "q": "Uji"}
    )
    assert response.status_code == 200
    assert listing.name in response.content.decode()


def valid_listing_post(**overrides):
    data = {
        "name": "PT Langkah Uji",
        "slug": "pt-langkah-uji",
        "roles": ["producer"],
        "categories": [],
        "province": "35",
        "regency": "35.15",
        "district": "35.15.06",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_creates_a_valid_listing(staff_client):
    response = staff_client.post(admin_url(Listing, "add"), valid_listing_post())
    assert response.status_code == 302, response.context["adminform"].form.errors
    listing = Listing.objects.get(slug="pt-langkah-uji")
    assert [r.code for r in listing.roles.all()] == ["producer"]
    # A listing made in the admin is a draft until a moderator decides; the form cannot publish it.
    assert listing.status == Listing.Status.DRAFT


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"nib": "12345"}, "nib", "13 digits"),
        ({"whatsapp": "not a phone"}, "whatsapp", "valid phone number"),
        ({"province": "32"}, "regency", "is not in Jawa Barat"),
        ({"district": "32.73.17"}, "district", "is not in Kabupaten Sidoarjo"),
        ({"roles": []}, "roles", "required"),
    ],
)
def test_admin_refuses_invalid_listing_with_a_clear_message(staff_client, overrides, field, message):
    from django.utils import translation

    with translation.override("en"):
        response = staff_client.post(admin_url(Listing, "add"), valid_listing_post(**overrides))
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert message in " ".join(errors[field]), errors
    assert not Listing.objects.exists()


def test_admin_refuses_a_category_of_another_role(staff_client):
    from .factories import category

    outsoles = category("supplier", "outsoles")
    response = staff_client.post(admin_url(Listing, "add"), valid_listing_post(categories=[outsoles.pk]))
    assert response.status_code == 200
    assert "categories" in response.context["adminform"].form.errors
    assert not Listing.objects.exists()


def test_admin_carries_the_portal_name(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "IFN Directory: moderasi BPIPI" in html
    assert "Django administration" not in html and "Administrasi Django" not in html


def test_listing_admin_search_finds_name_parts_and_exact_nib_or_slug(admin_client):
    by_name = ListingFactory(name="Sepatu Cahaya Timur")
    by_nib = ListingFactory(name="Lain", nib="1234567890123")
    by_slug = ListingFactory(name="Juga Lain", slug="juga-lain-slug")
    url = reverse("admin:directory_listing_changelist")

    def found(q):
        return {x.pk for x in admin_client.get(url, {"q": q}).context["cl"].result_list}

    assert found("cahaya") == {by_name.pk}
    assert found("1234567890123") == {by_nib.pk}
    assert found("juga-lain-slug") == {by_slug.pk}
    assert found("12345") == set()
