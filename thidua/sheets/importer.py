"""One importer path for every door (the web page, `thidua load`, later the API): read the file, check each
row against what thidua knows, and show the plan (rows to create, change or leave alone; every problem by
sheet, row and column; each name mapped without an exact match). Only a plan without problems is written,
whole, in one transaction, through the registry's actions, and only once its mappings are confirmed.
Importing the same file again finds every row already there and changes nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from thidua.core.audit import Actor
from thidua.organisations.models import Organizer, Unit
from thidua.sheets.names import Found, Mapping, Names
from thidua.sheets.people import People
from thidua.sheets.reader import (
    Column,
    FileRefused,
    Problem,
    Progress,
    Row,
    as_date,
    as_text,
    as_year,
    read_rows,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CREATE, CHANGE, SAME = "create", "change", "same"


@dataclass(frozen=True)
class Scope:
    """Whose data the import may touch: an organizer's (board staff), or only some of its units' (an officer:
    the unit and its sub-units)."""

    organizer: Organizer
    unit_ids: frozenset[int] | None = None
    # A cluster lead's (Role CLUSTER_LEAD): the cluster-years they manage, whose scores they appraise as on
    # the score page, and those years' member units, which only the score table may name.
    led_years: frozenset[int] = frozenset()
    led_units: frozenset[int] = frozenset()

    def allows(self, unit: Unit, *, led: bool = False) -> bool:
        """Whether a row may be about `unit`; `led`: the kind reads the led years' units too (scores)."""
        return self.unit_ids is None or unit.pk in self.unit_ids or (led and unit.pk in self.led_units)

    def appraises(self, cluster_year_id: int) -> bool:
        """The board, or the lead of that cluster-year (emulation.rules.managed_cluster_years)."""
        return self.unit_ids is None or cluster_year_id in self.led_years


@dataclass
class Outcome:
    row: Row
    action: str  # CREATE, CHANGE or SAME
    text: str


@dataclass
class Plan:
    kind: str
    source: str
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    mappings: dict[tuple[str, str], Mapping] = field(default_factory=dict)
    also: list[str] = field(default_factory=list)  # what the rows bring with them (new people, decisions)
    written: bool = False
    # A large file's plan keeps its first outcomes and problems, and counts the rest (Context.tally).
    unlisted: dict[str, int] = field(default_factory=dict)
    more_problems: int = 0

    def count(self, action: str) -> int:
        listed = sum(1 for outcome in self.outcomes if outcome.action == action)
        return listed + self.unlisted.get(action, 0)

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.more_problems

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def changed(self) -> int:
        return self.count(CHANGE)

    @property
    def same(self) -> int:
        return self.count(SAME)

    @property
    def can_write(self) -> bool:
        return not self.problems and (self.created + self.changed) > 0


# What the preview lists of a plan: the counts cover every row, the lists their first rows and problems.
SHOWN = 200
MOST_PROBLEMS = 1000


def summary(plan: Plan) -> dict[str, Any]:
    """The plan as the preview shows it, in plain values: rendered at once for a small file, kept as a
    background job's result for a large one (a plan of a million rows is not kept whole)."""
    return {
        "source": plan.source,
        "kind": plan.kind,
        "created": plan.created,
        "changed": plan.changed,
        "same": plan.same,
        "also": list(plan.also),
        "problem_count": plan.problem_count,
        "problems": [str(problem) for problem in plan.problems[:MOST_PROBLEMS]],
        "mappings": [{"typed": m.typed, "meaning": m.meaning} for m in plan.mappings.values()],
        "lists": {
            action: [
                {"sheet": o.row.sheet or "", "number": o.row.number, "text": o.text}
                for o in islice((o for o in plan.outcomes if o.action == action), SHOWN)
            ]
            for action in (CREATE, CHANGE, SAME)
        },
        "written": plan.written,
    }


def unconfirmed(shown: dict[str, Any], confirmed: bool) -> bool:
    """Whether a summary without problems still waits for its names to be confirmed; if so, the summary
    says so as its one problem (the page's small and large files and the API alike)."""
    if shown["problem_count"] or not shown["mappings"] or confirmed:
        return False
    shown["problems"] = [gettext("Confirm the names read without an exact match before importing.")]
    shown["problem_count"] = 1
    return True


