"""Owners read, answer and count their enquiries; BPIPI forwards those of unclaimed listings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from directory.models import ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from enquiries.models import Enquiry, ResponseStats
from enquiries.services import enquiry_send

from .factories import EnquiryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    listing = ListingFactory(name="Sepatu Kotak Masuk")
    listing.owner = MembershipFactory(listing=listing).user
    return listing


def inbox_url(listing):
    return reverse("enquiries:inbox", kwargs={"slug": listing.slug})


def detail_url(enquiry):
    return reverse("enquiries:detail", kwargs={"slug": enquiry.listing.slug, "pk": enquiry.pk})


@pytest.mark.parametrize(
    "visitor, expected",
    [("anonymous", 302), ("owner", 200), ("editor", 200), ("other company", 404), ("moderator", 404)],
)
def test_who_reaches_a_listings_enquiries(client, listing, visitor, expected):
    enquiry = EnquiryFactory(listing=listing)
    users = {
        "owner": listing.owner,
        "editor": MembershipFactory(listing=listing, role=ListingMembership.TeamRole.EDITOR).user,
        "other company": MembershipFactory().user,
        "moderator": StaffFactory(),
    }
    if visitor in users:
        client.force_login(users[visitor])
    assert client.get(inbox_url(listing)).status_code == expected
    assert client.get(detail_url(enquiry)).status_code == expected
    answered = reverse("enquiries:answered", kwargs={"slug": listing.slug, "pk": enquiry.pk})
    assert client.post(answered).status_code == (302 if expected != 404 else 404)
    enquiry.refresh_from_db()
    assert (enquiry.status == Enquiry.Status.ANSWERED) == (expected == 200)


def test_an_enquiry_of_another_listing_is_not_found_through_ones_own(client, listing):
    other = EnquiryFactory()
    client.force_login(listing.owner)
    url = reverse("enquiries:detail", kwargs={"slug": listing.slug, "pk": other.pk})
    assert client.get(url).status_code == 404


def test_the_owner_replies_by_email_and_the_enquiry_is_answered(client, listing, run_tasks):
    enquiry = EnquiryFactory(listing=listing, language="en")
    client.force_login(listing.owner)
    page = client.get(inbox_url(listing)).content.decode()
    assert enquiry.product in page
    response = client.post(
        detail_url(enquiry), {"body": "Yes, we can make 1,000 pairs.\nPrice list attached."}
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.answered_by) == (Enquiry.Status.ANSWERED, listing.owner)
    reply = enquiry.replies.get()
    assert reply.by == listing.owner
    message = run_tasks()[-1]
    assert message.to == [enquiry.email]
    assert message.reply_to == [listing.owner.email]
    assert "1,000 pairs" in message.body
    assert "/en/directory/" in message.body  # written in the buyer's language
    assert 'data-testid="reply"' in client.get(detail_url(enquiry)).content.decode()


def test_an_empty_reply_is_refused(client, listing):
    enquiry = EnquiryFactory(listing=listing)
    client.force_login(listing.owner)
    response = client.post(detail_url(enquiry), {"body": "  "})
    assert response.status_code == 400
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW


def test_the_inbox_filters_by_status_and_pages(client, listing):
    EnquiryFactory.create_batch(21, listing=listing)
    EnquiryFactory(listing=listing, product="Sudah dijawab", status="answered", answered_at=timezone.now())
    client.force_login(listing.owner)
    assert len(client.get(inbox_url(listing)).context["page"].object_list) == 20
    answered = client.get(inbox_url(listing), {"status": "answered"}).content.decode()
    assert "Sudah dijawab" in answered and answered.count('data-testid="enquiry"') == 1


def test_the_inbox_query_count_does_not_grow_with_enquiries(client, listing, django_assert_num_queries):
    EnquiryFactory.create_batch(3, listing=listing)
    client.force_login(listing.owner)
    client.get(inbox_url(listing))
    EnquiryFactory.create_batch(15, listing=listing)
    # Session, user, listing, its roles (tabs), numbers, count, page of enquiries.
    with django_assert_num_queries(7):
        assert client.get(inbox_url(listing)).status_code == 200


def test_the_dashboard_says_which_listings_have_enquiries_waiting(client, listing):
    EnquiryFactory.create_batch(2, listing=listing)
    client.force_login(listing.owner)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'data-testid="new-enquiries"' in page
    assert "Sepatu Kotak Masuk</a>: 2" in page


# --- Numbers and the public hint ---------------------------------------------------------------


def answered(listing, hours, *, days_ago=10):
    created = timezone.now() - timedelta(days=days_ago)
    return EnquiryFactory(
        listing=listing, created_at=created, status="answered", answered_at=created + timedelta(hours=hours)
    )


def test_numbers_count_received_answered_and_the_median_answer_time(listing):
    for hours in [2, 10, 30]:
        answered(listing, hours)
    EnquiryFactory(listing=listing)
    stats = ResponseStats.refresh(listing.pk)
    assert (stats.received, stats.answered, stats.median_hours) == (4, 3, 10)
    assert stats.hint_days == 1


def test_the_hint_needs_enough_answers_and_at_least_half_answered(listing):
    for hours in [2, 10]:
        answered(listing, hours)
    assert ResponseStats.refresh(listing.pk).hint_days is None  # two answers are not enough
    answered(listing, 60)
    assert ResponseStats.refresh(listing.pk).hint_days == 1
    EnquiryFactory.create_batch(4, listing=listing)
    assert ResponseStats.refresh(listing.pk).hint_days is None  # 3 of 7 answered


def test_the_hint_counts_the_last_year_only(listing):
    for hours in [100, 100, 100]:
        answered(listing, hours, days_ago=400)
    stats = ResponseStats.refresh(listing.pk)
    assert stats.answered == 3 and stats.hint_days is None


def test_the_hint_shows_on_the_kept_listing_page_once_there_is_enough_data(client, listing):
    for hours in [20, 30]:
        answered(listing, hours)
    ResponseStats.refresh(listing.pk)
    assert 'data-testid="answer-hint"' not in client.get(listing.get_absolute_url()).content.decode()
    # The owner answers a third enquiry from the dashboard; the kept page changes.
    enquiry = EnquiryFactory(listing=listing, created_at=timezone.now() - timedelta(hours=40))
    owner_client = client.__class__()
    owner_client.force_login(listing.owner)
    owner_client.post(reverse("enquiries:answered", kwargs={"slug": listing.slug, "pk": enquiry.pk}))
    page = client.get(listing.get_absolute_url()).content.decode()
    assert 'data-testid="answer-hint"' in page
    assert ResponseStats.objects.get(listing=listing).hint_days == 2


def test_a_new_enquiry_keeps_the_kept_pages_when_the_hint_stays(listing):
    from directory.models import DirectoryGeneration

    for hours in [20, 30, 40]:
        answered(listing, hours)
    ResponseStats.refresh(listing.pk)
    before = DirectoryGeneration.current()
    enquiry_send(
        listings=[listing],
        data={"name": "A", "email": "a@example.com", "product": "x", "message": "m", "language": "id"},
    )
    assert ResponseStats.objects.get(listing=listing).received == 4
    assert DirectoryGeneration.current() == before


def test_owners_see_their_numbers(client, listing):
    for hours in [2, 10, 30]:
        answered(listing, hours)
    ResponseStats.refresh(listing.pk)
    client.force_login(listing.owner)
    page = client.get(inbox_url(listing)).content.decode()
    assert 'data-testid="enquiry-numbers"' in page
    assert "10" in page


def test_bpipi_sees_the_numbers_per_listing(admin_client, listing):
    for hours in [2, 10, 30]:
        answered(listing, hours)
    ResponseStats.refresh(listing.pk)
    page = admin_client.get(reverse("admin:enquiries_responsestats_changelist")).content.decode()
    assert "Sepatu Kotak Masuk" in page


# --- Forwarding -------------------------------------------------------------------------------


def test_staff_forward_an_enquiry_to_an_address_they_know(admin_client, admin_user, run_tasks):
    enquiry = EnquiryFactory(listing=ListingFactory(email="kontak@sepatu.example"), routed_to_staff=True)
    url = reverse("admin:enquiries_enquiry_forward", args=[enquiry.pk])
    form = admin_client.get(url)
    assert form.context["form"].initial["to"] == "kontak@sepatu.example"
    response = admin_client.post(url, {"to": "pemilik@sepatu.example", "note": "Dari telepon"})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.forwarded_to, enquiry.forwarded_by) == ("pemilik@sepatu.example", admin_user)
    message = run_tasks()[-1]
    assert message.to == ["pemilik@sepatu.example"]
    assert message.reply_to == [enquiry.email]
    assert "Dari telepon" in message.body


def test_a_company_cannot_forward_enquiries(client, listing):
    enquiry = EnquiryFactory(listing=listing)
    client.force_login(listing.owner)
    response = client.post(
        reverse("admin:enquiries_enquiry_forward", args=[enquiry.pk]), {"to": "x@example.com"}
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.forwarded_to == ""
