"""A tannery declares that it supplies a producer; the producer confirms; both pages show the link."""

import re

import pytest

from directory.models import SupplyLink
from directory.tests.factories import ListingFactory, MembershipFactory, category
from ifn.testing import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def as_user(chromium, live_server, user):
    context = chromium.new_context(base_url=live_server.url, locale="id-ID")
    log_in(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def test_a_tannery_proposes_a_link_the_producer_confirms_and_both_pages_show_it(
    phone_page, chromium, live_server
):
    tannery = ListingFactory(name="Penyamakan Kulit Garut", roles=["material"])
    producer = ListingFactory(name="Sepatu Cibaduyut Makmur")
    tannery_owner = MembershipFactory(listing=tannery).user
    producer_owner = MembershipFactory(listing=producer).user

    context, page = as_user(chromium, live_server, tannery_owner)
    page.goto(f"/dashboard/listings/{tannery.slug}/links/")
    page.locator("#partner-q").fill("Cibaduyut")
    page.locator("#partner-q").press("Enter")
    page.locator("[data-testid=search-results] [data-testid=choose]").first.click()
    form = page.locator("[data-testid=link-form]")
    form.locator("input[name=direction][value=supplies]").check()
    form.locator("input[name=kind][value=supply]").check()
    form.locator("select[name=category]").select_option(str(category("material", "leather").pk))
    form.locator("button[type=submit]").click()
    page.locator("[data-testid=links-open] [data-testid=link]").wait_for()
    context.close()
    link = SupplyLink.objects.get()
    assert (link.supplier, link.customer, link.status) == (tannery, producer, SupplyLink.Status.PROPOSED)
    assert link.category == category("material", "leather")

    context, page = as_user(chromium, live_server, producer_owner)
    page.goto(f"/dashboard/listings/{producer.slug}/links/")
    page.locator("[data-testid=links-waiting] [data-testid=confirm]").click()
    page.locator("[data-testid=links-open] [data-testid=link]").wait_for()
    context.close()
    link.refresh_from_db()
    assert link.status == SupplyLink.Status.CONFIRMED

    # Anyone, on a 360-px phone: both pages show the link in the chain diagram.
    for listing, side, other in [(tannery, "downstream", producer), (producer, "upstream", tannery)]:
        phone_page.goto(listing.get_absolute_url())
        entry = phone_page.locator(
            f"[data-testid=chain-diagram] [data-testid={side}] [data-testid=chain-entry]"
        )
        assert entry.inner_text() == other.name
        assert entry.get_attribute("href") == other.get_absolute_url()
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.locator("[data-testid=chain-diagram] [data-testid=chain-entry]").click()
    phone_page.wait_for_url(re.compile(re.escape(tannery.get_absolute_url()) + "$"))
