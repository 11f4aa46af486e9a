import pytest

from directory.models import Listing
from directory.tests.factories import ListingFactory
from moderation.models import Decision

from .factories import moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_moderator_approves_a_pending_listing_from_the_queue_and_it_goes_public(page):
    listing = ListingFactory(name="PT Menunggu Tinjauan", status=Listing.Status.PENDING)
    user = moderator()
    assert page.goto(listing.get_absolute_url()).status == 404

    page.goto("/admin/login/")
    page.fill('input[name="username"]', user.email)
    page.fill('input[name="password"]', "correct-horse-battery-staple")
    page.click('input[type="submit"]')
    assert page.get_by_test_id("queue-count-pendinglisting").inner_text() == "1"

    page.get_by_test_id("queue-pendinglisting").click()
    page.check(f'input[name="_selected_action"][value="{listing.pk}"]')
    page.select_option('select[name="action"]', "decide_approve")
    page.click('button[name="index"]')
    page.wait_for_selector(".messagelist .success")
    page.goto("/admin/")
    assert page.get_by_test_id("queue-count-pendinglisting").inner_text() == "0"

    response = page.goto(listing.get_absolute_url())
    assert response.status == 200
    assert page.locator("h1").inner_text() == "PT Menunggu Tinjauan"
    decision = Decision.objects.get(listing=listing)
    assert (decision.action, decision.actor) == (Decision.Action.APPROVE, user)
