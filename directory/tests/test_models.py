import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from accounts.tests.factories import UserFactory
from directory.models import Category, Cluster, Listing, Role, role_counts

from .factories import ListingFactory, MembershipFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English; the catalogue tests cover Indonesian."""
    with translation.override("en"):
        yield


def assert_integrity_error(**changes):
    listing = ListingFactory()
    for field, value in changes.items():
        setattr(listing, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        listing.save()


def test_roles_are_the_chain_in_order():
    assert list(Role.objects.values_list("code", flat=True)) == [
        "material",
        "supplier",
        "producer",
        "brand",
        "organisation",
    ]


def test_every_role_has_bilingual_categories():
    for role in Role.objects.all():
        categories = role.categories.all()
        assert categories, role
        assert all(c.name and c.name_en for c in categories)


def test_category_slug_is_unique_within_a_role():
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.create(role_id="producer", slug="sport", name="x", name_en="x")
    # …but the same slug may serve another role.
    assert Category.objects.filter(slug="sport").count() == 2


@pytest.mark.usefixtures("lifecycle_open")
def test_rejected_listing_needs_a_reason():
    assert_integrity_error(status=Listing.Status.REJECTED, rejection_reason="")
    listing = ListingFactory.build(status=Listing.Status.REJECTED, rejection_reason=" ")
    with pytest.raises(ValidationError) as error:
        listing.full_clean()
    assert "needs a reason" in str(error.value.message_dict["rejection_reason"])


@pytest.mark.usefixtures("lifecycle_open")
def test_unknown_status_is_refused_by_the_database():
    assert_integrity_error(status="deleted")


@pytest.mark.usefixtures("lifecycle_open")
def test_verified_listing_needs_a_date_in_the_database():
    # The verify decision dates the badge (moderation.services.listing_verify).
    assert_integrity_error(verified=True, verified_at=None)


@pytest.mark.parametrize("nib", ["123", "12345678901234", "12345678901ab"])
def test_invalid_nib_is_refused_with_a_clear_message(nib):
    listing = ListingFactory.build(nib=nib)
    with pytest.raises(ValidationError) as error:
        listing.full_clean(exclude=["slug"])
    assert "13 digits" in str(error.value.message_dict["nib"])


def test_nib_length_is_enforced_by_the_database():
    assert_integrity_error(nib="123")


def test_nib_is_unique_but_may_be_empty_on_many_listings():
    ListingFactory(nib="1234567890123")
    ListingFactory(nib="")
    duplicate = ListingFactory.build(nib="1234567890123")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean(exclude=["slug"])
    assert "already has this NIB" in str(error.value)
    assert ListingFactory.build(nib="").full_clean(exclude=["slug"]) is None


@pytest.mark.parametrize("field", ["phone", "whatsapp"])
def test_invalid_phone_is_refused(field):
    listing = ListingFactory.build(**{field: "12ab"})
    with pytest.raises(ValidationError) as error:
        listing.full_clean(exclude=["slug"])
    assert field in error.value.message_dict


def test_phone_numbers_are_normalised_to_e164():
    listing = ListingFactory(whatsapp="0812-3456-7890", phone="(031) 8921234")
    listing.refresh_from_db()
    assert listing.whatsapp.as_e164 == "+6281234567890"
    assert listing.phone.as_e164 == "+62318921234"
    assert listing.whatsapp_url == "https://wa.me/6281234567890"


def test_regency_must_lie_in_the_province():
    listing = ListingFactory.build(province_id="32", regency_id="35.15", district_id=None)
    with pytest.raises(ValidationError) as error:
        listing.full_clean(exclude=["slug"])
    assert "is not in Jawa Barat" in str(error.value.message_dict["regency"])


def test_district_must_lie_in_the_regency():
    listing = ListingFactory.build(district_id="32.73.17")
    with pytest.raises(ValidationError) as error:
        listing.full_clean(exclude=["slug"])
    assert "Bojongloa Kidul is not in Kabupaten Sidoarjo" in str(error.value.message_dict["district"])


def test_coordinates_come_in_pairs_and_inside_indonesia():
    assert_integrity_error(latitude="-7.5", longitude=None)
    listing = ListingFactory.build(latitude="48.85", longitude="2.35")
    with pytest.raises(ValidationError) as error:
        listing.full_clean(exclude=["slug"])
    assert {"latitude", "longitude"} <= set(error.value.message_dict)


def test_social_links_must_point_to_their_platform():
    listing = ListingFactory.build(instagram="https://example.com/shoes")
    with pytest.raises(ValidationError) as error:
        listing.full_clean(exclude=["slug"])
    assert "instagram.com" in str(error.value.message_dict["instagram"])


def test_kbli_codes_are_validated_and_normalised():
    listing = ListingFactory.build(kbli_codes="1520")
    with pytest.raises(ValidationError):
        listing.full_clean(exclude=["slug"])
    listing = ListingFactory(kbli_codes="15201;15202  15201")
    assert listing.kbli_codes == "15201, 15202"


def test_categories_must_belong_to_the_listing_roles():
    producer = Role.objects.get(code="producer")
    with pytest.raises(ValidationError) as error:
        Listing.check_taxonomy([producer], [category("supplier", "outsoles")], [])
    assert "Outsoles" in str(error.value) or "Sol luar" in str(error.value)
    Listing.check_taxonomy([producer], [category("producer", "sport")], [])


def test_slug_is_made_unique_from_the_name():
    first = ListingFactory(name="Sepatu Maju Jaya")
    second = ListingFactory(name="Sepatu Maju Jaya")
    assert (first.slug, second.slug) == ("sepatu-maju-jaya", "sepatu-maju-jaya-2")


def test_published_queryset_hides_every_other_status():
    for status in Listing.Status.values:
        ListingFactory(status=status, rejection_reason="x")
    assert list(Listing.objects.published().values_list("status", flat=True)) == ["published"]


def test_for_user_returns_only_the_users_listings():
    membership = MembershipFactory()
    ListingFactory()
    assert list(Listing.objects.for_user(membership.user)) == [membership.listing]
    assert not Listing.objects.for_user(UserFactory()).exists()


def test_role_counts_count_published_listings_per_role():
    ListingFactory(roles=["producer", "brand"])
    ListingFactory(roles=["producer"])
    ListingFactory(roles=["producer"], status=Listing.Status.DRAFT)
    counts = {role.code: role.count for role in role_counts()}
    assert counts == {"material": 0, "supplier": 0, "producer": 2, "brand": 1, "organisation": 0}


def test_cluster_members_are_published_listings_in_its_area():
    tanggulangin = Cluster.objects.get(slug="tanggulangin")
    inside = ListingFactory()
    ListingFactory(district_id="35.15.01")  # Sidoarjo, another district
    ListingFactory(status=Listing.Status.DRAFT)
    assert list(tanggulangin.listings()) == [inside]


def test_localized_description_falls_back_to_indonesian_on_english_pages():
    listing = ListingFactory.build(description="Sepatu kulit", description_en="")
    with translation.override("en"):
        assert listing.localized_description == ("Sepatu kulit", True)
    listing.description_en = "Leather shoes"
    with translation.override("en"):
        assert listing.localized_description == ("Leather shoes", False)
    with translation.override("id"):
        assert listing.localized_description == ("Sepatu kulit", False)
