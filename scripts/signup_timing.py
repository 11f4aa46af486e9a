"""Sign-up answer times for an address that already has an account and for a new one.

    DEBUG=true .venv/bin/python scripts/signup_timing.py [N]
    DATABASE_URL=postgres://… DEBUG=true .venv/bin/python scripts/signup_timing.py

Creates and drops a test database (test_<name>), posts the sign-up form N
times (default 15) for each kind of address, alternating, with the real
password hasher, and prints the median and spread of each. With
--without-equal-work the known-address path skips the password hash, as it
did before, for comparison.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ifn.settings")

import django  # noqa: E402

django.setup()

from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402

PASSWORD = "Sepatu-Kulit-2026"


def post(client, email, n):
    # A different address per request: allauth's sign-up rate limit counts per IP.
    started = time.perf_counter()
    response = client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}",
    )
    seconds = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return seconds


def measure(rounds):
    from accounts.models import User

    User.objects.create_user(email="known@example.com", password=PASSWORD)
    known, new = [], []
    for n in range(rounds):
        known.append(post(Client(), "known@example.com", 2 * n))
        new.append(post(Client(), f"new{n}@example.com", 2 * n + 1))
    # The first request of each kind warms caches; leave it out.
    return known[1:], new[1:]


def show(label, samples):
    median = statistics.median(samples)
    print(
        f"{label:<14} median {median * 1000:7.1f} ms   min {min(samples) * 1000:7.1f}   max {max(samples) * 1000:7.1f}"
    )
    return median


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", type=int, nargs="?", default=15)
    parser.add_argument("--without-equal-work", action="store_true")
    args = parser.parse_args()

    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False)
    try:
        from django.db import connection

        forms = {} if args.without_equal_work else None
        with override_settings(**({"ACCOUNT_FORMS": forms} if forms is not None else {})):
            known, new = measure(args.rounds + 1)
        print(f"{connection.vendor}, {args.rounds} sign-ups of each kind")
        a = show("known address", known)
        b = show("new address", new)
        print(f"difference of medians {abs(a - b) * 1000:.1f} ms ({abs(a - b) / max(a, b):.0%})")
    finally:
        teardown_databases(config, verbosity=0)


if __name__ == "__main__":
    main()
