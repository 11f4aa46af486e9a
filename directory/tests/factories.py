import factory

from directory.models import (
    Category,
    CommunityMember,
    Listing,
    ListingMembership,
    Role,
    SupplyLink,
    lifecycle_change,
)


class ListingFactory(factory.django.DjangoModelFactory):
    """A published producer in Tanggulangin, Sidoarjo, unless told otherwise."""

    class Meta:
        model = Listing
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Sepatu Uji {n}")
    status = Listing.Status.PUBLISHED
    province_id = "35"
    regency_id = "35.15"
    district_id = "35.15.06"
    description = "Produsen sepatu kulit."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Fictitious listings are created in any status, as a decision would leave them.
        with lifecycle_change():
            return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        if create:
            obj.roles.set(Role.objects.filter(code__in=extracted or ["producer"]))

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListingMembership

    listing = factory.SubFactory(ListingFactory)
    user = factory.SubFactory("accounts.tests.factories.UserFactory")
    role = ListingMembership.TeamRole.OWNER


def category(role, slug):
    return Category.objects.get(role_id=role, slug=slug)


class OrganisationFactory(ListingFactory):
    """A published association in Sidoarjo."""

    name = factory.Sequence(lambda n: f"Asosiasi Uji {n}")
    legal_form = "association"

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        if create:
            obj.roles.set(extracted or ["organisation"])


class SupplyLinkFactory(factory.django.DjangoModelFactory):
    """A confirmed link from a tannery to a producer, declared by the tannery."""

    class Meta:
        model = SupplyLink

    supplier = factory.SubFactory(ListingFactory, roles=["material"])
    customer = factory.SubFactory(ListingFactory)
    status = SupplyLink.Status.CONFIRMED
    proposer = factory.SelfAttribute("supplier")


class CommunityMemberFactory(factory.django.DjangoModelFactory):
    """A confirmed member of an association's roster."""

    class Meta:
        model = CommunityMember

    organisation = factory.SubFactory(OrganisationFactory)
    member = factory.SubFactory(ListingFactory)
    status = CommunityMember.Status.CONFIRMED
