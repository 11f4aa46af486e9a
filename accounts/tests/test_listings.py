"""My listings, creating and editing a listing, review flags, history and concurrent edits."""

import pytest
from django.urls import reverse

from directory.models import Listing, ListingMembership
from directory.tests.factories import ListingFactory, MembershipFactory, category

from .factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

Owner, Editor = ListingMembership.TeamRole.OWNER, ListingMembership.TeamRole.EDITOR


@pytest.fixture
def owner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def owned(user, role=Owner, **kwargs):
    listing = ListingFactory(**kwargs)
    MembershipFactory(listing=listing, user=user, role=role)
    return listing


def edit_url(listing):
    return reverse("accounts:listing_edit", kwargs={"slug": listing.slug})


def form_data(response, form=None):
    """What the browser would post back from the page's form, unchanged."""
    form = form or response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    return data


# --- My listings --------------------------------------------------------------------


def test_my_listings_shows_status_and_rejection_reason(client, owner):
    owned(owner, name="Pabrik Terbit", status="published")
    owned(owner, name="Pabrik Tunggu", status="pending")
    owned(owner, name="Pabrik Tolak", status="rejected", rejection_reason="Foto tidak jelas.")
    owned(owner, name="Pabrik Draf", status="draft", role=Editor)
    ListingFactory(name="Bukan Milik")
    response = client.get(reverse("accounts:dashboard"))
    html = response.content.decode()
    for name in ["Pabrik Terbit", "Pabrik Tunggu", "Pabrik Tolak", "Pabrik Draf"]:
        assert name in html
    assert "Bukan Milik" not in html
    assert "Foto tidak jelas." in html
    assert html.count('data-testid="rejection-reason"') == 1
    statuses = {m.listing.name: m.listing.get_status_display() for m in response.context["memberships"]}
    assert statuses["Pabrik Tunggu"] == Listing.Status.PENDING.label


def test_my_listings_query_count_does_not_grow_with_listings(client, owner, django_assert_num_queries):
    for n in range(6):
        owned(owner, name=f"Pabrik {n}", roles=["producer", "brand"])
    # session, user, enquiries waiting per listing, memberships+listings, roles prefetch, claims
    with django_assert_num_queries(6):
        response = client.get(reverse("accounts:dashboard"))
    assert len(response.context["memberships"]) == 6


# --- Create -------------------------------------------------------------------------


def test_create_starts_by_choosing_roles(client, owner):
    response = client.get(reverse("accounts:listing_create"))
    assert response.templates[0].name == "accounts/listing_roles.html"
    response = client.get(reverse("accounts:listing_create") + "?roles=nonsense")
    assert response.templates[0].name == "accounts/listing_roles.html"
    assert response.context["form"].errors


@pytest.mark.parametrize(
    ("roles", "asked", "not_asked"),
    [
        (
            ["producer"],
            ["capacity_pairs", "moq_pairs"],
            ["supply_capacity", "price_segment", "organisation_kind"],
        ),
        (["brand"], ["price_segment"], ["capacity_pairs", "supply_capacity", "organisation_kind"]),
        (["supplier"], ["supply_capacity", "supply_moq_unit"], ["capacity_pairs", "price_segment"]),
        (["organisation"], ["organisation_kind"], ["capacity_pairs", "supply_capacity", "export_markets"]),
        (["producer", "brand"], ["capacity_pairs", "price_segment"], ["supply_capacity"]),
    ],
)
def test_the_form_asks_only_what_fits_the_roles(client, owner, roles, asked, not_asked):
    query = "&".join(f"roles={r}" for r in roles)
    form = client.get(reverse("accounts:listing_create") + "?" + query).context["form"]
    for name in asked:
        assert name in form.fields
    for name in not_asked:
        assert name not in form.fields
    category_roles = {c.role_id for c in form.fields["categories"].queryset}
    assert category_roles == set(roles) & category_roles and category_roles <= set(roles)


def create(client, **extra):
    data = {"name": "Sepatu Maju Jaya", "roles": ["producer"], "province": "35", "regency": "35.15"}
    data.update(extra)
    return client.post(reverse("accounts:listing_create") + "?roles=producer", data)


def test_saving_a_draft_needs_only_name_roles_and_place(client, owner):
    response = create(client, action="save")
    listing = Listing.objects.get()
    assert response.url == edit_url(listing)
    assert listing.status == Listing.Status.DRAFT
    assert listing.memberships.get().user == owner
    assert listing.memberships.get().role == Owner
    assert listing.history.count() == 1
    assert listing.history.get().history_user == owner


def test_create_with_missing_place_shows_errors_and_saves_nothing(client, owner):
    response = create(client, province="", regency="")
    assert response.status_code == 200
    assert "province" in response.context["form"].errors
    assert not Listing.objects.exists()


def test_submit_incomplete_listing_is_refused_with_what_is_missing(client, owner):
    response = create(client, action="submit")
    listing = Listing.objects.get()
    assert listing.status == Listing.Status.DRAFT
    page = client.get(response.url)
    assert "description" in page.content.decode()


