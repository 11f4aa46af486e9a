"""Imported listings are searchable at once: the database keeps their search document."""

import pytest

from directory.models import Listing
from moderation.importer import import_listings

from .test_transfer import csv_file, row


def run(rows):
    return import_listings(csv_file(rows), filename="l.csv", dry_run=False, publish=True)


pytestmark = pytest.mark.django_db


def search(q):
    return set(Listing.objects.published().search(q).values_list("name", flat=True))


def test_imported_and_reimported_listings_are_found_by_their_new_words():
    report = run(
        [row(name="PT Gesper Impor", nib="1234567890123", roles="supplier", categories="supplier:moulds")]
    )
    assert not report.errors
    assert search("gesper") == search("cetakan") == {"PT Gesper Impor"}
    run([row(name="PT Tali Impor", nib="1234567890123", roles="supplier", categories="supplier:packaging")])
    assert search("gesper") == search("cetakan") == set()
    assert search("tali") == search("kemasan") == {"PT Tali Impor"}