class Context:
    """What the rows of one file are checked against, and what the check found."""

    def __init__(
        self, scope: Scope, plan: Plan, *, write: bool = False, confirmed: bool = False, by: Actor = None
    ) -> None:
        self.scope = scope
        self.plan = plan
        # What a kind that writes as it reads (Kind.streams) needs to know: whether, and for whom.
        self.write = write
        self.confirmed = confirmed
        self.by = by
        self._listed: dict[str, int] = {}
        self.names = Names(Unit.objects.filter(organizer=scope.organizer))
        self.people = People(self)
        self.state: dict[str, Any] = {}  # each kind's own notes across rows

    # ---- what a row says --------------------------------------------------------------------------------

    def problem(self, row: Row, column: Column | None, message: str) -> None:
        if len(self.plan.problems) >= MOST_PROBLEMS:
            self.plan.more_problems += 1  # a file wrong on every line is not listed whole
            return
        self.plan.problems.append(row.problem(column, message))

    def may_write(self) -> bool:
        """A kind that writes as it reads writes its next rows: the import writes, nothing is wrong so
        far, and every mapping is confirmed (else run() undoes what was written)."""
        return self.write and not self.plan.problems and (self.confirmed or not self.plan.mappings)

    def tally(self, row: Row, action: str, text: Callable[[], str]) -> None:
        """An outcome of a large file: counted, and listed (its `text` said) while fewer than the preview
        shows."""
        plan = self.plan
        if self._listed.get(action, 0) < SHOWN:
            self._listed[action] = self._listed.get(action, 0) + 1
            plan.outcomes.append(Outcome(row, action, text()))
        else:
            plan.unlisted[action] = plan.unlisted.get(action, 0) + 1

    def mapped(self, what: str, typed: str, meaning: str) -> None:
        self.plan.mappings.setdefault((what, typed), Mapping(what, typed, meaning))

    def outcome(self, row: Row, action: str, text: str) -> None:
        self.plan.outcomes.append(Outcome(row, action, text))

    def text(self, row: Row, column: Column) -> str | None:
        """The cell's text; None (with the problem said) when a required cell is empty."""
        text = as_text(row.values.get(column.key))
        if not text and column.required:
            self.problem(row, column, gettext("the cell is empty; this column must be filled in."))
            return None
        return text

    def date(self, row: Row, column: Column) -> dt.date | None:
        value = row.values.get(column.key)
        if as_text(value) == "":
            self.text(row, column)
            return None
        day = as_date(value)
        if day is None:
            self.problem(row, column, gettext("{value} is not a date").format(value=as_text(value)))
        return day

    def year(self, row: Row, column: Column) -> int | None:
        value = row.values.get(column.key)
        if as_text(value) == "":
            self.text(row, column)
            return None
        year = as_year(value)
        if year is None:
            self.problem(row, column, gettext("{value} is not a year").format(value=as_text(value)))
        return year

    def unit(self, row: Row, column: Column, typed: str, *, led: bool = False) -> Unit | None:
        unit, found, message = self.find_unit(typed, led=led)
        if unit is None or found is None:
            self.problem(row, column, message)
            return None
        self.note("unit", typed, found, unit.name)
        return unit

    def find_unit(self, typed: str, *, led: bool = False) -> tuple[Unit | None, Found[Unit] | None, str]:
        """The unit a cell names, as found (to note when not exact), or why none: what `unit` says of a row
        (the staged path asks once per name, for every row that names it)."""
        found = self.names.unit(typed)
        if not found:
            return (
                None,
                None,
                gettext("«{name}» is not a unit of {organizer}.").format(
                    name=typed, organizer=self.scope.organizer.name
                ),
            )
        if len(found) > 1:
            names = "; ".join(f"«{f.value.name}»" for f in found)
            return (
                None,
                None,
                gettext("«{name}» may be any of {names}: write the unit's full name.").format(
                    name=typed, names=names
                ),
            )
        unit = found[0].value
        if not self.scope.allows(unit, led=led):
            return (
                None,
                None,
                gettext("«{name}» is not one of the units you enter for.").format(name=unit.name),
            )
        return unit, found[0], ""

    def note(self, what: str, typed: str, found: Found[Any], meaning: str) -> None:
        if not found.exact:
            self.mapped(what, typed, meaning)