def test_submit_complete_listing_goes_to_review(client, owner):
    leather = category("producer", "formal-leather")
    create(
        client,
        action="submit",
        description="Sepatu kulit buatan tangan.",
        phone="+62 812 3456 7890",
        categories=[leather.pk],
        capacity_pairs="1200",
    )
    listing = Listing.objects.get()
    assert listing.status == Listing.Status.PENDING
    assert list(listing.categories.all()) == [leather]
    assert listing.capacity_pairs == 1200
    assert str(Listing.Status.PENDING.label) in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_company_cannot_publish_or_verify_its_own_listing(client, owner):
    create(
        client, status="published", verified="on", changed_since_review="on", description="x", email="a@b.co"
    )
    listing = Listing.objects.get()
    assert listing.status == Listing.Status.DRAFT
    assert not listing.verified
    client.post(edit_url(listing), {**form_data(client.get(edit_url(listing))), "status": "published"})
    listing.refresh_from_db()
    assert listing.status == Listing.Status.DRAFT


def test_categories_of_other_roles_are_refused(client, owner):
    response = create(client, categories=[category("material", "leather").pk])
    assert "categories" in response.context["form"].errors
    assert not Listing.objects.exists()


def test_submit_button_on_my_listings(client, owner):
    listing = owned(owner, status="draft", description="x", phone="+6281234567890")
    client.post(reverse("accounts:listing_submit", kwargs={"slug": listing.slug}))
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PENDING


def test_rejected_listing_can_be_resubmitted(client, owner):
    listing = owned(owner, status="rejected", rejection_reason="Kurang foto.", phone="+6281234567890")
    client.post(reverse("accounts:listing_submit", kwargs={"slug": listing.slug}))
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PENDING
    assert listing.rejection_reason == ""


def test_published_listing_cannot_be_resubmitted(client, owner):
    listing = owned(owner, status="published", phone="+6281234567890")
    client.post(reverse("accounts:listing_submit", kwargs={"slug": listing.slug}))
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PUBLISHED


# --- Region pickers -------------------------------------------------------------------


def test_region_partial_narrows_regencies_and_districts(client, owner):
    response = client.get(reverse("accounts:regions"), {"province": "35"})
    form = response.context["form"]
    regencies = list(form.fields["regency"].queryset)
    assert regencies and all(r.province_id == "35" for r in regencies)
    assert not form.fields["district"].queryset.exists()
    response = client.get(reverse("accounts:regions"), {"province": "35", "regency": "35.15"})
    districts = list(response.context["form"].fields["district"].queryset)
    assert districts and all(d.regency_id == "35.15" for d in districts)
    html = response.content.decode()
    assert 'id="region-fields"' in html and "hx-get" in html


def test_region_partial_drops_a_regency_from_another_province(client, owner):
    response = client.get(reverse("accounts:regions"), {"province": "32", "regency": "35.15"})
    assert not response.context["form"].fields["district"].queryset.exists()


def test_refresh_without_javascript_narrows_and_saves_nothing(client, owner):
    response = create(client, regency="", refresh="1")
    assert response.status_code == 200
    assert not Listing.objects.exists()
    form = response.context["form"]
    assert all(r.province_id == "35" for r in form.fields["regency"].queryset)
    assert "invalid-feedback" not in response.content.decode()


def test_district_outside_regency_is_refused(client, owner):
    response = create(client, district="32.73.01")
    assert "district" in response.context["form"].errors


# --- Edit, history and review flag -------------------------------------------------------


def test_editor_edits_a_published_listing_live_flagged_and_kept_in_history(client):
    editor = UserFactory()
    client.force_login(editor)
    listing = owned(editor, role=Editor, status="published", name="Sepatu Lama")
    listing.history.all().delete()
    data = form_data(client.get(edit_url(listing)))
    data["name"] = "Sepatu Baru"
    response = client.post(edit_url(listing), data)
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.name == "Sepatu Baru"
    assert listing.status == Listing.Status.PUBLISHED
    assert listing.changed_since_review
    record = listing.history.latest()
    assert record.history_user == editor
    assert record.name == "Sepatu Baru"
    assert listing.history.count() == 1  # one save, one entry, m2m included
    assert [r.role_id for r in record.roles.all()] == ["producer"]


def test_editing_a_draft_does_not_flag_it(client, owner):
    listing = owned(owner, status="draft")
    data = form_data(client.get(edit_url(listing)))
    data["address"] = "Jl. Raya 1"
    client.post(edit_url(listing), data)
    listing.refresh_from_db()
    assert listing.address == "Jl. Raya 1"
    assert not listing.changed_since_review


def test_changing_roles_clears_facts_of_the_dropped_role(client, owner):
    listing = owned(owner, status="draft", capacity_pairs=500)
    data = form_data(client.get(edit_url(listing)))
    data["roles"] = ["brand"]
    data.pop("capacity_pairs")
    data.pop("categories", None)
    data.pop("features", None)
    client.post(edit_url(listing), data)
    listing.refresh_from_db()
    assert [r.code for r in listing.roles.all()] == ["brand"]
    assert listing.capacity_pairs is None


