"""Buyers' enquiries: stored first, delivered to the owners (or BPIPI) by the worker, never lost."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts.tests.factories import StaffFactory, UserFactory
from directory.models import ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory
from enquiries.models import Enquiry
from enquiries.views import PER_EMAIL_PER_DAY, PER_IP_PER_HOUR
from outbox.models import Email

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Hana Suzuki",
    "email": "hana@buyer.example",
    "company": "Kyoto Shoes",
    "country": "JP",
    "product": "Sepatu kulit formal",
    "quantity": "1.000 pasang",
    "target_date": "",
    "message": "Kami mencari produsen untuk\nsepatu kulit formal pria.",
    "language": "en",
    "website": "",
}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def listing():
    listing = ListingFactory(name="Sepatu Tujuan")
    listing.owners = [MembershipFactory(listing=listing).user, MembershipFactory(listing=listing).user]
    MembershipFactory(listing=listing, role=ListingMembership.TeamRole.EDITOR)
    return listing


def enquiry_url(listing):
    return reverse("enquiries:create", kwargs={"slug": listing.slug})


def test_an_enquiry_is_stored_and_each_owner_gets_it_without_seeing_the_others(client, listing, run_tasks):
    response = client.post(enquiry_url(listing), GOOD)
    assert response.status_code == 302
    assert response.url == listing.get_absolute_url()
    enquiry = Enquiry.objects.get()
    assert (enquiry.listing, enquiry.name, enquiry.country.code, enquiry.language) == (
        listing,
        "Hana Suzuki",
        "JP",
        "en",
    )
    assert enquiry.message == GOOD["message"]
    assert not enquiry.routed_to_staff
    sent = run_tasks()
    assert sorted(m.to[0] for m in sent) == sorted(owner.email for owner in listing.owners)
    for message in sent:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert message.reply_to == ["hana@buyer.example"]
        assert "Sepatu kulit formal" in message.body
    assert enquiry.emails.count() == 2
    # The buyer's next page shows the thanks, and no owner's address.
    page = client.get(response.url).content.decode()
    assert all(owner.email not in page for owner in listing.owners)


def test_an_unclaimed_listings_enquiry_goes_to_bpipi_staff(client, run_tasks):
    listing = ListingFactory()
    moderator = UserFactory(is_staff=True, email="moderator@bpipi.example")
    moderator.groups.add(Group.objects.get(name="BPIPI moderator"))
    UserFactory(is_staff=True, email="other-staff@bpipi.example")  # no enquiry permission
    client.post(enquiry_url(listing), GOOD)
    enquiry = Enquiry.objects.get()
    assert enquiry.routed_to_staff
    assert [m.to for m in run_tasks()] == [["moderator@bpipi.example"]]


def test_the_staff_address_can_be_set(client, settings, run_tasks):
    settings.ENQUIRY_STAFF_EMAILS = ["ifn@bpipi.example"]
    client.post(enquiry_url(ListingFactory()), GOOD)
    assert [m.to for m in run_tasks()] == [["ifn@bpipi.example"]]


def test_with_the_mail_server_down_the_enquiry_is_kept_and_retried_until_sent(
    client, listing, mail_down, run_tasks, clock
):
    recover = mail_down
    assert client.post(enquiry_url(listing), GOOD).status_code == 302
    assert run_tasks() == []
    enquiry = Enquiry.objects.get()
    assert set(enquiry.emails.values_list("status", flat=True)) == {Email.Status.RETRYING}
    assert "Connection refused" in enquiry.emails.first().last_error
    recover()
    clock(timedelta(minutes=2))
    assert len(run_tasks()) == 2
    assert set(enquiry.emails.values_list("status", flat=True)) == {Email.Status.SENT}


def test_an_enquiry_whose_emails_failed_for_good_is_visible_to_staff_and_sent_again(
    client, listing, mail_down, run_tasks, clock, admin_client
):
    recover = mail_down
    client.post(enquiry_url(listing), GOOD)
    run_tasks()
    for minutes in [2, 6, 31, 121]:  # past each retry delay
        clock(timedelta(minutes=minutes))
        run_tasks()
    enquiry = Enquiry.objects.get()
    assert set(enquiry.emails.values_list("status", flat=True)) == {Email.Status.FAILED}
    changelist = reverse("admin:enquiries_enquiry_changelist")
    page = admin_client.get(changelist, {"delivery": "failed"}).content.decode()
    assert "Hana Suzuki" in page
    assert "Hana Suzuki" not in admin_client.get(changelist, {"delivery": "waiting"}).content.decode()
    recover()
    admin_client.post(changelist, {"action": "retry_failed", "_selected_action": [enquiry.pk]})
    assert len(run_tasks()) == 2
    assert set(enquiry.emails.values_list("status", flat=True)) == {Email.Status.SENT}


def test_a_filled_honeypot_stores_nothing(client, listing, run_tasks):
    response = client.post(enquiry_url(listing), {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Enquiry.objects.exists()
    assert run_tasks() == []


def test_too_long_or_missing_fields_are_refused_with_messages(client, listing):
    response = client.post(enquiry_url(listing), {**GOOD, "message": "x" * 5001, "name": "", "email": "nope"})
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"message", "name", "email"}
    assert not Enquiry.objects.exists()
    # What the buyer typed comes back.
    assert "Kyoto Shoes" in response.content.decode()


def test_a_target_date_in_the_past_is_refused(client, listing):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(enquiry_url(listing), {**GOOD, "target_date": yesterday})
    assert response.status_code == 400
    assert "target_date" in response.context["form"].errors


def test_line_breaks_in_one_line_fields_are_refused(client, listing):
    response = client.post(enquiry_url(listing), {**GOOD, "name": "Hana\nSuzuki"})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors


def test_past_the_hourly_limit_per_address_the_form_comes_back_filled_and_nothing_is_stored(client):
    listings = [ListingFactory() for _ in range(2)]
    for n in range(PER_IP_PER_HOUR):
        data = {**GOOD, "email": f"buyer{n}@buyer.example"}
        assert client.post(enquiry_url(listings[n % 2]), data).status_code == 302
    response = client.post(enquiry_url(listings[0]), {**GOOD, "email": "late@buyer.example"})
    assert response.status_code == 429
    assert 'data-testid="rate-limited"' in response.content.decode()
    assert "late@buyer.example" in response.content.decode()
    assert Enquiry.objects.count() == PER_IP_PER_HOUR
    # Another visitor is not limited.
    assert client.post(enquiry_url(listings[0]), GOOD, REMOTE_ADDR="198.51.100.9").status_code == 302


def test_past_the_daily_limit_per_email_address_other_connections_do_not_help(client):
    listing = ListingFactory()
    for n in range(PER_EMAIL_PER_DAY):
        assert client.post(enquiry_url(listing), GOOD, REMOTE_ADDR=f"203.0.113.{n}").status_code == 302
    response = client.post(
        enquiry_url(listing), {**GOOD, "email": "HANA@buyer.example"}, REMOTE_ADDR="203.0.113.200"
    )
    assert response.status_code == 429
    assert Enquiry.objects.count() == PER_EMAIL_PER_DAY


def test_behind_a_trusted_proxy_the_limit_counts_the_visitors_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    listing = ListingFactory()
    proxy = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for n in range(PER_IP_PER_HOUR):
        assert (
            client.post(enquiry_url(listing), {**GOOD, "email": f"b{n}@buyer.example"}, **proxy).status_code
            == 302
        )
    assert client.post(enquiry_url(listing), {**GOOD, "email": "x@buyer.example"}, **proxy).status_code == 429
    other = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert client.post(enquiry_url(listing), {**GOOD, "email": "y@buyer.example"}, **other).status_code == 302


@pytest.mark.parametrize("status", ["draft", "pending", "archived"])
def test_only_published_listings_take_enquiries(client, status):
    listing = ListingFactory(status=status)
    assert client.get(enquiry_url(listing)).status_code == 404
    assert client.post(enquiry_url(listing), GOOD).status_code == 404


def test_the_form_works_in_english(client, listing):
    from django.utils import translation

    with translation.override("en"):
        url = enquiry_url(listing)
    response = client.get(url)
    assert response.status_code == 200
    assert "Send an enquiry" in response.content.decode()
    assert response.context["form"].initial["language"] == "en"


def test_every_listing_page_offers_an_enquiry(client, listing):
    page = client.get(listing.get_absolute_url()).content.decode()
    assert enquiry_url(listing) in page
    assert gettext("Send an enquiry") in page


# --- Several listings at once --------------------------------------------------------------


def many_url(*listings):
    return reverse("enquiries:many") + "?" + "&".join(f"to={listing.slug}" for listing in listings)


def test_one_enquiry_to_several_listings_is_delivered_to_each_separately(client, run_tasks):
    makers = [ListingFactory(name=f"Sol Uji {n}", roles=["supplier"]) for n in range(3)]
    owners = [MembershipFactory(listing=maker).user for maker in makers]
    response = client.get(many_url(*makers))
    assert response.status_code == 200
    # Up to the limit, every listing is ticked to begin with.
    assert set(response.context["form"].initial["listings"]) == set(makers)
    response = client.post(many_url(*makers), {**GOOD, "listings": [makers[0].pk, makers[2].pk]})
    assert response.status_code == 302
    enquiries = list(Enquiry.objects.order_by("listing__name"))
    assert [e.listing for e in enquiries] == [makers[0], makers[2]]
    assert enquiries[0].batch and enquiries[0].batch == enquiries[1].batch
    sent = run_tasks()
    assert sorted(m.to[0] for m in sent) == sorted([owners[0].email, owners[2].email])
    assert all(len(m.to) == 1 for m in sent)


def test_more_listings_than_allowed_at_once_are_refused(client):
    makers = [ListingFactory() for _ in range(11)]
    response = client.post(many_url(*makers), {**GOOD, "listings": [m.pk for m in makers]})
    assert response.status_code == 400
    assert "listings" in response.context["form"].errors
    assert not Enquiry.objects.exists()


def test_unpublished_or_unknown_listings_cannot_be_chosen(client):
    published, draft = ListingFactory(), ListingFactory(status="draft")
    response = client.post(
        many_url(published, draft) + "&to=nobody", {**GOOD, "listings": [published.pk, draft.pk]}
    )
    assert response.status_code == 400
    assert not Enquiry.objects.exists()
    assert list(response.context["candidates"]) == [published]


def test_without_chosen_listings_the_page_says_where_to_choose_them(client):
    response = client.get(reverse("enquiries:many"))
    assert response.status_code == 400
    assert reverse("directory:list") in response.content.decode()


def test_a_multi_listing_enquiry_counts_each_listing_against_the_limits(client):
    makers = [ListingFactory() for _ in range(10)]
    for n in range(2):
        data = {**GOOD, "email": f"b{n}@buyer.example", "listings": [m.pk for m in makers]}
        assert client.post(many_url(*makers), data).status_code == 302
    data = {**GOOD, "email": "c@buyer.example", "listings": [makers[0].pk]}
    assert client.post(many_url(*makers), data).status_code == 429
    assert Enquiry.objects.count() == 20


def test_the_directory_results_offer_to_ask_the_listings_shown(client):
    makers = [ListingFactory(name=f"Sol Hasil {n}", roles=["supplier"]) for n in range(3)]
    page = client.get(reverse("directory:list"), {"role": "supplier"}).content.decode()
    assert 'data-testid="ask-these"' in page
    for maker in makers:
        assert f"to={maker.slug}" in page


def test_staff_are_not_exempt_from_the_form_rules(client):
    client.force_login(StaffFactory())
    response = client.post(enquiry_url(ListingFactory()), {**GOOD, "email": ""})
    assert response.status_code == 400
