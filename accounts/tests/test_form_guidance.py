"""The listing form guides: an error summary, marks on what review needs,
choices grouped by role and kind, export markets abroad, a map pin checked
against the province, and the save buttons always in reach."""

import re

import pytest
from django.urls import reverse

from directory.models import Category, Feature, Listing
from directory.tests.factories import ListingFactory, MembershipFactory

from .factories import UserFactory
from .test_listings import edit_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def owned(user, **kwargs):
    listing = ListingFactory(**kwargs)
    MembershipFactory(listing=listing, user=user)
    return listing


def create_url(*roles):
    return reverse("accounts:listing_create") + "?" + "&".join(f"roles={role}" for role in roles)


def test_a_failed_save_lists_every_problem_at_the_top_with_links(client, owner):
    response = client.post(create_url("producer"), {"name": "", "action": "save", "postal_code": "12"})
    html = response.content.decode()
    assert response.status_code == 200
    summary = html[
        html.index('data-testid="error-summary"') : html.index("</ul>", html.index("error-summary"))
    ]
    # Before the first field, focusable, one link per field in error.
    assert html.index('data-testid="error-summary"') < html.index('id="id_name"')
    assert 'tabindex="-1"' in html[html.rindex("<div", 0, html.index("error-summary")) :][:400]
    assert 'href="#id_name"' in summary and 'href="#id_province"' in summary
    # A list of checkboxes is reached at its first box.
    assert 'href="#id_roles_0"' in summary
    assert 'href="#id_postal_code"' in summary
    assert "Perbaiki 4 hal sebelum menyimpan" in summary or "Perbaiki" in summary
    # Each field says what is wrong beside it, tied to it for screen readers.
    assert re.search(r'<input[^>]*name="name"[^>]*aria-invalid="true"', html)
    assert re.search(r'aria-describedby="id_name_error"', html)
    assert 'id="id_name_error"' in html
    assert not Listing.objects.exists()


def test_no_summary_when_the_form_only_refreshes_its_choices(client, owner):
    response = client.post(create_url("producer"), {"name": "", "refresh": "1", "province": "35"})
    assert 'data-testid="error-summary"' not in response.content.decode()


def test_step_one_without_a_role_says_so(client, owner):
    response = client.get(reverse("accounts:listing_create"), {"step": "roles"})
    html = response.content.decode()
    assert 'data-testid="error-summary"' in html and "Pilih minimal satu peran." in html
    # The first visit asks without scolding.
    first = client.get(reverse("accounts:listing_create")).content.decode()
    assert 'data-testid="error-summary"' not in first
    assert 'name="step" value="roles"' in first


def test_what_review_needs_is_marked_from_the_model_rule(client, owner):
    html = client.get(create_url("producer")).content.decode()
    for name in Listing.REVIEW_FIELDS:
        label = html[html.index(f'for="id_{name}"') :][:300]
        assert "ifn-review-mark" in label, name
    name_label = html[html.index('for="id_name"') :][:200]
    assert 'class="ifn-required"' in name_label and "ifn-review-mark" not in name_label
    address_label = html[html.index('for="id_address"') :][:200]
    assert "ifn-review-mark" not in address_label and "ifn-required" not in address_label


def test_categories_appear_once_under_their_role_and_features_by_kind(client, owner):
    html = client.get(create_url("producer", "brand")).content.decode()
    for category in Category.objects.active().filter(role__in=["producer", "brand"]):
        assert html.count(f'name="categories" value="{category.pk}"') == 1
    # One heading per role, labels without the role's name repeated.
    assert re.search(
        r'class="ifn-check-group-title ifn-role-producer"><span class="ifn-role-icon" aria-hidden="true"></span>Produsen</p>',
        html,
    )
    assert re.search(
        r'class="ifn-check-group-title ifn-role-brand"><span class="ifn-role-icon" aria-hidden="true"></span>Merek lokal</p>',
        html,
    )
    assert "(Produsen)" not in html

    # Features: services, then construction methods, then sales channels.
    def position(slug):
        return html.index(f'name="features" value="{Feature.objects.get(slug=slug).pk}"')

    service = html.index(">Layanan produksi</p>")
    construction = html.index(">Metode konstruksi</p>")
    assert service < position("oem") < construction < position("cemented") < position("marketplace")


def test_export_markets_are_searchable_indonesian_names_without_indonesia(client, owner):
    html = client.get(create_url("producer")).content.decode()
    assert "data-searchable-checkboxes" in html
    assert 'type="checkbox" name="export_markets" value="JP"' in html
    assert ">Jepang</label>" in html and ">Korea Selatan</label>" in html
    assert 'value="ID"' not in html
    assert "<select" not in html[html.index("data-searchable-checkboxes") :][:3000]


def test_indonesia_cannot_be_posted_as_an_export_market(client, owner):
    listing = owned(owner, roles=["producer"])
    response = client.get(edit_url(listing))
    data = form_data(response) | {"export_markets": ["ID", "JP"], "action": "save"}
    response = client.post(edit_url(listing), data)
    assert response.status_code == 200
    assert 'href="#id_export_markets_0"' in response.content.decode()
    listing.refresh_from_db()
    assert list(listing.export_markets) == []


def test_the_map_pin_saves_coordinates_inside_the_province(client, owner):
    listing = owned(owner, roles=["producer"])
    response = client.get(edit_url(listing))
    html = response.content.decode()
    assert "data-pin-map" in html and 'id="id_latitude"' in html
    # The picker opens on the province: its extent travels with the region pickers.
    assert re.search(
        r'id="region-fields" class="row g-3" data-extent="-?\d+\.\d+,-?\d+\.\d+,\d+\.\d+,\d+\.\d+"', html
    )
    data = form_data(response) | {"latitude": "-7.536000", "longitude": "112.700000", "action": "save"}
    assert client.post(edit_url(listing), data).status_code == 302
    listing.refresh_from_db()
    assert (str(listing.latitude), str(listing.longitude)) == ("-7.536000", "112.700000")


@pytest.mark.parametrize(
    "latitude, longitude",
    [("-6.914700", "107.609800"), ("112.700000", "-7.536000"), ("7.536000", "112.700000")],
    ids=["bandung-for-east-java", "swapped", "north-of-the-equator"],
)
def test_a_pin_outside_the_province_is_refused_with_a_clear_message(client, owner, latitude, longitude):
    listing = owned(owner, roles=["producer"])
    response = client.get(edit_url(listing))
    data = form_data(response) | {"latitude": latitude, "longitude": longitude, "action": "save"}
    response = client.post(edit_url(listing), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_latitude"' in html
    assert "di luar Jawa Timur" in html
    listing.refresh_from_db()
    assert listing.latitude is None


def test_the_save_buttons_stay_in_reach(client, owner):
    html = client.get(create_url("producer")).content.decode()
    bar = html[html.index('data-testid="savebar"') :][:800]
    assert 'value="save"' in bar and 'value="submit"' in bar
