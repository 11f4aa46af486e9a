"""Project-wide test fixtures, including the browser harness.

Browser tests drive Debian's Chromium (package `chromium`) through
Playwright's sync API against pytest-django's live server. Playwright's own
browser download is not used. Without Chromium the browser tests are skipped
with a message, except under CI (CI=true), where a missing browser fails.
"""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


def chromium_path():
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and os.path.exists(c)), None)


@pytest.fixture(scope="session")
def chromium(django_db_setup, django_db_blocker):
    path = chromium_path()
    if path is None:
        message = (
            "Chromium not found: install Debian's `chromium` package (apt-get install chromium) "
            "or set CHROMIUM_PATH to run the browser tests."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API switches the context that Django's per-context
    # connection objects live in, so the data serialised at database set-up
    # (for serialized_rollback) would be lost to every browser test after the
    # first: carry it over to the connections of the new context.
    with django_db_blocker.unblock():
        serialized = {
            alias: connections[alias]._test_serialized_contents
            for alias in connections
            if hasattr(connections[alias], "_test_serialized_contents")
        }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
        # The tests that ran after this one did so in Playwright's context: close
        # the connections they left there, or the test databases, dropped in the
        # first context, would still be in use.
        connections.close_all()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium, live_server):
    """A 360-px-wide phone viewport."""
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def fast_passwords(request, settings):
    """The real password hasher is slow by design and the tests create many
    users: new passwords are hashed with MD5, while the real hashers still
    check those made outside a test (seed data made once for a module). A
    test whose users log in to app servers in other processes, which run the
    production settings, is marked real_passwords and keeps the real hasher."""
    if not request.node.get_closest_marker("real_passwords"):
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.MD5PasswordHasher",
            *settings.PASSWORD_HASHERS,
        ]


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language: a request to an /en/ page
    leaves English active in the test's thread, which would leak into the next
    test's reverse() and get_absolute_url()."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def run_tasks(monkeypatch):
    """Run the queued background tasks (emails) the way `manage.py db_worker
    --batch` does, and return django.core.mail.outbox. Tasks scheduled for
    later (retries) wait for their time, as with the real worker."""
    from django.core import mail
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.management.commands.db_worker import Worker

    # The worker recycles its database connection between tasks; here that
    # connection holds the test's transaction (PostgreSQL would lose it).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        Worker(
            queue_names=["*"],
            excluded_queue_names=[],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="pytest",
        ).run()
        return mail.outbox

    return run


@pytest.fixture
def mail_down(settings):
    """The mail server is down until the test calls the returned function."""
    settings.EMAIL_BACKEND = "outbox.tests.backends.RefusingBackend"

    def recover():
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return recover


@pytest.fixture
def clock(monkeypatch):
    """Move the clock forward (`clock(timedelta(minutes=5))`), e.g. to make a
    delayed retry due for the worker."""
    from django.utils import timezone

    real_now = timezone.now
    offset = []

    def advance(delta):
        offset.append(delta)
        monkeypatch.setattr(timezone, "now", lambda: real_now() + sum(offset, type(delta)()))

    return advance


@pytest.fixture
def memory_cache(settings):
    """A per-process memory cache instead of the database's. With Redis in
    production a cache read is no database query, so tests that pin a page's
    query count count the page's own queries only."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pinned-queries"}
    }
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture(autouse=True)
def no_pages_kept_in_memory():
    """Pages kept by an earlier test in this process's memory, under a directory
    generation that rollback brought back, must not be served to this one."""
    from directory import pagecache

    pagecache.forget()


@pytest.fixture(autouse=True)
def fresh_cache_for_live_server_tests(request):
    """Tests that commit (live server, browser, app servers in other processes)
    empty the database between them but not the database cache's table (it is
    no model), while the directory generation comes back with the data: kept
    pages of one test (even ones rendered by a production server with hashed
    static names) would be served to the next. Clear the cache around each."""
    marker = request.node.get_closest_marker("django_db")
    commits = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("live_server", "chromium", "transactional_db")
    )
    if not commits:
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


DEMO_COUNT = 150


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker, tmp_path_factory):
    """`seed_demo` run once for a module's tests, which read it (and may run it
    again) inside their own savepoints; it is rolled back after the module.
    Gives the number of listings asked for and what the command printed."""
    import io
    from types import SimpleNamespace

    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    output = io.StringIO()
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("seed_demo", force=True, count=DEMO_COUNT, stdout=output)
        yield SimpleNamespace(count=DEMO_COUNT, output=output.getvalue())
        transaction.set_rollback(True)


@pytest.fixture(scope="session", autouse=True)
def quick_restore():
    """Django's restore of the serialised data (serialized_rollback, and the
    hook below) in bulk: the same rows, in a fraction of the time (ifn/testing_db.py)."""
    from django.db.backends.base.creation import BaseDatabaseCreation

    from ifn.testing_db import restore

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            BaseDatabaseCreation,
            "deserialize_db_from_string",
            lambda self, data: restore(self.connection, data),
        )
        yield


def _empties_the_database(item):
    """Whether the test runs outside a transaction, so its end flushes every table."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(fixtures)
    )


def _restores_the_data(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback") and _empties_the_database(item))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that empty the database (the browser and live-server
    tests) first, after pytest-django has put them last. They are few to a
    file and slow each, the two page tours above all: started first, the
    quick files fill in around them and the test processes finish together.
    `make test` and CI hand the files out in this order (pytest-xdist's
    --no-loadscope-reorder; by default it starts with the files that have
    the most tests). The hook below restores the data after each of them."""
    items.sort(key=lambda item: not _empties_the_database(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put the migrations' data (regions, roles, categories) back after a test
    that flushed the tables, unless the next test restores it itself. Django
    restores it only at the start of a serialized-rollback test and so runs
    such tests after all others; with the test files spread over several
    processes (pytest-xdist), a process may run other tests after them.
    After a process's last test its databases are gone already."""
    result = yield
    if nextitem and _empties_the_database(item) and not _restores_the_data(nextitem):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture
def lifecycle_open():
    """Let a test set listings' status and verification directly, as fixture data.

    Outside it a direct write raises (directory/models/lifecycle.py); tests
    that check the moderation path itself do not use it.
    """
    from directory.models import lifecycle_change

    with lifecycle_change():
        yield
