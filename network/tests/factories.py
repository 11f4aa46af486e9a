import factory

from directory.models import CommunityMember, SupplyLink
from directory.tests.factories import ListingFactory


class OrganisationFactory(ListingFactory):
    """A published association in Sidoarjo."""

    name = factory.Sequence(lambda n: f"Asosiasi Uji {n}")
    legal_form = "association"

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        if create:
            obj.roles.set(extracted or ["organisation"])


class SupplyLinkFactory(factory.django.DjangoModelFactory):
    """A confirmed link, declared by the supplier."""

    class Meta:
        model = SupplyLink

    supplier = factory.SubFactory(ListingFactory, roles=["material"])
    customer = factory.SubFactory(ListingFactory)
    status = SupplyLink.Status.CONFIRMED
    proposer = factory.SelfAttribute("supplier")


class CommunityMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityMember

    organisation = factory.SubFactory(OrganisationFactory)
    member = factory.SubFactory(ListingFactory)
    status = CommunityMember.Status.CONFIRMED
