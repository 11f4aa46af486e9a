"""Control characters in text fields: refused with a message in every form, on model validation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from directory.models import Listing, ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from moderation.models import ErrorReport

from .factories import StaffFactory, UserFactory
from .test_listings import edit_url, form_data

pytestmark = pytest.mark.django_db

ONE_LINE = "Write this on one line"
CONTROL = "control character"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "value", ["PT Baris\r\nBcc: x@example.com", "PT\tTab", "PT \x1b[31mMerah", "PT\x7f", "PT\x85"]
)
def test_a_one_line_field_refuses_line_breaks_and_control_characters(value):
    listing = ListingFactory.build(name=value, contact_person=value)
    with pytest.raises(ValidationError) as caught:
        listing.full_clean(exclude=["slug", "province", "regency", "district"], validate_unique=False)
    assert ONE_LINE in caught.value.message_dict["name"][0]
    assert ONE_LINE in caught.value.message_dict["contact_person"][0]


def test_a_multi_line_field_keeps_line_breaks_but_refuses_other_control_characters():
    listing = ListingFactory.build(description="Baris satu\r\nBaris dua\tdengan tab")
    listing.full_clean(exclude=["slug", "province", "regency", "district"], validate_unique=False)
    listing.description = "Bel \x07 berbunyi"
    with pytest.raises(ValidationError) as caught:
        listing.full_clean(exclude=["slug", "province", "regency", "district"], validate_unique=False)
    assert CONTROL in caught.value.message_dict["description"][0]


def test_the_dashboard_form_shows_the_message_and_saves_nothing(client):
    user = UserFactory()
    listing = ListingFactory(name="PT Asli", status="draft")
    MembershipFactory(listing=listing, user=user, role=ListingMembership.TeamRole.OWNER)
    client.force_login(user)
    data = form_data(client.get(edit_url(listing)))
    response = client.post(edit_url(listing), {**data, "name": "PT Baru\r\nBcc: x@example.com"})
    assert response.status_code == 200
    assert ONE_LINE in " ".join(response.context["form"].errors["name"])
    listing.refresh_from_db()
    assert listing.name == "PT Asli"


def test_a_field_the_form_does_not_show_is_not_reported():
    # An old row with a line break in a field outside the form must not break the form.
    listing = ListingFactory(contact_person="Budi\nSantoso")
    listing.name = "PT Baik"
    listing.full_clean(
        exclude=["slug", "province", "regency", "district", "contact_person"], validate_unique=False
    )


@pytest.mark.parametrize("field", ["name", "contact_person", "address"])
def test_the_admin_refuses_a_line_break_in_a_one_line_field(client, field):
    from directory.tests.test_admin import valid_listing_post

    client.force_login(StaffFactory())
    data = valid_listing_post(**{field: "PT Baru\r\nBcc: x@example.com"})
    response = client.post(reverse("admin:directory_listing_add"), data)
    assert response.status_code == 200
    assert ONE_LINE in " ".join(response.context["adminform"].form.errors[field])
    assert not Listing.objects.exists()


def test_error_report_contact_refuses_a_line_break(client):
    listing = ListingFactory(status="published")
    response = client.post(
        reverse("moderation:report", kwargs={"slug": listing.slug}),
        {"message": "Alamat pabrik\nsudah pindah.", "contact": "saya@example.com\r\nBcc: x@example.com"},
    )
    assert response.status_code == 200
    assert ONE_LINE in " ".join(response.context["form"].errors["contact"])
    assert not ErrorReport.objects.exists()


def test_a_photo_caption_with_a_line_break_is_refused(client):
    from accounts.forms import PhotoForm

    form = PhotoForm(data={"caption": "Pabrik\r\nkami"})
    form.is_valid()
    assert ONE_LINE in " ".join(form.errors["caption"])


def test_a_join_request_keeps_line_breaks_but_refuses_control_characters():
    from accounts.forms import JoinRequestForm

    assert JoinRequestForm(data={"message": "Halo,\r\nsaya karyawan."}).is_valid()
    form = JoinRequestForm(data={"message": "Halo \x1b[2J pemilik"})
    assert not form.is_valid()
    assert CONTROL in " ".join(form.errors["message"])
