"""The API answers the directory page's filters with the directory page's listings."""

import pytest
from django.utils import translation

from directory.tests.test_export import FILTERS, directory_dataset, html_slugs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


@pytest.mark.parametrize(
    "params", FILTERS, ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()) or "all"
)
def test_api_gives_the_listings_of_the_directory_page(client, params):
    directory_dataset()
    expected = html_slugs(client, params)
    response = client.get("/api/listings/", {**params, "page_size": 100})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == len(expected)
    assert [result["slug"] for result in data["results"]] == expected
