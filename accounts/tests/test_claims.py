"""'Is this your company?': claims, their review by staff, and join requests."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Claim
from accounts.services import claim_approve, claim_reject
from directory.models import ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory

from .conftest import image_bytes
from .factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

Owner, Editor = ListingMembership.TeamRole.OWNER, ListingMembership.TeamRole.EDITOR


def claim_url(listing):
    return reverse("accounts:claim", kwargs={"slug": listing.slug})


def claim_data(**extra):
    document = SimpleUploadedFile("nib.jpg", image_bytes(), content_type="image/jpeg")
    return {
        "position": "Direktur",
        "nib": "1234567890123",
        "document": document,
        "message": "Ini kami.",
    } | extra


@pytest.fixture
def claimant(client):
    user = UserFactory()
    client.force_login(user)
    return user


def make_claim(listing=None, user=None):
    return Claim.objects.create(
        listing=listing or ListingFactory(),
        user=user or UserFactory(),
        position="Pemilik",
        document="claims/x.pdf",
    )


def test_unclaimed_listing_page_links_to_the_claim_form(client):
    listing = ListingFactory()
    html = client.get(listing.get_absolute_url()).content.decode()
    assert claim_url(listing) in html
    # Anonymous visitors are asked to log in first, then come back.
    response = client.get(claim_url(listing))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url


def test_claim_is_filed_and_waits_for_staff(client, claimant):
    listing = ListingFactory()
    response = client.post(claim_url(listing), claim_data())
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.user, claim.listing, claim.status) == (claimant, listing, Claim.Status.PENDING)
    assert claim.position == "Direktur" and claim.nib == "1234567890123"
    assert "nib" not in claim.document.name  # stored under a random name
    assert not listing.memberships.exists()
    assert listing.name in client.get(reverse("accounts:dashboard")).content.decode()


def test_claim_accepts_a_pdf(client, claimant):
    listing = ListingFactory()
    pdf = SimpleUploadedFile("akta.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    assert client.post(claim_url(listing), claim_data(document=pdf)).status_code == 302
    assert Claim.objects.get().document.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.jpg", b"plain text"), ("a.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), ("a.exe", b"MZ\x90")],
)
def test_claim_refuses_other_documents(client, claimant, name, content):
    listing = ListingFactory()
    response = client.post(claim_url(listing), claim_data(document=SimpleUploadedFile(name, content)))
    assert response.status_code == 200
    assert "PDF" in " ".join(response.context["form"].errors["document"])
    assert not Claim.objects.exists()


def test_claim_refuses_a_bad_nib(client, claimant):
    response = client.post(claim_url(ListingFactory()), claim_data(nib="123"))
    assert "nib" in response.context["form"].errors


def test_one_pending_claim_per_user_and_listing(client, claimant):
    listing = ListingFactory()
    client.post(claim_url(listing), claim_data())
    page = client.get(claim_url(listing))
    assert 'data-testid="claim-pending"' in page.content.decode()
    client.post(claim_url(listing), claim_data())
    assert Claim.objects.count() == 1


def test_database_refuses_a_second_pending_claim():
    claim = make_claim()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(listing=claim.listing, user=claim.user)
    # A decided claim does not block a new one.
    claim.status = Claim.Status.REJECTED
    claim.save()
    make_claim(listing=claim.listing, user=claim.user)


def test_claim_on_an_unpublished_listing_is_404(client, claimant):
    listing = ListingFactory(status="draft")
    assert client.get(claim_url(listing)).status_code == 404


def test_owned_listing_asks_to_join_instead(client, claimant, run_tasks):
    listing = ListingFactory()
    owner = MembershipFactory(listing=listing, role=Owner).user
    page = client.get(claim_url(listing))
    assert page.templates[0].name == "accounts/join_request.html"
    client.post(claim_url(listing), {"message": "Saya staf pemasaran."})
    assert not Claim.objects.exists()
    assert run_tasks()[-1].to == [owner.email]
    assert claimant.email in run_tasks()[-1].body


def test_approve_makes_the_claimant_an_owner_and_tells_them(django_capture_on_commit_callbacks, run_tasks):
    claim = make_claim()
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        claim_approve(claim=claim, by=staff)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED
    assert claim.decided_by == staff and claim.decided_at
    assert claim.listing.memberships.get(user=claim.user).role == Owner
    assert run_tasks()[-1].to == [claim.user.email]
    with pytest.raises(ValidationError):
        claim_approve(claim=claim, by=staff)


def test_approve_promotes_an_existing_editor():
    claim = make_claim()
    MembershipFactory(listing=claim.listing, user=claim.user, role=Editor)
    claim_approve(claim=claim, by=StaffFactory())
    assert claim.listing.memberships.get(user=claim.user).role == Owner


def test_reject_needs_a_reason_and_sends_it(django_capture_on_commit_callbacks, run_tasks):
    claim = make_claim()
    with pytest.raises(ValidationError):
        claim_reject(claim=claim, by=StaffFactory(), reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        claim_reject(claim=claim, by=StaffFactory(), reason="Dokumen tidak terbaca.")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REJECTED
    assert not claim.listing.memberships.exists()
    assert "Dokumen tidak terbaca." in run_tasks()[-1].body


def test_admin_actions_approve_and_reject(client):
    client.force_login(StaffFactory())
    first, second = make_claim(), make_claim()
    url = reverse("admin:accounts_claim_changelist")
    client.post(url, {"action": "approve", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == Claim.Status.APPROVED

    # Reject asks for the reason first.
    page = client.post(url, {"action": "reject", "_selected_action": [second.pk]})
    assert page.status_code == 200
    second.refresh_from_db()
    assert second.status == Claim.Status.PENDING
    client.post(url, {"action": "reject", "_selected_action": [second.pk], "reason": "Bukan pemilik."})
    second.refresh_from_db()
    assert second.status == Claim.Status.REJECTED
    assert second.decision_reason == "Bukan pemilik."


def test_claim_documents_are_private_and_only_staff_download_them(client, claimant, settings):
    listing = ListingFactory()
    client.post(claim_url(listing), claim_data())
    claim = Claim.objects.get()
    path = settings.PRIVATE_MEDIA_ROOT / claim.document.name
    assert path.exists()
    assert not (settings.MEDIA_ROOT / claim.document.name).exists()
    with pytest.raises(ValueError):
        claim.document.url  # noqa: B018 -- there is no public URL to leak

    url = reverse("accounts:claim_document", args=[claim.pk])
    response = client.get(url)
    assert response.status_code == 302  # a company user is sent to the admin log-in
    assert "/admin/login/" in response.url

    client.force_login(StaffFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == path.read_bytes()
    change = client.get(reverse("admin:accounts_claim_change", args=[claim.pk]))
    assert change.status_code == 200
    assert url in change.content.decode()


def test_approving_one_claim_closes_the_others_with_a_notice(django_capture_on_commit_callbacks, run_tasks):
    listing = ListingFactory()
    winner = make_claim(listing=listing)
    other = make_claim(listing=listing, user=UserFactory(language="en"))
    elsewhere = make_claim()
    with django_capture_on_commit_callbacks(execute=True):
        claim_approve(claim=winner, by=StaffFactory())
    other.refresh_from_db()
    assert other.status == Claim.Status.REJECTED
    assert other.decision_reason.startswith("Another claim on this listing was approved.")
    assert not listing.memberships.filter(user=other.user).exists()
    notice = next(m for m in run_tasks() if m.to == [other.user.email])
    assert "Another claim on this listing was approved" in notice.body
    elsewhere.refresh_from_db()
    assert elsewhere.status == Claim.Status.PENDING
