"""New rows written at the database's speed, for the bulk paths (a million-row import): a `COPY` on
PostgreSQL, batched INSERTs elsewhere. The rows' ids are not read back: callers that need them use
`bulk_create`. Model `save()` is not called, so the caller fills every derived column itself (a folded name,
a verification code) through the same functions `save()` and the actions use. `row_values` is the one row's
version, for a statement that writes it with another (a ballot with its code spent)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

BATCH = 2000
# Fields whose Python values psycopg writes as they are; others (JSON) go as the field prepares them.
PLAIN = (models.CharField, models.IntegerField, models.ForeignKey, models.DateField, models.BooleanField)


def insert_values(model: type[models.Model], values: Sequence[dict[str, Any]]) -> None:
    """New rows of `model`, each given as {attname: value} (no model instance per row: a million of them
    cost more than the COPY); a field left out takes its default."""
    if not values:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in values], batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    attnames = [f.attname for f in fields]
    prepared = [(n, f) for n, f in enumerate(fields) if not isinstance(f, PLAIN)]
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in values:
            line = [row[name] if name in row else defaults[name] for name in attnames]
            for n, field in prepared:
                line[n] = field.get_db_prep_save(line[n], connection)
            copy.write_row(line)


def insert_select(
    model: type[models.Model], given: dict[str, str], rest: str, params: Sequence[Any] = ()
) -> int:
    """PostgreSQL: new rows of `model` from a query (a staged import's INSERT … SELECT): `given` maps an
    attname to its SQL expression, `rest` is the query's FROM … part; a field left out takes its default,
    as insert_values gives it. Returns the rows written."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names, expressions, values = [], [], []
    for field in fields:
        names.append(connection.ops.quote_name(field.column))
        if field.attname in given:
            expressions.append(given[field.attname])
        else:
            expressions.append("%s")
            values.append(field.get_db_prep_save(field.get_default(), connection))
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(expressions)} {rest}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, *params])
        return int(cursor.rowcount)


def row_values(row: models.Model) -> tuple[str, str, list[Any]]:
    """(table, columns, values) of a new row with every column given (its id too, a random uuid made in
    Python), as the ORM prepares them, for an INSERT written by hand (balloting.spend: the code spent and the
    ballot stored in one statement). Model `save()` is not called."""
    fields = row._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = [f.get_db_prep_save(f.pre_save(row, add=True), connection) for f in fields]
    return connection.ops.quote_name(row._meta.db_table), columns, values
