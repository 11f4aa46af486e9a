"""Put the migrations' data back quickly, for the tests that empty the database.

Django restores the data serialised at database set-up (serialized_rollback)
object by object: an UPDATE and then an INSERT for each of the thousands of
regions, roles and categories, which takes seconds on PostgreSQL before and
after every browser test. `restore()` leaves the database in the same state
with a few statements per table: each row that is missing is inserted (in
batches, with the same raw insert Django's restore uses), each row that is
there with other values is saved the way Django saves it, and each
many-to-many relation is set to what was serialised. Tables whose saves
someone listens to (the sites cache, for one) keep Django's own way, signals
and all.
"""

from io import StringIO

from django.core import serializers
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_save

_snapshots = {}


class Snapshot:
    """The serialised data, parsed once: rows per model in the order they came,
    many-to-many targets per field and object, and the models to save as Django does."""

    def __init__(self, data, alias):
        self.rows = {}  # model -> {pk: tuple of values in stored_fields() order}
        self.m2m = {}  # (model, field) -> {pk: set of target pks}
        self.saved_one_by_one = []  # (deserialized object) for models with save signals
        for obj in serializers.deserialize("json", StringIO(data), using=alias):
            model = type(obj.object)
            if pre_save.has_listeners(model) or post_save.has_listeners(model):
                self.saved_one_by_one.append(obj)
                continue
            fields = stored_fields(model)
            self.rows.setdefault(model, {})[obj.object.pk] = tuple(
                getattr(obj.object, f.attname) for f in fields
            )
            for name, targets in (obj.m2m_data or {}).items():
                field = model._meta.get_field(name)
                self.m2m.setdefault((model, field), {})[obj.object.pk] = set(targets)

    @classmethod
    def of(cls, data, alias):
        key = (alias, data)
        if key not in _snapshots:
            _snapshots[key] = cls(data, alias)
        return _snapshots[key]


def stored_fields(model):
    """The columns a raw save writes: the model's own, without generated ones."""
    return [f for f in model._meta.local_concrete_fields if not f.generated]


def restore(connection, data):
    """What BaseDatabaseCreation.deserialize_db_from_string(data) does, in bulk."""
    alias = connection.alias
    snapshot = Snapshot.of(data, alias)
    table_names = set()
    with transaction.atomic(using=alias), connection.constraint_checks_disabled():
        for model, rows in snapshot.rows.items():
            _restore_rows(connection, model, rows)
            table_names.add(model._meta.db_table)
        for (model, field), targets in snapshot.m2m.items():
            _restore_m2m(alias, model, field, targets)
            table_names.add(field.remote_field.through._meta.db_table)
        for obj in snapshot.saved_one_by_one:
            obj.save(using=alias)
            table_names.add(obj.object._meta.db_table)
        connection.check_constraints(table_names=table_names)


def _restore_rows(connection, model, rows):
    alias = connection.alias
    meta = model._meta
    fields = stored_fields(model)
    attnames = [f.attname for f in fields]
    pk_index = attnames.index(meta.pk.attname)
    manager = model._base_manager.using(alias)
    present = {row[pk_index]: row for row in manager.values_list(*attnames).iterator()}
    missing = []
    for pk, row in rows.items():
        if pk not in present:
            missing.append(model(**dict(zip(attnames, row, strict=True))))
        elif present[pk] != row:
            # As Django's restore does it: a raw save, which updates the row.
            model.save_base(model(**dict(zip(attnames, row, strict=True))), using=alias, raw=True)
    batch = min(1000, connection.ops.bulk_batch_size(fields, missing) or 1)
    for start in range(0, len(missing), batch):
        manager._insert(missing[start : start + batch], fields=fields, using=alias, raw=True)


def _restore_m2m(alias, model, field, targets):
    """field.set(targets) for each object, as Django's restore does per object."""
    through = field.remote_field.through
    if m2m_changed.has_listeners(through):
        for pk, target_pks in targets.items():
            getattr(model._base_manager.using(alias).get(pk=pk), field.name).set(target_pks)
        return
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    links = through._base_manager.using(alias)
    present = set(links.filter(**{f"{source}__in": list(targets)}).values_list(source, target))
    wanted = {(pk, target_pk) for pk, target_pks in targets.items() for target_pk in target_pks}
    for pk, target_pk in present - wanted:
        links.filter(**{source: pk, target: target_pk}).delete()
    links.bulk_create(
        [through(**{source: pk, target: target_pk}) for pk, target_pk in sorted(wanted - present)]
    )
