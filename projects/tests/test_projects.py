"""Collaboration projects: public pages, interest, participants, proposals by organisations."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import StaffFactory, UserFactory
from directory.tests.factories import ListingFactory, MembershipFactory, OrganisationFactory
from projects.models import Interest, Project

from .factories import InterestFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    listing = OrganisationFactory(name="Asosiasi Proyek Uji")
    listing.owner = MembershipFactory(listing=listing).user
    return listing


@pytest.fixture
def maker():
    listing = ListingFactory(name="Sepatu Peserta Uji")
    listing.owner = MembershipFactory(listing=listing).user
    return listing


def interest_url(project):
    return reverse("projects:interest", kwargs={"slug": project.slug})


# --- Public pages -------------------------------------------------------------------------


def test_the_list_shows_public_projects_open_first(client):
    done = ProjectFactory(title="Proyek Selesai", status="done")
    running = ProjectFactory(title="Proyek Berjalan", status="running")
    open_ = ProjectFactory(title="Proyek Terbuka")
    ProjectFactory(title="Proyek Usulan", status="proposed")
    ProjectFactory(title="Proyek Ditolak", status="rejected", rejection_reason="x")
    response = client.get(reverse("projects:list"))
    assert list(response.context["page"].object_list) == [open_, running, done]
    assert "Proyek Usulan" not in response.content.decode()


@pytest.mark.parametrize("status", ["proposed", "rejected"])
def test_projects_not_approved_have_no_public_page(client, status):
    project = ProjectFactory(status=status, rejection_reason="x")
    assert client.get(project.get_absolute_url()).status_code == 404


def test_the_project_page_has_link_preview_data_and_its_participants(client, settings, maker):
    settings.SITE_URL = "https://ifn.example.id"
    project = ProjectFactory(
        title="Pameran Bersama", description="Pameran sepatu di Jakarta.\nStan bersama IKM."
    )
    InterestFactory(project=project, listing=maker, status="selected")
    InterestFactory(project=project, listing=ListingFactory(name="Sepatu Belum Dipilih"))
    html = client.get(project.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Pameran Bersama">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(
        r'<meta property="og:description" content="Pameran sepatu di Jakarta\. Stan bersama IKM\.">', html
    )
    assert f'<meta property="og:url" content="https://ifn.example.id{project.get_absolute_url()}">' in html
    assert "Sepatu Peserta Uji" in html
    assert "Sepatu Belum Dipilih" not in html


def test_the_english_page_uses_the_english_title(client):
    project = ProjectFactory(title="Pelatihan", title_en="Training")
    with translation.override("en"):
        url = project.get_absolute_url()
    assert "<h1" in client.get(url).content.decode() and "Training" in client.get(url).content.decode()


def test_the_home_page_shows_current_projects(client):
    ProjectFactory(title="Proyek Beranda")
    ProjectFactory(title="Proyek Lama Selesai", status="done")
    html = client.get(reverse("directory:home")).content.decode()
    assert 'data-testid="home-projects"' in html
    assert "Proyek Beranda" in html and "Proyek Lama Selesai" not in html


def test_a_new_project_shows_on_the_kept_home_page(client):
    assert 'data-testid="home-projects"' not in client.get(reverse("directory:home")).content.decode()
    ProjectFactory(title="Proyek Baru")
    assert "Proyek Baru" in client.get(reverse("directory:home")).content.decode()


def test_the_sitemap_lists_the_projects_in_both_languages(client, settings):
    settings.SITE_URL = "https://ifn.example.id"
    project = ProjectFactory()
    ProjectFactory(status="proposed")
    index = client.get("/sitemap.xml").content.decode()
    assert "https://ifn.example.id/sitemap-projects.xml" in index
    section = client.get("/sitemap-projects.xml").content.decode()
    assert f"https://ifn.example.id{project.get_absolute_url()}" in section
    assert f"https://ifn.example.id/en{project.get_absolute_url()}" in section
    assert "https://ifn.example.id/projects/</loc>" in section
    assert section.count("<url>") == 4


# --- Interest -----------------------------------------------------------------------------


def test_a_listing_owner_expresses_interest_and_the_managers_are_told(client, organisation, maker, run_tasks):
    project = ProjectFactory(organiser=organisation, roles_sought=["producer"])
    client.force_login(maker.owner)
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'data-testid="interest-form"' in page
    response = client.post(interest_url(project), {"listing": maker.pk, "note": "Kapasitas 2.000 pasang"})
    assert response.status_code == 302
    interest = Interest.objects.get()
    assert (interest.listing, interest.by, interest.note, interest.status) == (
        maker,
        maker.owner,
        "Kapasitas 2.000 pasang",
        Interest.Status.INTERESTED,
    )
    assert [m.to for m in run_tasks()] == [[organisation.owner.email]]
    assert 'data-testid="my-interest"' in client.get(project.get_absolute_url()).content.decode()


def test_interest_in_a_bpipi_project_goes_to_the_moderators(client, maker, run_tasks):
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="BPIPI moderator"))
    project = ProjectFactory()
    client.force_login(maker.owner)
    client.post(interest_url(project), {"listing": maker.pk})
    assert [m.to for m in run_tasks()] == [[moderator.email]]


def test_interest_is_refused_for_a_role_not_sought_twice_or_for_another_companys_listing(client, maker):
    project = ProjectFactory(roles_sought=["material"])
    client.force_login(maker.owner)
    client.post(interest_url(project), {"listing": maker.pk}, follow=True)
    assert not Interest.objects.exists()
    other = ProjectFactory()
    client.post(interest_url(other), {"listing": ListingFactory().pk})
    assert not Interest.objects.exists()
    client.post(interest_url(other), {"listing": maker.pk})
    client.post(interest_url(other), {"listing": maker.pk})
    assert Interest.objects.count() == 1


@pytest.mark.parametrize("change", [{"status": "running"}, {"deadline": "past"}])
def test_interest_closes_when_the_project_runs_or_the_deadline_passed(client, maker, change):
    if change.get("deadline"):
        change = {"deadline": timezone.localdate() - timedelta(days=1)}
    project = ProjectFactory(**change)
    client.force_login(maker.owner)
    assert 'data-testid="interest-form"' not in client.get(project.get_absolute_url()).content.decode()
    client.post(interest_url(project), {"listing": maker.pk})
    assert not Interest.objects.exists()


def test_anonymous_visitors_are_asked_to_log_in(client):
    project = ProjectFactory()
    assert 'data-testid="login-to-join"' in client.get(project.get_absolute_url()).content.decode()
    response = client.post(interest_url(project), {"listing": ListingFactory().pk})
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert not Interest.objects.exists()


# --- Managers -----------------------------------------------------------------------------


def manage_url(project):
    return reverse("projects:manage", kwargs={"slug": project.slug})


def decide_url(interest):
    return reverse("projects:decide", kwargs={"slug": interest.project.slug, "pk": interest.pk})


@pytest.mark.parametrize(
    "visitor, expected",
    [
        ("anonymous", 302),
        ("organiser", 200),
        ("participant", 404),
        ("other company", 404),
        ("moderator", 200),
    ],
)
def test_who_manages_a_project(client, organisation, maker, visitor, expected):
    project = ProjectFactory(organiser=organisation)
    interest = InterestFactory(project=project, listing=maker)
    users = {
        "organiser": organisation.owner,
        "participant": maker.owner,
        "other company": MembershipFactory().user,
        "moderator": StaffFactory(),
    }
    if visitor in users:
        client.force_login(users[visitor])
    assert client.get(manage_url(project)).status_code == expected
    client.post(decide_url(interest), {"selected": "1"})
    interest.refresh_from_db()
    assert (interest.status == Interest.Status.SELECTED) == (expected == 200)


def test_managers_pick_participants_who_then_show_publicly(client, organisation, maker, run_tasks):
    project = ProjectFactory(organiser=organisation)
    picked = InterestFactory(project=project, listing=maker)
    other = InterestFactory(project=project, listing=ListingFactory(name="Sepatu Lain"))
    client.force_login(organisation.owner)
    assert 'data-testid="interest"' in client.get(manage_url(project)).content.decode()
    client.post(decide_url(picked), {"selected": "1"})
    client.post(decide_url(other), {"selected": "0"})
    picked.refresh_from_db()
    other.refresh_from_db()
    assert (picked.status, picked.decided_by) == (Interest.Status.SELECTED, organisation.owner)
    assert other.status == Interest.Status.NOT_SELECTED
    assert maker.owner.email in [m.to[0] for m in run_tasks()]
    client.logout()
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Sepatu Peserta Uji" in page and "Sepatu Lain" not in page


def test_managers_move_the_project_on_until_done(client, organisation):
    project = ProjectFactory(organiser=organisation)
    client.force_login(organisation.owner)
    url = reverse("projects:advance", kwargs={"slug": project.slug})
    client.post(url)
    project.refresh_from_db()
    assert project.status == Project.Status.RUNNING
    client.post(url)
    project.refresh_from_db()
    assert project.status == Project.Status.DONE
    client.post(url, follow=True)
    project.refresh_from_db()
    assert project.status == Project.Status.DONE


def test_an_organisation_proposes_a_project_which_bpipi_approves(
    client, admin_client, organisation, run_tasks
):
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="BPIPI moderator"))
    client.force_login(organisation.owner)
    assert 'href="' + reverse("projects:propose") in client.get(reverse("projects:mine")).content.decode()
    data = {
        "organiser": organisation.pk,
        "title": "Kurasi Produk Ekspor",
        "title_en": "",
        "description": "Kurasi sepatu untuk pameran.",
        "description_en": "",
        "roles_sought": ["producer", "brand"],
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "location": "Surabaya",
        "province": "35",
    }
    assert client.post(reverse("projects:propose"), data).status_code == 302
    project = Project.objects.get()
    assert (project.status, project.organiser, project.created_by) == (
        "proposed",
        organisation,
        organisation.owner,
    )
    assert {r.code for r in project.roles_sought.all()} == {"producer", "brand"}
    assert moderator.email in [m.to[0] for m in run_tasks()]
    assert client.get(project.get_absolute_url()).status_code == 404

    admin_client.post(
        reverse("admin:projects_project_changelist"), {"action": "approve", "_selected_action": [project.pk]}
    )
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN and project.approved_at
    assert organisation.owner.email in [m.to[0] for m in run_tasks()]
    assert client.get(project.get_absolute_url()).status_code == 200


def test_bpipi_rejects_a_proposal_with_a_reason(admin_client, organisation, run_tasks):
    project = ProjectFactory(organiser=organisation, status="proposed")
    url = reverse("admin:projects_project_reject", args=[project.pk])
    admin_client.post(url, {"reason": ""})
    project.refresh_from_db()
    assert project.status == "proposed"
    admin_client.post(url, {"reason": "Jadwal bentrok dengan pameran BPIPI"})
    project.refresh_from_db()
    assert project.status == "rejected"
    assert "Jadwal bentrok" in run_tasks()[-1].body


def test_only_organisations_propose_projects(client, maker):
    client.force_login(maker.owner)
    assert client.get(reverse("projects:propose")).status_code == 404
    assert reverse("projects:propose") not in client.get(reverse("projects:mine")).content.decode()


@pytest.mark.parametrize("name", ["projects:mine", "projects:propose"])
def test_the_dashboard_project_pages_need_a_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_a_moderator_without_an_organisation_cannot_propose_from_the_dashboard(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("projects:propose")).status_code == 404
    assert client.get(reverse("projects:mine")).status_code == 200
