"""The chain made visible: upstream and downstream near a listing, role
colours wherever a role appears, and cards with what buyers decide on."""

import pytest
from django.urls import reverse

from directory.chain import downstream_of, upstream_of
from directory.models import Feature

from .factories import ListingFactory

pytestmark = pytest.mark.django_db


def test_the_chain_runs_from_materials_to_brands():
    assert upstream_of(["producer"]) == ["material", "supplier"]
    assert downstream_of(["producer"]) == ["brand"]
    assert downstream_of(["material"]) == ["supplier", "producer"]
    assert upstream_of(["organisation"]) == [] and downstream_of(["organisation"]) == []
    # A producer with its own brand is not its own downstream.
    assert downstream_of(["producer", "brand"]) == []


def test_a_producer_page_shows_suppliers_and_materials_nearby_not_other_producers(client):
    producer = ListingFactory(name="Pembuat Sepatu", roles=["producer"])
    ListingFactory(name="Sol Tanggulangin", roles=["supplier"])
    ListingFactory(name="Kulit Sidoarjo", roles=["material"], regency_id="35.15", district_id=None)
    ListingFactory(name="Sol Surabaya", roles=["supplier"], regency_id="35.78", district_id=None)
    ListingFactory(
        name="Sol Bandung", roles=["supplier"], province_id="32", regency_id="32.73", district_id=None
    )
    ListingFactory(name="Produsen Lain", roles=["producer"])
    ListingFactory(name="Draf Pemasok", roles=["supplier"], status="draft")
    ListingFactory(name="Merek Sidoarjo", roles=["brand"])

    response = client.get(producer.get_absolute_url())
    sections = {
        str(heading): [x.name for x in found] for heading, _codes, found in response.context["neighbours"]
    }
    upstream = sections["Hulu di sekitar Anda"]
    # Same regency first, then the province; never another province, a draft or a peer.
    assert upstream[:2] == sorted(upstream[:2]) or set(upstream[:2]) == {"Sol Tanggulangin", "Kulit Sidoarjo"}
    assert set(upstream) == {"Sol Tanggulangin", "Kulit Sidoarjo", "Sol Surabaya"}
    assert upstream.index("Sol Surabaya") == 2
    assert sections["Hilir di sekitar Anda"] == ["Merek Sidoarjo"]
    html = response.content.decode()
    assert 'data-testid="chain-neighbours"' in html and "Sol Tanggulangin" in html
    assert "Sol Bandung" not in html and "Draf Pemasok" not in html


def test_a_supplier_page_shows_producers_downstream(client):
    supplier = ListingFactory(name="Lem Kuat", roles=["supplier"])
    ListingFactory(name="Sepatu Pembeli Lem", roles=["producer"])
    response = client.get(supplier.get_absolute_url())
    sections = {
        str(heading): [x.name for x in found] for heading, _codes, found in response.context["neighbours"]
    }
    assert sections == {"Hilir di sekitar Anda": ["Sepatu Pembeli Lem"]}


def test_an_organisation_page_has_no_chain_section(client):
    organisation = ListingFactory(roles=["organisation"])
    ListingFactory(roles=["producer"])
    response = client.get(organisation.get_absolute_url())
    assert response.context["neighbours"] == []
    assert 'data-testid="chain-neighbours"' not in response.content.decode()


def test_roles_carry_their_colour_on_cards_filters_and_pages(client):
    listing = ListingFactory(roles=["producer", "brand"])
    detail = client.get(listing.get_absolute_url()).content.decode()
    assert 'class="ifn-role ifn-role-producer"' in detail and 'class="ifn-role ifn-role-brand"' in detail
    directory = client.get(reverse("directory:list")).content.decode()
    assert 'class="ifn-role ifn-role-producer"' in directory
    assert (
        '<li class="ifn-role-material"><label><input class="form-check-input" type="radio" name="role"'
        in directory
    )
    home = client.get(reverse("directory:home")).content.decode()
    for code in ["material", "supplier", "producer", "brand", "organisation"]:
        assert f'class="ifn-stage ifn-role-{code}' in home or f"ifn-support ifn-role-{code}" in home


def test_a_card_shows_what_buyers_filter_on(client):
    listing = ListingFactory(
        name="Sepatu Ekspor",
        roles=["producer"],
        capacity_pairs=12000,
        moq_pairs=300,
        export_markets=["JP", "MY", "AU", "NL"],
        verified=True,
        verified_at="2026-01-01T00:00Z",
    )
    listing.features.set(Feature.objects.filter(slug__in=["oem", "makloon", "cemented"]))
    html = client.get(reverse("directory:list")).content.decode()
    card = html[html.index('data-testid="listing-card"') :]
    card = card[: card.index("</article>")]
    assert "12.000 pasang/bulan" in card and "300 pasang" in card
    assert "Jepang" in card and "+1" in card
    # Production services as short tags; construction methods stay on the listing's page.
    assert '<li class="ifn-tag">OEM</li>' in card and '<li class="ifn-tag">Makloon</li>' in card
    assert "Lem (cemented)" not in card
    assert "Terverifikasi BPIPI" in card
    # Under the page's h1, cards are h2.
    assert '<h2 class="h6 card-title' in card


def test_a_card_shows_the_logo_or_the_role_icon(client):
    ListingFactory(name="Dengan Logo", logo="logos/a.png")
    ListingFactory(name="Tanpa Logo", roles=["supplier"])
    html = client.get(reverse("directory:list")).content.decode()
    assert 'src="/media/logos/a.png"' in html
    assert '<span class="ifn-thumb ifn-role-supplier" aria-hidden="true">' in html
