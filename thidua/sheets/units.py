"""Units with their lineage: one row per unit (its code, name, short name and parent unit), with the dated
rename, merger or split that links it to another unit when there is one. A row creates the unit or changes
it; an event already on record is left alone (history is only ever added to)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import Actor
from thidua.organisations.models import Unit, UnitEvent
from thidua.registry.actions import entry
from thidua.registry.folding import fold
from thidua.sheets.importer import CHANGE, CREATE, SAME, Context
from thidua.sheets.names import plain
from thidua.sheets.reader import Column, Row
from thidua.sheets.wording import HEADER_ALIASES

COLUMNS = (
    Column("code", _("Code"), aliases=HEADER_ALIASES["unit_code"]),
    Column("name", _("Unit name"), aliases=HEADER_ALIASES["unit_name"]),
    Column("short_name", _("Short name"), required=False, aliases=HEADER_ALIASES["short_name"]),
    Column("parent", _("Parent unit"), required=False, aliases=HEADER_ALIASES["parent"]),
    Column("event", _("Kind of change"), required=False, aliases=HEADER_ALIASES["event"]),
    Column("other", _("Related unit"), required=False, aliases=HEADER_ALIASES["other"]),
    Column("event_date", _("Date of change"), required=False, aliases=HEADER_ALIASES["event_date"]),
)
COL = {column.key: column for column in COLUMNS}


@dataclass
class Line:
    row: Row
    code: str
    name: str
    short_name: str
    parent: str
    event: str
    other: str
    event_date: dt.date | None
    unit: Unit | None = None  # on record, or once written
    parent_ref: object = None  # a Unit on record or the Line of a unit in the file
    other_ref: object = None


def _event_kind(typed: str) -> str | None:
    for value, label in UnitEvent.Kind.choices:
        with translation.override("vi"):
            vi = str(label)
        with translation.override("en"):
            en = str(label)
        if fold(typed) in {fold(vi), fold(en), fold(value)}:
            return value
    return None


class UnitsKind:
    code = "units"
    label = _("Units and their lineage")
    columns = COLUMNS
    board_only = True

    def check(self, context: Context, row: Row) -> None:
        lines: dict[str, Line] = context.state.setdefault("units", {})
        code, name = context.text(row, COL["code"]), context.text(row, COL["name"])
        event_typed = context.text(row, COL["event"]) or ""
        event = _event_kind(event_typed) if event_typed else ""
        if event is None:
            names = ", ".join(f"«{label}»" for label in UnitEvent.Kind.labels)
            context.problem(
                row,
                COL["event"],
                gettext("«{value}» is not a change a unit goes through ({kinds}).").format(
                    value=event_typed, kinds=names
                ),
            )
        other = context.text(row, COL["other"]) or ""
        day = context.date(row, COL["event_date"])
        if event and (not other or day is None):
            context.problem(
                row, COL["other"], gettext("a change needs the related unit and the date of the change.")
            )
            return
        if not code or not name or event is None:
            return
        if plain(code) in lines:
            other_row = lines[plain(code)].row.number
            context.problem(
                row,
                COL["code"],
                gettext("code {code} is already on row {other}.").format(code=code, other=other_row),
            )
            return
        parent = context.text(row, COL["parent"]) or ""
        short = context.text(row, COL["short_name"]) or ""
        lines[plain(code)] = Line(row, code, name, short, parent, event, other, day)

    def finish(self, context: Context) -> None:
        lines: dict[str, Line] = context.state.get("units", {})
        on_record = {plain(u.code): u for u in Unit.objects.filter(organizer=context.scope.organizer)}
        by_name = {plain(line.name): line for line in lines.values()}
        for line in lines.values():
            line.unit = on_record.get(plain(line.code))
        for line in lines.values():
            if line.parent:
                line.parent_ref = self._find(
                    context, line, COL["parent"], line.parent, lines, by_name, on_record
                )
            if line.other:
                line.other_ref = self._find(
                    context, line, COL["other"], line.other, lines, by_name, on_record
                )
        for line in lines.values():
            parent = line.parent_ref
            grand = parent.parent_ref if isinstance(parent, Line) else getattr(parent, "parent_id", None)
            if parent is not None and grand:
                name = parent.name if isinstance(parent, Line | Unit) else ""
                context.problem(
                    line.row,
                    COL["parent"],
                    gettext("«{name}» is already a sub-unit; record only one level of sub-units.").format(
                        name=name
                    ),
                )
        if context.plan.problems:
            return
        for line in lines.values():
            context.outcome(line.row, _action(line), _describe(line))

    def _find(
        self,
        context: Context,
        line: Line,
        column: Column,
        typed: str,
        lines: dict[str, Line],
        by_name: dict[str, Line],
        on_record: dict[str, Unit],
    ) -> object:
        """A unit named by code or name: one of the file's rows, else one on record."""
        found = lines.get(plain(typed)) or by_name.get(plain(typed))
        if found is not None:
            return found.unit or found
        if plain(typed) in on_record:
            return on_record[plain(typed)]
        return context.unit(line.row, column, typed)

    def write(self, context: Context, *, by: Actor) -> None:
        lines: dict[str, Line] = context.state.get("units", {})
        outcomes = {outcome.row.number: outcome.action for outcome in context.plan.outcomes}
        # Units without a parent first: a sub-unit's parent may be a row further down.
        ordered = sorted(lines.values(), key=lambda line: line.parent_ref is not None)
        for line in ordered:
            if outcomes[line.row.number] == SAME:
                continue
            if _unit_differs(line):
                line.unit = entry.save_unit(
                    line.unit,
                    organizer=context.scope.organizer,
                    code=line.code,
                    name=line.name,
                    short_name=line.short_name,
                    parent=_resolved(line.parent_ref),
                    by=by,
                )
        for line in ordered:
            other = _resolved(line.other_ref)
            if line.event and line.unit is not None and other is not None and not _event_on_record(line):
                assert line.event_date is not None
                entry.add_unit_event(line.unit, kind=line.event, other=other, date=line.event_date, by=by)


UNITS = UnitsKind()


def _resolved(ref: object) -> Unit | None:
    if isinstance(ref, Line):
        return ref.unit
    return ref if isinstance(ref, Unit) else None


def _unit_differs(line: Line) -> bool:
    unit = line.unit
    if unit is None:
        return True
    parent = line.parent_ref
    parent_id = parent.pk if isinstance(parent, Unit) else None
    new_parent = isinstance(parent, Line) and parent.unit is None
    return (
        unit.name != line.name
        or unit.short_name != line.short_name
        or new_parent
        or unit.parent_id != parent_id
    )


def _event_on_record(line: Line) -> bool:
    other = line.other_ref
    if line.unit is None or not isinstance(other, Unit) or line.event_date is None:
        return False
    return UnitEvent.objects.filter(
        unit=line.unit, kind=line.event, other=other, date=line.event_date
    ).exists()


def _action(line: Line) -> str:
    if line.unit is None:
        return CREATE
    new_event = bool(line.event) and not _event_on_record(line)
    return CHANGE if _unit_differs(line) or new_event else SAME


def _describe(line: Line) -> str:
    text = f"{line.code} – {line.name}"
    if line.parent:
        text += f" ({line.parent})"
    if line.event and line.event_date:
        label = UnitEvent.Kind(line.event).label
        text += f"; {label} {line.other} ({line.event_date:%d/%m/%Y})"
    return text
