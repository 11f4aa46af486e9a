"""Every page of the portal, for the tests that visit them all: both
languages (ifn/test_pages_in_both_languages.py) and the browser checks of
layout, accessibility and HTML (ifn/test_pages_browser.py and
ifn/test_pages_browser_desktop.py).

`build()` makes the data those pages need and returns the pages as
(name, kwargs) pairs per kind of visitor, so each test reverses them in the
language it asks for. The admin's pages are found from its registry, so a
model registered later is visited too.
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import translation

# Pages that show stored text in the language it was written in (an email as
# sent to an Indonesian owner): the language check leaves them out.
STORED_TEXT = {"admin:outbox_email_change", "admin:outbox_email_history"}


@dataclass
class Pages:
    public: list = field(default_factory=list)
    dashboard: list = field(default_factory=list)
    admin: list = field(default_factory=list)
    owner: object = None
    staff: object = None

    def urls(self, group, language):
        """The group's pages as paths in `language`."""
        with translation.override(language):
            return [reverse(name, kwargs=kwargs) for name, kwargs in getattr(self, group)]


def _admin_pages(objects):
    """The admin index, then each registered model's list, add and change pages."""
    pages = [("admin:index", {})]
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append((f"{prefix}_changelist", {}))
        try:
            reverse(f"{prefix}_add")
        except NoReverseMatch:
            pass
        else:
            if model_admin.has_add_permission(_StaffRequest()):
                pages.append((f"{prefix}_add", {}))
        instance = objects.get(model) or model._default_manager.order_by("pk").first()
        if instance is not None:
            pages.append((f"{prefix}_change", {"object_id": instance.pk}))
            pages.append((f"{prefix}_history", {"object_id": instance.pk}))
    return pages


class _StaffRequest:
    """Just enough of a request for has_add_permission(): a superuser's."""

    class user:  # noqa: N801 (an attribute that looks like a user)
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


def build():
    """Make the data the pages show and return them, with their visitors."""
    from accounts.models import Claim, Invitation
    from accounts.services import invitation_create
    from accounts.tests.factories import StaffFactory, UserFactory
    from directory.models import Cluster, Feature, Listing, ListingMembership
    from directory.tests.factories import (
        CommunityMemberFactory,
        ListingFactory,
        OrganisationFactory,
        SupplyLinkFactory,
    )
    from enquiries.tests.factories import EnquiryFactory
    from moderation import services as moderation
    from moderation.models import ErrorReport
    from moderation.tests.factories import ErrorReportFactory
    from projects.tests.factories import InterestFactory, ProjectFactory

    listing = ListingFactory(
        name="Sepatu Kulit Tanggulangin",
        whatsapp="+6281234567890",
        description_en="",
        capacity_pairs=3000,
        moq_pairs=50,
        export_markets=["JP", "MY"],
        latitude="-7.536000",
        longitude="112.700000",
    )
    listing.features.set(Feature.objects.filter(slug__in=["oem", "makloon"]))
    ListingFactory(name="Sol Karet Sidoarjo", roles=["supplier"])
    ListingFactory(name="Kulit Samak Jawa Timur", roles=["material"])
    unclaimed = ListingFactory(name="Merek Sandal Porong", roles=["brand"])
    pending = ListingFactory(name="Sepatu Menunggu", status=Listing.Status.PENDING)
    owner = UserFactory(email="pemilik@example.com")
    ListingMembership.objects.create(listing=listing, user=owner, role=ListingMembership.TeamRole.OWNER)
    ListingMembership.objects.create(listing=pending, user=owner, role=ListingMembership.TeamRole.OWNER)
    staff = StaffFactory(is_superuser=True, email="staf@example.com")
    claim = Claim.objects.create(
        listing=unclaimed, user=UserFactory(), position="Pemilik", message="Ini usaha saya."
    )
    report = ErrorReportFactory(listing=listing)
    # A decision, its email to the owner and an invitation, as the portal makes them.
    moderation.listing_request_changes(listing=pending, by=staff, reason="Tambahkan foto produk.")
    invitation = invitation_create(listing=listing, email="editor@example.com", by=owner)
    cluster = Cluster.objects.get(slug="tanggulangin")
    # The network's pages, with something on each: a link, a roster, an enquiry, a project.
    organisation = OrganisationFactory(name="Asosiasi Persepatuan Sidoarjo")
    ListingMembership.objects.create(listing=organisation, user=owner, role=ListingMembership.TeamRole.OWNER)
    SupplyLinkFactory(customer=listing, status="proposed")
    SupplyLinkFactory(supplier=listing)
    CommunityMemberFactory(organisation=organisation, member=listing)
    CommunityMemberFactory(organisation=organisation, status="requested")
    enquiry = EnquiryFactory(listing=listing)
    project = ProjectFactory(organiser=organisation)
    InterestFactory(project=project, listing=listing, status="selected")

    pages = Pages(owner=owner, staff=staff)
    pages.public = [
        ("directory:home", {}),
        ("directory:list", {}),
        ("directory:clusters", {}),
        ("directory:cluster", {"slug": cluster.slug}),
        ("directory:glossary", {}),
        ("directory:detail", {"slug": listing.slug}),
        ("directory:detail", {"slug": unclaimed.slug}),
        ("moderation:report", {"slug": listing.slug}),
        ("directory:detail", {"slug": organisation.slug}),
        ("enquiries:create", {"slug": listing.slug}),
        ("projects:list", {}),
        ("projects:detail", {"slug": project.slug}),
        ("stats:index", {}),
        ("account_login", {}),
        ("account_signup", {}),
        ("account_reset_password", {}),
    ]
    pages.dashboard = [
        ("accounts:dashboard", {}),
        ("accounts:listing_create", {}),
        ("accounts:account", {}),
        ("accounts:account_delete", {}),
        ("accounts:claim", {"slug": unclaimed.slug}),
        ("accounts:listing_edit", {"slug": listing.slug}),
        ("accounts:photos", {"slug": listing.slug}),
        ("accounts:team", {"slug": listing.slug}),
        ("network:links", {"slug": listing.slug}),
        ("network:communities", {"slug": listing.slug}),
        ("network:roster", {"slug": organisation.slug}),
        ("enquiries:inbox", {"slug": listing.slug}),
        ("enquiries:detail", {"slug": listing.slug, "pk": enquiry.pk}),
        ("projects:mine", {}),
        ("projects:propose", {}),
        ("projects:manage", {"slug": project.slug}),
        ("projects:detail", {"slug": project.slug}),
    ]
    pages.admin = _admin_pages({Listing: listing, Claim: claim, ErrorReport: report, Invitation: invitation})
    pages.admin += [("admin:directory_listing_import", {})]
    return pages