class Kind(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def label(self) -> StrOrPromise: ...

    @property
    def columns(self) -> Sequence[Column]: ...

    @property
    def board_only(self) -> bool: ...

    def check(self, context: Context, row: Row) -> None: ...

    # A kind may also say `streams = True`: it checks its rows in chunks and, when the import writes
    # (Context.may_write), writes each chunk as soon as it is checked, so that a million rows are never
    # held; run() undoes it all if a later row has a problem.
    # A kind may also have `read(context, stream, name, progress) -> bool`: the whole file read, checked and
    # (as a streaming kind) written its own way, when it can (the decisions' staged path on PostgreSQL).

    def finish(self, context: Context) -> None: ...

    def write(self, context: Context, *, by: Actor) -> None: ...


def kinds() -> dict[str, Kind]:
    from thidua.sheets.clusters import CLUSTERS
    from thidua.sheets.criteria import CRITERIA
    from thidua.sheets.decisions import DECISIONS
    from thidua.sheets.initiatives import INITIATIVES
    from thidua.sheets.interchange import INTERCHANGE
    from thidua.sheets.person_years import PERSON_YEARS
    from thidua.sheets.postings import PEOPLE
    from thidua.sheets.scores import SCORES
    from thidua.sheets.units import UNITS

    every = (DECISIONS, PERSON_YEARS, UNITS, CRITERIA, INTERCHANGE, CLUSTERS, PEOPLE, INITIATIVES, SCORES)
    return {kind.code: kind for kind in every}


def run(
    kind: Kind,
    stream: IO[bytes],
    name: str,
    scope: Scope,
    *,
    by: Actor,
    write: bool = False,
    confirmed: bool = False,
    progress: Progress | None = None,
) -> Plan:
    """The plan of importing the file; with `write`, also written when it has no problem and its mappings
    are `confirmed` (all rows or none). `progress` hears how far the reading has got (a background job)."""
    plan = Plan(kind.code, name)
    streams = bool(getattr(kind, "streams", False))
    # A preview writes nothing: no transaction (on SQLite an IMMEDIATE one would hold the write lock while
    # the file is read). A write checks and writes in one, so nothing changes between the two.
    with transaction.atomic() if write else contextlib.nullcontext():
        context = Context(scope, plan, write=write, confirmed=confirmed, by=by)
        try:
            prepare = getattr(kind, "prepare", None)
            if prepare is not None:
                # A kind whose files are not spreadsheets (the interchange format's JSON) as CSV rows.
                stream, name = prepare(stream, name)
            # A kind may read the whole file its own way where it can (Kind.read): else row by row.
            whole = getattr(kind, "read", None)
            if whole is None or not whole(context, stream, name, progress):
                for row in read_rows(stream, name, kind.columns, progress):
                    if row.problems:
                        plan.problems.extend(row.problems)
                    else:
                        kind.check(context, row)
                kind.finish(context)
        except FileRefused as refused:
            plan.problems.extend(refused.problems)
            plan.outcomes.clear()
            plan.unlisted.clear()
            if write:
                transaction.set_rollback(True)  # rows a streaming kind wrote before the refusal
            return plan
        except ValidationError as refused:
            if not (write and streams):
                raise
            # A rule the actions hold that the check did not foresee, met while writing: nothing kept.
            plan.problems.extend(Problem(message) for message in refused.messages)
            transaction.set_rollback(True)
            return plan
        # Said in the order of the file, whichever check found them (a row's own, or one across rows).
        sheets: dict[str | None, int] = {}
        for problem in plan.problems:
            sheets.setdefault(problem.sheet, len(sheets))
        plan.problems.sort(key=lambda problem: (sheets[problem.sheet], problem.row or 0))
        if write and streams:
            # Written as it was read: kept only if the whole file was, else undone.
            if plan.can_write and context.may_write():
                kind.write(context, by=by)
                plan.written = True
            else:
                transaction.set_rollback(True)
        elif write and plan.can_write and (confirmed or not plan.mappings):
            try:
                with transaction.atomic():
                    kind.write(context, by=by)
            except ValidationError as refused:
                # A rule the actions hold that the check did not foresee: said, and nothing kept.
                plan.problems.extend(Problem(message) for message in refused.messages)
            else:
                plan.written = True
    return plan
