"""A buyer sends an enquiry from a listing's page; the owner reads and answers it in the dashboard."""

import re

import pytest

from directory.tests.factories import ListingFactory, MembershipFactory
from enquiries.models import Enquiry
from ifn.testing import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_buyer_sends_an_enquiry_and_the_owner_answers_it(page, chromium, live_server, run_tasks):
    listing = ListingFactory(name="Sepatu Kulit Magetan")
    owner = MembershipFactory(listing=listing).user

    # The buyer, on the listing's page.
    page.goto(listing.get_absolute_url())
    page.locator("[data-testid=send-enquiry]").click()
    page.wait_for_url(re.compile(r"/enquiry/$"))
    form = page.locator("[data-testid=enquiry-form]")
    form.locator("[name=name]").fill("Hana Suzuki")
    form.locator("[name=email]").fill("hana@buyer.example")
    form.locator("[name=company]").fill("Kyoto Shoes")
    form.locator("[name=country]").select_option("JP")
    form.locator("[name=product]").fill("Formal leather shoes")
    form.locator("[name=quantity]").fill("500 pairs")
    form.locator("[name=message]").fill("Could you send a quotation?\nThank you.")
    form.locator("[name=language]").select_option("en")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(listing.get_absolute_url()) + "$"))
    assert page.locator(".alert-success").is_visible()
    assert Enquiry.objects.get().listing == listing
    assert [m.to for m in run_tasks()] == [[owner.email]]

    # The owner, in the dashboard.
    context = chromium.new_context(base_url=live_server.url, locale="id-ID")
    log_in(context, live_server, owner)
    dashboard = context.new_page()
    dashboard.set_default_timeout(20_000)
    dashboard.goto("/dashboard/")
    dashboard.locator("[data-testid=new-enquiries] a").click()
    dashboard.locator("[data-testid=enquiry] a").first.click()
    assert "Could you send a quotation?" in dashboard.locator("main").inner_text()
    dashboard.locator("[name=body]").fill("Yes, we can. Our price list is attached.")
    dashboard.locator("[data-testid=send-reply]").click()
    dashboard.locator("[data-testid=reply]").wait_for()
    assert dashboard.locator("[data-testid=enquiry-status]").inner_text() == str(
        Enquiry.Status.ANSWERED.label
    )
    context.close()

    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.ANSWERED and enquiry.answered_by == owner
    reply = run_tasks()[-1]
    assert reply.to == ["hana@buyer.example"] and reply.reply_to == [owner.email]
