"""The API's OpenAPI schema agrees with what the API really answers, checked with schemathesis.

Schemathesis reads the live schema and sends requests that fit it (which must
succeed) and requests that break it (which must be refused), and checks every
answer's status, content type and body against the schema. Bounded and
seeded so that it runs the same way every time.
"""

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from directory.models import Certification
from directory.tests.factories import ListingFactory, category

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Pairs the schema cannot express: a regency must lie in the chosen province,
# a category must belong to the chosen role; the API answers 400 otherwise.
DEPENDENT = {"regency": "province", "category": "role"}


@pytest.fixture
def api_schema(live_server):
    listings()
    return schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")


def listings():
    """Published listings with and without the optional values the API returns as null."""
    full = ListingFactory(
        name="Kulit Lengkap",
        roles=["material", "supplier"],
        categories=[category("material", "leather")],
        latitude=-7.5,
        longitude=112.7,
        verified=True,
        verified_at=timezone.now(),
        year_founded=1990,
        capacity_pairs=5000,
        moq_pairs=100,
        supply_capacity=100,
        supply_capacity_unit="sqm",
        export_markets=["JP", "MY"],
        phone="+62 31 1234567",
        whatsapp="+62 812 3456 7890",
        email="info@kulit.example",
        website="https://kulit.example",
    )
    full.certifications.set(Certification.objects.all()[:2])
    ListingFactory(name="Sepatu Sederhana", district_id=None, description="")
    ListingFactory(name="Merek Lokal", roles=["brand"], categories=[category("brand", "sport")])


def accepts_valid_requests(ctx, response, case):
    """Schemathesis' positive-data check, knowing the two pairs of parameters the schema cannot tie."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code != 400:
        return None
    query = case.query or {}
    refused = set(response.json())
    if refused <= DEPENDENT.keys() and all(query.get(DEPENDENT[name]) for name in refused):
        return None
    raise AssertionError(f"A request that fits the schema was refused: {response.text}")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize("path", ["/api/listings/", "/api/listings/{slug}/"])
def test_the_api_answers_as_its_schema_says(api_schema, path, mode):
    operation = api_schema[path]["GET"]

    @given(operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=50,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(
            excluded_checks=[positive_data_acceptance], additional_checks=[accepts_valid_requests]
        )

    check()


def test_every_listing_detail_matches_the_schema(api_schema):
    from directory.models import Listing

    operation = api_schema["/api/listings/{slug}/"]["GET"]
    slugs = list(Listing.objects.values_list("slug", flat=True))
    assert len(slugs) == 3
    for slug in slugs:
        response = operation.Case(path_parameters={"slug": slug}).call_and_validate()
        assert response.status_code == 200


def test_the_list_matches_the_schema_with_nulls_in_it(api_schema):
    response = api_schema["/api/listings/"]["GET"].Case(query={}).call_and_validate()
    results = response.json()["results"]
    assert {r["latitude"] for r in results} == {None, -7.5}
