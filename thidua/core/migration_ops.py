"""A migration operation for changes that only touch the names users read (verbose names, help texts, choice
labels): the database is left alone, and the migration state reloads each model once instead of once per
field. Applied as ~300 plain AlterField, the names alone doubled a fresh `migrate` (22 s instead of 11 s, so
`thidua scenario` and every test run paid for them)."""

from __future__ import annotations

from typing import Any

from django.db.migrations.operations.base import Operation


class NamesOnly(Operation):
    reduces_to_sql = False
    reversible = True

    def __init__(self, operations: list[Operation]) -> None:
        self.operations = operations

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [], {"operations": self.operations})

    def state_forwards(self, app_label: str, state: Any) -> None:
        touched: set[tuple[str, str]] = set()

        def remember(app: str, model: str, delay: bool = False) -> None:
            touched.add((app, model))

        # The wrapped operations call state.reload_model after each change; remember the models instead and
        # reload each once at the end, with its relations (delay=False), as the last plain call would have.
        state.reload_model = remember
        try:
            for operation in self.operations:
                operation.state_forwards(app_label, state)
        finally:
            del state.reload_model
        for app, model in sorted(touched):
            state.reload_model(app, model, delay=False)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        pass

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        pass

    def describe(self) -> str:
        return f"Names shown to users ({len(self.operations)} changes, no database change)"
