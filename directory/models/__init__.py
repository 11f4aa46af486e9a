"""The directory's data: regions, the chain's roles and taxonomy, listings, clusters, links between listings.

Django finds the models through the names imported here; the rest of the
code imports them from `directory.models` as before.
"""

from ..search import SEARCH_MAX_LENGTH, normalize_search_text
from .clusters import Cluster, clusters_with_counts, role_counts
from .generation import DirectoryGeneration
from .lifecycle import LifecycleGuardError, lifecycle_change
from .listing import Listing
from .membership import ListingMembership
from .network import CommunityMember, SupplyLink, chain_of, communities_of, primary_role, roster_of
from .photos import ListingPhoto
from .queryset import ListingQuerySet
from .regions import District, Extent, Province, Regency, province_extents, within
from .taxonomy import BilingualNameMixin, Category, CategoryQuerySet, Certification, Feature, Role, in_english
from .verification import CertificateCheck, Verification

__all__ = [
    "SEARCH_MAX_LENGTH",
    "BilingualNameMixin",
    "Category",
    "CertificateCheck",
    "CategoryQuerySet",
    "Certification",
    "Cluster",
    "CommunityMember",
    "DirectoryGeneration",
    "District",
    "Extent",
    "Feature",
    "LifecycleGuardError",
    "Listing",
    "ListingMembership",
    "ListingPhoto",
    "ListingQuerySet",
    "Province",
    "Regency",
    "Role",
    "SupplyLink",
    "Verification",
    "chain_of",
    "communities_of",
    "clusters_with_counts",
    "in_english",
    "lifecycle_change",
    "normalize_search_text",
    "primary_role",
    "province_extents",
    "role_counts",
    "roster_of",
    "within",
]
