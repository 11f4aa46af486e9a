"""The tests' quick restore of the migrations' data (ifn/testing_db.py) leaves
the database as Django's own restore would: exactly the data serialised at
set-up, whether the tables were emptied or still hold (some of) it."""

import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from directory.models import District, Province


def serialised():
    return connection._test_serialized_contents


def difference():
    """A few of the objects only in the database, and of those only in the serialised data."""

    def objects(data):
        return {json.dumps(obj, sort_keys=True) for obj in json.loads(data)}

    now, then = objects(connection.creation.serialize_db_to_string()), objects(serialised())
    return sorted(now - then)[:5], sorted(then - now)[:5]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_test_that_empties_the_database_starts_with_the_data_as_serialised():
    assert difference() == ([], [])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_the_database_is_emptied_the_restore_brings_back_every_row():
    from django.core.management import call_command

    # As a test that empties the database does it: the sequences go on.
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True)
    assert not Province.objects.exists() and not Group.objects.exists()
    connection.creation.deserialize_db_from_string(serialised())
    assert difference() == ([], [])


@pytest.mark.django_db(serialized_rollback=True)
def test_rows_changed_or_missing_and_many_to_many_links_are_put_back():
    province = Province.objects.order_by("pk").first()
    name = province.name
    Province.objects.filter(pk=province.pk).update(name="Changed")
    district = District.objects.order_by("pk").last()
    District.objects.filter(pk=district.pk).delete()
    group = Group.objects.filter(permissions__isnull=False).first()
    permissions = set(group.permissions.all())
    group.permissions.remove(*list(permissions)[:2])
    assert difference() != ([], [])

    connection.creation.deserialize_db_from_string(serialised())

    assert Province.objects.get(pk=province.pk).name == name
    assert District.objects.filter(pk=district.pk).exists()
    assert set(group.permissions.all()) == permissions
    assert difference() == ([], [])
