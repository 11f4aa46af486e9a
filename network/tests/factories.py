# The roster and link factories are the directory's (its models); imported here for the network's tests.
from directory.tests.factories import CommunityMemberFactory, OrganisationFactory, SupplyLinkFactory

__all__ = ["CommunityMemberFactory", "OrganisationFactory", "SupplyLinkFactory"]
