"""New rows written at the database's speed, for the bulk paths (a million-row import): a `COPY` on
PostgreSQL, batched INSERTs elsewhere. The rows' ids are not read back: callers that need them use
`bulk_create`. Model `save()` is not called, so the caller fills every derived column itself (a folded name,
a verification code) through the same functions `save()` and the actions use."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

BATCH = 2000


def insert(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    if not objects:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects, batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for field in fields:
        if type(field).pre_save is not models.Field.pre_save:  # auto_now_add and the like fill themselves
            for obj in objects:
                field.pre_save(obj, add=True)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    # Plain values go as they are; others (JSON) as the field prepares them for the database.
    plain = (models.CharField, models.IntegerField, models.ForeignKey, models.DateField, models.BooleanField)
    prepared = [not isinstance(f, plain) for f in fields]
    attnames = [f.attname for f in fields]
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            copy.write_row(_row(obj, fields, attnames, prepared))


def _row(obj: models.Model, fields: list[Any], attnames: list[str], prepared: list[bool]) -> Iterable[Any]:
    values = [getattr(obj, name) for name in attnames]
    for n, prepare in enumerate(prepared):
        if prepare:
            values[n] = fields[n].get_db_prep_save(values[n], connection)
    return values
