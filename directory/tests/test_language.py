import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from directory.templatetags.glossary import term

pytestmark = pytest.mark.django_db


def switch(client, language, next_url):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_switching_to_english_keeps_the_page_and_its_query(client):
    response = switch(client, "en", "/glossary/?role=producer&page=2")
    assert response.status_code == 302
    assert response["Location"] == "/en/glossary/?role=producer&page=2"


def test_switching_back_to_indonesian_from_an_english_page(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = switch(client, "id", "/en/glossary/?q=kulit")
    assert response["Location"] == "/glossary/?q=kulit"
    # The choice sticks: the unprefixed page now stays Indonesian.
    assert client.get("/glossary/").status_code == 200


def test_the_english_choice_sticks_on_unprefixed_urls(client):
    switch(client, "en", "/")
    # Whatever language the thread served last must not matter.
    translation.activate("en")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get("/glossary/?q=1")
    assert response.status_code == 302
    assert response["Location"] == "/en/glossary/?q=1"
    assert "Cookie" in response["Vary"]
    # Files and unknown paths are never redirected.
    assert client.get("/no-such-page/").status_code == 404


def test_without_a_choice_indonesian_is_served_unprefixed(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "id"


def test_pages_carry_hreflang_alternates_with_their_query(client, settings):
    settings.SITE_URL = "https://ifn.example.id"
    for path in ("/glossary/?q=x", "/en/glossary/?q=x"):
        html = client.get(path).content.decode()
        assert '<link rel="alternate" hreflang="id" href="https://ifn.example.id/glossary/?q=x">' in html
        assert '<link rel="alternate" hreflang="en" href="https://ifn.example.id/en/glossary/?q=x">' in html
        assert (
            '<link rel="alternate" hreflang="x-default" href="https://ifn.example.id/glossary/?q=x">' in html
        )


def test_glossary_explains_industry_terms_in_both_languages(client):
    english = client.get("/en/glossary/").content.decode()
    assert 'id="term-makloon"' in english
    assert "Contract manufacturing" in english
    indonesian = client.get("/glossary/").content.decode()
    assert 'id="term-makloon"' in indonesian
    assert "Contract manufacturing" not in indonesian


def test_term_tag_links_the_explanation():
    with translation.override("en"):
        html = term("TKDN")
    assert 'href="/en/glossary/#term-tkdn"' in html
    assert "local content" in html


def test_numbers_and_dates_follow_the_visitors_language(client):
    from directory.tests.factories import ListingFactory

    listing = ListingFactory(capacity_pairs=12500, moq_pairs=1200)
    indonesian = client.get(listing.get_absolute_url()).content.decode()
    assert "12.500 pasang per bulan" in indonesian
    assert "1.200 pasang" in indonesian
    with translation.override("en"):
        url = listing.get_absolute_url()
    english = client.get(url).content.decode()
    assert "12,500 pairs a month" in english
    assert "1,200 pairs" in english
