"""Random and hostile values at every filter, search, API parameter and public form: never a 500.

Hypothesis draws the values: arbitrary unicode, control characters and NUL
bytes, huge strings, SQL metacharacters and XSS payloads. The test client
raises any server error, so a 500 fails the test with its traceback. Runs
are bounded and derandomised, so they take the same time and path each run.
"""

import unicodedata

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.tests.factories import UserFactory
from directory.models import Listing
from directory.tests.factories import ListingFactory, MembershipFactory, category

pytestmark = pytest.mark.django_db

SQL = ["'", "''", ";", "--", "/*", "*/", "%", "_", "\\", "=", "(", ")", "' OR '1'='1", "1=1", "DROP TABLE x;"]
XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "{{ 7*7 }}"]
CONTROL = ["\x00", "\x01", "\x08", "\x1b[31m", "\x7f", "\x85", "\r\n", "\t"]

hostile_text = st.one_of(
    st.text(max_size=50),
    st.sampled_from(SQL + XSS + CONTROL),
    st.lists(
        st.sampled_from(SQL + XSS + CONTROL + ["sepatu", "kulit", "Sidoarjo", "é", "🥾"]), max_size=6
    ).map(" ".join),
    st.integers(min_value=200, max_value=20_000).map(lambda n: "x" * n),
)

BOUNDED = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

FILTER_PARAMETERS = [
    "q",
    "role",
    "category",
    "province",
    "regency",
    "certification",
    "export",
    "size",
    "verified",
    "capacity",
    "moq",
    "sort",
    "page",
    "page_size",
]
parameters = st.dictionaries(st.sampled_from(FILTER_PARAMETERS), hostile_text, min_size=1, max_size=4)


@pytest.fixture
def listings():
    ListingFactory(name="Sepatu Kulit Sidoarjo", categories=[category("producer", "sport")])
    ListingFactory(name="O'Brien 100% Sol_Karet", description="Lem; sol -- karet /* kuat */")
    ListingFactory(
        name="Karet Bandung", roles=["material"], province_id="32", regency_id="32.04", district_id=None
    )


@pytest.fixture
def member():
    """A company account owning a draft listing, made once: hashing passwords per example is slow."""
    user = UserFactory()
    MembershipFactory(listing=ListingFactory(status="draft"), user=user, role="owner")
    return user


def has_control(params):
    """Control characters other than line breaks and tabs: the request is refused with a 400."""
    return any(
        unicodedata.category(c) == "Cc" and c not in "\t\n\r" for value in params.values() for c in value
    )


@BOUNDED
@given(params=parameters)
def test_directory_pages_api_and_export_never_fail(client, listings, params):
    control = has_control(params)
    for url, ok in [
        (reverse("directory:list"), {200}),
        (reverse("directory:map"), {200}),
        (reverse("directory:export_csv"), {200, 400}),
        ("/en/directory/", {200}),
        ("/api/listings/", {200, 400, 404}),
    ]:
        response = client.get(url, params)
        assert response.status_code in ({400} if control else ok), (url, params, response.status_code)
    response = client.get(reverse("directory:list"), params, headers={"HX-Request": "true"})
    assert response.status_code == (400 if control else 200)


# --- SQL metacharacters are text --------------------------------------------------

WORDS = ["sepatu", "kulit", "karet", "sol", "obrien", "sidoarjo", "lem"]
# SQL's metacharacters without words (words such as OR and DROP are search terms).
SQL_TOKENS = ["'", "''", "';--", ";", "--", "/*", "*/", "%", "_", "\\", "=", "(", ")", "'='", "%'--"]


search_tokens = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
    st.lists(st.sampled_from(SQL_TOKENS), min_size=1, max_size=3),
).flatmap(lambda parts: st.permutations(parts[0] + parts[1]))


def api_search(client, q):
    return {r["slug"] for r in client.get("/api/listings/", {"q": q, "page_size": 100}).json()["results"]}


@BOUNDED
@given(tokens=search_tokens)
def test_sql_metacharacters_in_a_search_are_plain_text(client, listings, tokens):
    q = " ".join(tokens)
    # Full-text search (PostgreSQL and SQLite's FTS5) reads punctuation as a
    # word break: the metacharacters must change nothing against the same
    # words without them.
    expected = api_search(client, " ".join(t for t in tokens if t in WORDS))
    assert api_search(client, q) == expected, q


# --- Public forms --------------------------------------------------------------------


@BOUNDED
@given(message=hostile_text, contact=hostile_text, website=hostile_text)
def test_the_error_report_form_never_fails(client, listings, message, contact, website):
    cache.clear()  # the hourly limit is not what is tested here
    listing = Listing.objects.published().first()
    data = {"message": message, "contact": contact, "website": website}
    response = client.post(reverse("moderation:report", kwargs={"slug": listing.slug}), data)
    assert response.status_code in (200, 302, 400)
    for report in listing.error_reports.all():
        assert "\x00" not in report.message + report.contact
        assert "\n" not in report.contact


@BOUNDED
@given(email=hostile_text, password=hostile_text)
def test_sign_up_and_log_in_never_fail(client, email, password):
    cache.clear()
    data = {"email": email, "password1": password, "password2": password}
    assert client.post(reverse("account_signup"), data).status_code in (200, 302, 400, 429)
    data = {"login": email, "password": password}
    assert client.post(reverse("account_login"), data).status_code in (200, 302, 400, 429)


@BOUNDED
@given(position=hostile_text, nib=hostile_text, message=hostile_text)
def test_the_claim_form_never_fails(client, listings, member, position, nib, message):
    client.force_login(member)
    listing = Listing.objects.published().first()
    data = {"position": position, "nib": nib, "message": message}
    response = client.post(reverse("accounts:claim", kwargs={"slug": listing.slug}), data)
    assert response.status_code in (200, 302, 400)


@BOUNDED
@given(
    values=st.dictionaries(
        st.sampled_from(
            [
                "name",
                "description",
                "address",
                "contact_person",
                "website",
                "email",
                "nib",
                "kbli_codes",
                "postal_code",
                "phone",
                "instagram",
                "year_founded",
                "capacity_pairs",
                "province",
                "regency",
            ]
        ),
        hostile_text,
        min_size=1,
        max_size=5,
    )
)
def test_the_dashboard_listing_form_never_fails_and_stores_no_control_characters(client, member, values):
    listing = Listing.objects.get(memberships__user=member)
    client.force_login(member)
    data = {"name": "PT Uji", "roles": ["producer"], "province": "35", "regency": "35.15", **values}
    response = client.post(reverse("accounts:listing_edit", kwargs={"slug": listing.slug}), data)
    assert response.status_code in (200, 302, 400)
    listing.refresh_from_db()
    for field in ["name", "address", "contact_person", "website", "email"]:
        value = getattr(listing, field)
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in value), (field, value)