def test_concurrent_edit_is_refused_and_shows_what_changed(client):
    first, second = UserFactory(), UserFactory()
    listing = ListingFactory(status="published", name="Sepatu Awal", address="Jl. Lama")
    MembershipFactory(listing=listing, user=first, role=Owner)
    MembershipFactory(listing=listing, user=second, role=Editor)
    listing.save()  # a history entry for the version both people open

    client.force_login(first)
    first_form = form_data(client.get(edit_url(listing)))
    client.force_login(second)
    second_form = form_data(client.get(edit_url(listing)))

    client.force_login(first)
    first_form["name"] = "Sepatu Pertama"
    assert client.post(edit_url(listing), first_form).status_code == 302

    client.force_login(second)
    second_form["address"] = "Jl. Kedua"
    response = client.post(edit_url(listing), second_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ada yang mengubah profil usaha ini" in html
    name_label = str(Listing._meta.get_field("name").verbose_name)
    assert (name_label, "Sepatu Awal", "Sepatu Pertama") in [
        (str(label), old, new) for label, old, new in response.context["changes"]
    ]
    assert "Sepatu Pertama" in html
    listing.refresh_from_db()
    assert listing.name == "Sepatu Pertama"
    assert listing.address == "Jl. Lama"

    # Saving again from the refreshed page is a deliberate overwrite, and works.
    again = form_data(response)
    assert client.post(edit_url(listing), again).status_code == 302
    listing.refresh_from_db()
    assert listing.address == "Jl. Kedua"


def test_a_save_without_a_token_is_refused(client, owner):
    listing = owned(owner, status="draft", name="Tetap")
    data = form_data(client.get(edit_url(listing)))
    data["token"] = ""
    data["name"] = "Ganti"
    response = client.post(edit_url(listing), data)
    assert response.status_code == 200
    listing.refresh_from_db()
    assert listing.name == "Tetap"


def test_staff_can_restore_an_earlier_version_in_the_admin(client, owner):
    listing = owned(owner, status="published", name="Versi Satu")
    listing.save()
    data = form_data(client.get(edit_url(listing)))
    data["name"] = "Versi Dua"
    client.post(edit_url(listing), data)
    listing.refresh_from_db()
    assert listing.name == "Versi Dua"
    first = listing.history.filter(name="Versi Satu").latest()

    client.force_login(StaffFactory())
    history_page = client.get(reverse("admin:directory_listing_history", args=[listing.pk]))
    assert history_page.status_code == 200
    history_html = history_page.content.decode()
    assert "Versi Dua" in history_html and "Versi Satu" in history_html  # what changed
    assert owner.email in history_html  # who
    revert_url = reverse("admin:directory_listing_simple_history", args=[listing.pk, first.history_id])
    page = client.get(revert_url)
    assert page.status_code == 200
    post = form_data(page, page.context["adminform"].form)
    response = client.post(revert_url, post)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    listing.refresh_from_db()
    assert listing.name == "Versi Satu"


def test_staff_approving_flagged_edits_clears_the_flag(client):
    flagged = ListingFactory(changed_since_review=True)
    token_before = flagged.updated_at
    client.force_login(StaffFactory())
    changelist = reverse("admin:directory_listing_changelist")
    assert flagged.name in client.get(changelist + "?changed_since_review__exact=1").content.decode()
    client.post(changelist, {"action": "decide_approve", "_selected_action": [flagged.pk]})
    flagged.refresh_from_db()
    assert not flagged.changed_since_review
    # A decision is not an edit: a company's open edit form stays valid.
    assert flagged.updated_at == token_before


def test_refresh_after_changing_roles_asks_the_new_roles_questions(client, owner):
    response = create(client, roles=["supplier"], refresh="1")
    form = response.context["form"]
    assert "supply_capacity" in form.fields
    assert "capacity_pairs" not in form.fields
    assert not Listing.objects.exists()


def test_conflict_lists_a_changed_category(client):
    first, second = UserFactory(), UserFactory()
    listing = ListingFactory(status="draft")
    MembershipFactory(listing=listing, user=first, role=Owner)
    MembershipFactory(listing=listing, user=second, role=Owner)
    listing.save()
    client.force_login(second)
    stale = form_data(client.get(edit_url(listing)))
    client.force_login(first)
    fresh = form_data(client.get(edit_url(listing)))
    fresh["categories"] = [str(category("producer", "sport").pk)]
    client.post(edit_url(listing), fresh)
    client.force_login(second)
    response = client.post(edit_url(listing), stale)
    labels = {str(label): new for label, old, new in response.context["changes"]}
    assert (
        str(category("producer", "sport")) in labels[str(Listing._meta.get_field("categories").verbose_name)]
    )
    assert list(listing.categories.all()) == [category("producer", "sport")]
