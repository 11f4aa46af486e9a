import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from accounts.tests.factories import UserFactory
from directory.models import Listing
from directory.tests.factories import ListingFactory, MembershipFactory
from moderation.models import Decision, ErrorReport

from .factories import VERIFY_POST, ErrorReportFactory, moderator

pytestmark = pytest.mark.django_db

Status = Listing.Status


@pytest.fixture
def mod_client(client):
    client.force_login(moderator())
    return client


# --- The moderator group ------------------------------------------------------


# Granted by the network's, enquiries' and projects' own migrations.
NETWORK_WORK = {
    *(
        f"directory.{verb}_{model}"
        for model in ["supplylink", "communitymember"]
        for verb in ["add", "change", "view"]
    ),
    "network.view_editproposal",
    "network.change_editproposal",
    "enquiries.view_enquiry",
    "enquiries.change_enquiry",
    "enquiries.view_reply",
    "enquiries.view_responsestats",
    *(f"projects.{verb}_{model}" for model in ["project", "interest"] for verb in ["add", "change", "view"]),
}


def test_the_moderator_group_has_exactly_the_moderation_and_taxonomy_permissions():
    group = Group.objects.get(name="BPIPI moderator")
    granted = {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }
    taxonomy = {
        f"directory.{verb}_{model}"
        for model in ["category", "feature", "certification", "cluster"]
        for verb in ["add", "change", "delete", "view"]
    }
    assert (
        granted
        == taxonomy
        | {
            "directory.view_listing",
            "directory.change_listing",
            "directory.view_listingphoto",
            "directory.view_listingmembership",
            "directory.view_province",
            "directory.view_regency",
            "directory.view_district",
            "directory.view_role",
            "moderation.moderate_listing",
            "moderation.view_decision",
            "moderation.view_pendinglisting",
            "moderation.view_changedlisting",
            "moderation.view_reverificationduelisting",
            "directory.view_verification",
            "moderation.view_errorreport",
            "moderation.change_errorreport",
            "accounts.view_claim",
            "accounts.change_claim",
        }
        | NETWORK_WORK
    )
    assert not any(p.startswith("auth.") or p.startswith("accounts.") and "claim" not in p for p in granted)


def moderator_pages():
    listing = ListingFactory(status=Status.PENDING)
    return listing, [
        reverse("admin:index"),
        reverse("admin:directory_listing_changelist"),
        reverse("admin:directory_listing_change", args=[listing.pk]),
        reverse("admin:directory_listing_decide", args=[listing.pk, "reject"]),
        reverse("admin:moderation_pendinglisting_changelist"),
        reverse("admin:moderation_changedlisting_changelist"),
        reverse("admin:moderation_errorreport_changelist"),
        reverse("admin:moderation_decision_changelist"),
        reverse("admin:directory_category_add"),
        reverse("admin:directory_feature_changelist"),
        reverse("admin:directory_certification_add"),
        reverse("admin:directory_cluster_changelist"),
        reverse("admin:accounts_claim_changelist"),
        reverse("admin:directory_listing_history", args=[listing.pk]),
    ]


def test_a_moderator_may_open_the_moderation_and_taxonomy_pages(mod_client):
    _listing, pages = moderator_pages()
    for url in pages:
        assert mod_client.get(url).status_code == 200, url


def test_a_moderator_cannot_manage_accounts_groups_or_permissions(mod_client):
    staff = UserFactory(is_staff=True)
    group = Group.objects.get(name="BPIPI moderator")
    for url in [
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[staff.pk]),
        reverse("admin:accounts_user_add"),
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_group_change", args=[group.pk]),
        reverse("admin:directory_listing_add"),
        reverse("admin:directory_listing_import"),
    ]:
        assert mod_client.get(url).status_code == 403, url
    # Nor make themselves a superuser through a POST.
    me = User.objects.get(groups=group)
    response = mod_client.post(reverse("admin:accounts_user_change", args=[me.pk]), {"is_superuser": "on"})
    assert response.status_code == 403
    me.refresh_from_db()
    assert not me.is_superuser


