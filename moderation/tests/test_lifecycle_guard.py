"""A listing's status and verification change only through the moderation services.

The admin form, a version restored from the history, bulk actions, a direct
save() and queryset writes cannot change them without a recorded Decision.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from directory.models import LifecycleGuardError, Listing, lifecycle_change
from directory.tests.factories import ListingFactory
from moderation import services
from moderation.models import Decision

from .factories import evidence, moderator

pytestmark = pytest.mark.django_db

Status = Listing.Status


@pytest.fixture
def mod_client(client):
    client.force_login(moderator())
    return client


def change_url(listing):
    return reverse("admin:directory_listing_change", args=[listing.pk])


def form_data(response):
    """The change form's data as the browser would post it back unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        value = field.prepare_value(value)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
        else:
            data[form.add_prefix(name)] = str(value)
    # The history form has no inlines.
    inlines = response.context.get("inline_admin_formsets") or []
    for inline in inlines:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for sub in formset.initial_forms:
            for name in sub.fields:
                value = sub.initial.get(name)
                if value is not None:
                    data[sub.add_prefix(name)] = str(getattr(value, "pk", value))
    return data


def test_the_admin_form_shows_the_lifecycle_read_only_and_cannot_publish_or_verify(mod_client):
    listing = ListingFactory(status=Status.PENDING)
    page = mod_client.get(change_url(listing))
    form = page.context["adminform"].form
    for name in ["status", "verified", "verified_at", "reviewed_at", "changed_since_review"]:
        assert name not in form.fields
    assert 'data-testid="decide-approve"' in page.content.decode()

    data = form_data(page)
    data.update(name="Nama Baru", status="published", verified="on", verified_at="2026-01-01 00:00")
    response = mod_client.post(change_url(listing), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    listing.refresh_from_db()
    assert listing.name == "Nama Baru"
    assert (listing.status, listing.verified, listing.reviewed_at) == (Status.PENDING, False, None)
    assert not Decision.objects.exists()


def test_reverting_a_version_restores_the_content_never_the_status_or_badge(mod_client):
    listing = ListingFactory(name="Sepatu Lama", status=Status.PENDING, nib="1234567890123")
    listing.save_with_history()
    old_version = listing.history.latest()
    services.listing_approve(listing=listing, by=moderator())
    services.listing_verify(listing=listing, by=moderator(), evidence=evidence())
    listing.refresh_from_db()
    listing.name = "Sepatu Baru"
    listing.save()

    url = reverse("admin:directory_listing_simple_history", args=[listing.pk, old_version.history_id])
    page = mod_client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    assert data["name"] == "Sepatu Lama"
    response = mod_client.post(url, data)
    assert response.status_code == 302, page.context["adminform"].form.errors

    listing.refresh_from_db()
    assert listing.name == "Sepatu Lama"
    assert listing.status == Status.PUBLISHED
    assert listing.verified and listing.verified_at is not None
    assert listing.reviewed_at is not None
    assert list(listing.decisions.values_list("action", flat=True)) == ["verify", "approve"]


def test_bulk_actions_are_decisions_recorded_one_per_listing(mod_client):
    listings = ListingFactory.create_batch(2, status=Status.PENDING)
    changelist = reverse("admin:directory_listing_changelist")
    actions = mod_client.get(changelist).context["action_form"].fields["action"].choices
    names = {name for name, _label in actions if name}
    # Every bulk action on listings is a decision or an export: none writes the lifecycle directly.
    assert names <= {f"decide_{a}" for a in services.SERVICES} | {"export_csv", "export_xlsx"}
    # Verifying needs evidence for each listing: never a bulk action.
    assert "decide_verify" not in names
    mod_client.post(
        changelist,
        {"action": "decide_approve", ACTION_CHECKBOX_NAME: [x.pk for x in listings], "index": 0},
    )
    for listing in listings:
        listing.refresh_from_db()
        assert listing.status == Status.PUBLISHED
        assert listing.decisions.get().action == Decision.Action.APPROVE


def test_a_direct_save_of_status_or_verification_raises():
    listing = ListingFactory(status=Status.PENDING)
    listing.status = Status.PUBLISHED
    with pytest.raises(LifecycleGuardError, match="status"):
        listing.save()
    listing.refresh_from_db()
    listing.verified, listing.verified_at = True, timezone.now()
    with pytest.raises(LifecycleGuardError, match="verified"):
        listing.save(update_fields=["verified", "verified_at"])
    listing.refresh_from_db()
    assert (listing.status, listing.verified) == (Status.PENDING, False)


def test_a_stale_copy_cannot_put_back_the_status_it_was_loaded_with():
    listing = ListingFactory(status=Status.PENDING)
    stale = Listing.objects.get(pk=listing.pk)
    services.listing_approve(listing=listing, by=moderator())
    stale.name = "Edited meanwhile"
    with pytest.raises(LifecycleGuardError):
        stale.save()
    assert Listing.objects.get(pk=listing.pk).status == Status.PUBLISHED


def test_queryset_writes_of_the_lifecycle_raise():
    listing = ListingFactory(status=Status.PENDING)
    queryset = Listing.objects.filter(pk=listing.pk)
    with pytest.raises(LifecycleGuardError):
        queryset.update(status=Status.PUBLISHED)
    with pytest.raises(LifecycleGuardError):
        queryset.update(verified=True, verified_at=timezone.now())
    with pytest.raises(LifecycleGuardError):
        queryset.update(changed_since_review=False)
    listing.status = Status.PUBLISHED
    with pytest.raises(LifecycleGuardError):
        Listing.objects.bulk_update([listing], ["status"])
    assert Listing.objects.get(pk=listing.pk).status == Status.PENDING


def test_listings_are_created_as_drafts_or_pending_unless_the_guard_is_opened():
    Listing.objects.create(name="Draf", province_id="35", regency_id="35.15")
    Listing.objects.create(name="Antre", province_id="35", regency_id="35.15", status=Status.PENDING)
    with pytest.raises(LifecycleGuardError):
        Listing.objects.create(name="Terbit", province_id="35", regency_id="35.15", status=Status.PUBLISHED)
    with pytest.raises(LifecycleGuardError):
        Listing.objects.bulk_create(
            [Listing(name="Lencana", slug="lencana", province_id="35", regency_id="35.15", verified=True)]
        )
    with lifecycle_change():
        Listing.objects.create(name="Demo", province_id="35", regency_id="35.15", status=Status.PUBLISHED)
    assert set(Listing.objects.values_list("name", flat=True)) == {"Draf", "Antre", "Demo"}


def test_owners_edits_may_raise_the_review_flag_and_other_fields_are_free():
    listing = ListingFactory()
    listing.changed_since_review = True
    listing.description = "Baru."
    listing.save()
    Listing.objects.filter(pk=listing.pk).update(changed_since_review=True, size="small")
    listing.refresh_from_db()
    assert listing.changed_since_review and listing.size == "small"


def test_submitting_is_recorded_and_emails_nobody(django_capture_on_commit_callbacks):
    listing = ListingFactory(status=Status.DRAFT)
    owner = moderator()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.listing_submit(listing=listing, by=owner)
    listing.refresh_from_db()
    assert listing.status == Status.PENDING
    decision = listing.decisions.get()
    assert (decision.action, decision.actor, decision.from_status) == ("submit", owner, "draft")
    assert not callbacks