def test_staff_without_the_moderate_permission_cannot_decide(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_listing"))
    client.force_login(staff)
    listing = ListingFactory(status=Status.PENDING)
    url = reverse("admin:directory_listing_decide", args=[listing.pk, "approve"])
    assert client.post(url).status_code == 403
    changelist = client.get(reverse("admin:directory_listing_changelist"))
    assert "decide_approve" not in changelist.content.decode()
    listing.refresh_from_db()
    assert listing.status == Status.PENDING


# --- The admin index ----------------------------------------------------------


def test_the_admin_index_shows_each_queue_with_its_count_and_the_headline_numbers(mod_client):
    ListingFactory.create_batch(2, status=Status.PENDING)
    ListingFactory(status=Status.PUBLISHED, roles=["brand"])
    ErrorReportFactory.create_batch(3)
    ErrorReportFactory(status=ErrorReport.Status.RESOLVED)
    stale = ListingFactory(status=Status.PUBLISHED)
    Listing.objects.filter(pk=stale.pk).update(updated_at="2020-01-01T00:00:00Z")

    html = mod_client.get(reverse("admin:index")).content.decode()
    assert 'data-testid="queue-count-pendinglisting">2<' in html
    assert 'data-testid="queue-count-changedlisting">0<' in html
    assert 'data-testid="queue-count-errorreport">3<' in html
    assert 'data-testid="stale-count">1<' in html
    assert reverse("admin:moderation_pendinglisting_changelist") in html
    assert reverse("admin:moderation_errorreport_changelist") + "?status__exact=open" in html


def test_headline_numbers_count_listings_per_status_and_role():
    from moderation.overview import headline_numbers

    ListingFactory.create_batch(2, status=Status.PENDING, roles=["producer"])
    ListingFactory(status=Status.PUBLISHED, roles=["producer", "brand"])
    numbers = headline_numbers()
    statuses = [code for code, _label in Status.choices]
    rows = {row["role"].code: dict(zip(statuses, row["counts"], strict=True)) for row in numbers["by_role"]}
    assert rows["producer"]["pending"] == 2
    assert rows["producer"]["published"] == 1
    assert rows["brand"]["published"] == 1
    assert rows["material"]["published"] == 0
    assert dict(zip(statuses, numbers["status_counts"], strict=True))["pending"] == 2
    assert numbers["total"] == 3


# --- Decisions in the admin ---------------------------------------------------


def test_bulk_approve_from_the_pending_queue(mod_client, django_capture_on_commit_callbacks, run_tasks):
    listings = ListingFactory.create_batch(2, status=Status.PENDING)
    MembershipFactory(listing=listings[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(
            reverse("admin:moderation_pendinglisting_changelist"),
            {"action": "decide_approve", "_selected_action": [x.pk for x in listings], "index": 0},
            follow=True,
        )
    assert response.status_code == 200
    assert set(Listing.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert Decision.objects.filter(action="approve").count() == 2
    assert len(run_tasks()) == 1


def test_bulk_reject_asks_for_a_reason_first(mod_client, django_capture_on_commit_callbacks):
    listings = ListingFactory.create_batch(2, status=Status.PENDING)
    url = reverse("admin:directory_listing_changelist")
    selected = {"action": "decide_reject", "_selected_action": [x.pk for x in listings]}
    response = mod_client.post(url, {**selected, "index": 0})
    assert response.status_code == 200
    assert "admin/moderation/decision_form.html" in [t.name for t in response.templates]
    assert not Decision.objects.exists()

    response = mod_client.post(url, {**selected, "confirm": "yes", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert not Decision.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(url, {**selected, "confirm": "yes", "reason": "Duplicate listing."})
    assert response.status_code == 302
    assert set(Listing.objects.values_list("status", "rejection_reason")) == {
        (Status.REJECTED, "Duplicate listing.")
    }


def test_a_bulk_decision_reports_the_listings_it_does_not_apply_to(mod_client):
    pending = ListingFactory(status=Status.PENDING)
    published = ListingFactory(status=Status.PUBLISHED)
    with translation.override("en"):
        response = mod_client.post(
            reverse("admin:directory_listing_changelist"),
            {"action": "decide_unpublish", "_selected_action": [pending.pk, published.pk], "index": 0},
            follow=True,
        )
        texts = [str(m) for m in response.context["messages"]]
    assert any("1 listing" in t for t in texts)
    assert any(pending.name in t and "does not apply" in t for t in texts)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


@pytest.mark.parametrize(
    "action, start, reason, end",
    [
        ("approve", Status.PENDING, "", Status.PUBLISHED),
        ("reject", Status.PENDING, "No footwear link.", Status.REJECTED),
        ("changes", Status.PENDING, "Add photos.", Status.DRAFT),
        ("verify", Status.PUBLISHED, "", Status.PUBLISHED),
        ("unpublish", Status.PUBLISHED, "", Status.DRAFT),
        ("archive", Status.PUBLISHED, "Closed.", Status.ARCHIVED),
    ],
)
def test_each_decision_button_on_the_listing_page(
    mod_client, django_capture_on_commit_callbacks, action, start, reason, end, run_tasks
):
    listing = ListingFactory(status=start, nib="1234567890123")
    MembershipFactory(listing=listing)
    change_url = reverse("admin:directory_listing_change", args=[listing.pk])
    decide_url = reverse("admin:directory_listing_decide", args=[listing.pk, action])
    assert decide_url in mod_client.get(change_url).content.decode()

    assert mod_client.get(decide_url).status_code == 200
    data = {"reason": reason, **(VERIFY_POST if action == "verify" else {})}
    with django_capture_on_commit_callbacks(execute=True):
        response = mod_client.post(decide_url, data)
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == end
    assert len(run_tasks()) == 1
    # The decision is visible on the listing's page.
    page = mod_client.get(change_url).content.decode()
    assert str(Decision.Action(action).label) in page
    if reason:
        assert reason in page


def test_rejecting_from_the_page_without_a_reason_shows_an_error(mod_client):
    listing = ListingFactory(status=Status.PENDING)
    url = reverse("admin:directory_listing_decide", args=[listing.pk, "reject"])
    response = mod_client.post(url, {"reason": " "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    listing.refresh_from_db()
    assert listing.status == Status.PENDING


@pytest.mark.usefixtures("lifecycle_open")
def test_buttons_offer_only_the_decisions_that_apply(mod_client):
    listing = ListingFactory(status=Status.PUBLISHED)
    page = mod_client.get(reverse("admin:directory_listing_change", args=[listing.pk])).content.decode()
    assert 'data-testid="decide-unpublish"' in page
    assert 'data-testid="decide-verify"' in page
    Listing.objects.filter(pk=listing.pk).update(
        status=Status.PENDING, verified=True, verified_at=timezone.now()
    )
    page = mod_client.get(reverse("admin:directory_listing_change", args=[listing.pk])).content.decode()
    assert 'data-testid="decide-unpublish"' not in page
    assert 'data-testid="decide-verify"' not in page
    assert 'data-testid="decide-approve"' in page


def test_unknown_decision_or_listing_is_404(mod_client):
    listing = ListingFactory()
    assert (
        mod_client.get(reverse("admin:directory_listing_decide", args=[listing.pk, "delete"])).status_code
        == 404
    )
    assert (
        mod_client.get(reverse("admin:directory_listing_decide", args=[999999, "approve"])).status_code == 404
    )


def test_the_decision_log_is_read_only(mod_client):
    listing = ListingFactory(status=Status.PENDING)
    from moderation.services import listing_approve

    decision = listing_approve(listing=listing, by=moderator())
    assert mod_client.get(reverse("admin:moderation_decision_change", args=[decision.pk])).status_code == 200
    assert mod_client.post(reverse("admin:moderation_decision_delete", args=[decision.pk])).status_code == 403


def test_a_queue_row_opens_the_listing_page(mod_client):
    listing = ListingFactory(status=Status.PENDING)
    response = mod_client.get(reverse("admin:moderation_pendinglisting_change", args=[listing.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:directory_listing_change", args=[listing.pk])


# --- Error reports --------------------------------------------------------------


def test_moderators_resolve_and_dismiss_reports(mod_client):
    first, second = ErrorReportFactory.create_batch(2)
    url = reverse("admin:moderation_errorreport_changelist")
    mod_client.post(url, {"action": "resolve", "_selected_action": [first.pk], "index": 0})
    mod_client.post(url, {"action": "dismiss", "_selected_action": [second.pk], "index": 0})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ErrorReport.Status.RESOLVED and first.handled_by is not None
    assert second.status == ErrorReport.Status.DISMISSED and second.handled_at is not None


def test_a_moderator_approves_a_claim_and_the_claimant_becomes_owner(mod_client, tmp_path, settings):
    from accounts.models import Claim
    from directory.models import ListingMembership

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    listing = ListingFactory()
    claimant = UserFactory()
    claim = Claim.objects.create(
        listing=listing, user=claimant, position="Direktur", nib="", message="Saya pemilik."
    )
    changelist = reverse("admin:accounts_claim_changelist")
    response = mod_client.post(changelist, {"action": "approve", "_selected_action": [claim.pk]})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED
    assert ListingMembership.objects.get(listing=listing, user=claimant).role == "owner"
