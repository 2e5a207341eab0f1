"""Past decisions with their awardees (the historical registry, back to 2003): one row per awardee, the
decision's number, date, grantor and form repeated on each. The columns are those of the registry's own
Excel export (registry/export.py), so an export imports back as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from typing import IO

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import Actor
from thidua.organisations.models import Unit
from thidua.registry.actions import entry, history
from thidua.registry.actions.proposals import OnRecord
from thidua.registry.folding import fold
from thidua.registry.models import Awardee, Decision, Person
from thidua.sheets.importer import CREATE, SAME, Context
from thidua.sheets.names import award_name, plain
from thidua.sheets.people import NewPerson, Someone, key_of, person_of
from thidua.sheets.reader import Column, Progress, Row, as_text
from thidua.sheets.wording import COLLECTIVE, HEADER_ALIASES, PERSON

COLUMNS = (
    Column("name", _("Name of person or collective"), aliases=HEADER_ALIASES["name"]),
    Column("subject", _("Subject"), required=False, aliases=HEADER_ALIASES["subject"]),
    Column("unit", _("Unit"), required=False, aliases=HEADER_ALIASES["unit"]),
    Column("position", _("Position"), required=False, aliases=HEADER_ALIASES["position"]),
    Column("code", _("Person code"), required=False, aliases=HEADER_ALIASES["code"]),
    Column("award", _("Commendation form"), aliases=HEADER_ALIASES["award"]),
    Column("year", _("Year of achievement"), aliases=HEADER_ALIASES["year"]),
    Column("number", _("Decision number"), aliases=HEADER_ALIASES["number"]),
    Column("date", _("Decision date"), aliases=HEADER_ALIASES["date"]),
    Column("grantor", _("Grantor"), aliases=HEADER_ALIASES["grantor"]),
    Column("signer", _("Signer"), required=False, aliases=HEADER_ALIASES["signer"]),
)
COL = {column.key: column for column in COLUMNS}


@dataclass(frozen=True)
class Head:
    """What every row of one decision must agree on."""

    date: dt.date
    award: str  # catalogue code, "" outside the catalogue
    award_name: str
    grantor: str
    signer: str


@dataclass
class Line:
    row: Row
    number: str
    head: Head
    year: int
    name: str
    unit: Unit | None = None
    someone: Someone | None = None
    decision: Decision | None = None  # already on record before this import


# Rows checked and written together: a million-row file is read in chunks of this many rows, each chunk's
# people and awardees looked up at once and, when the import writes, written at once.
CHUNK = 2000


class DecisionsKind:
    code = "decisions"
    label = _("Past decisions and their awardees")
    columns = COLUMNS
    board_only = True
    streams = True  # importer.Kind: checked and written chunk by chunk

    def check(self, context: Context, row: Row) -> None:
        state = _state(context)
        state.pending.append(row)
        if len(state.pending) >= CHUNK:
            _flush(context, state)

    def finish(self, context: Context) -> None:
        state = _state(context)
        _flush(context, state)
        new_decisions = sum(1 for key in state.heads if state.existing.get(key) is None)
        if new_decisions:
            context.plan.also.append(gettext("{count} new decision(s)").format(count=new_decisions))
        if context.people.new:
            context.plan.also.append(gettext("{count} new person(s)").format(count=len(context.people.new)))

    def write(self, context: Context, *, by: Actor) -> None:
        """Nothing left: every chunk was written as soon as it was checked (Context.may_write)."""

    def read(self, context: Context, stream: IO[bytes], name: str, progress: Progress | None) -> bool:
        """On PostgreSQL, the whole file read, checked and written in SQL (staged.py); False elsewhere."""
        from thidua.sheets import staged

        if not staged.stages():
            return False
        staged.run(context, stream, name, progress)
        return True


DECISIONS = DecisionsKind()


# ---- checking ------------------------------------------------------------------------------------------


@dataclass
class _State:
    pending: list[Row] = field(default_factory=list)  # rows of the chunk being read
    heads: dict[str, tuple[int, Head]] = field(default_factory=dict)  # number -> first row, what it said
    existing: dict[str, Decision | None] = field(default_factory=dict)
    made: dict[str, Decision] = field(default_factory=dict)  # decisions this import wrote
    # Each awardee's key (decision, subject), as a hash -> the row that first named it: a million rows'
    # keys are not held as text.
    seen: dict[int, int] = field(default_factory=dict)
    awards: dict[str, tuple[str, str]] = field(default_factory=dict)  # typed -> found, once noted
    units: dict[str, Unit] = field(default_factory=dict)
    started: dict[int, dt.date] = field(default_factory=dict)  # people this import created -> posting start


def _state(context: Context) -> _State:
    state: _State = context.state.setdefault("decisions", _State())
    return state


def _flush(context: Context, state: _State) -> None:
    """Check the chunk's rows, with its people and the awardees already on record read at once, and
    write it when the import writes and nothing is wrong so far."""
    rows, state.pending = state.pending, []
    if not rows:
        return
    codes = {as_text(row.values.get("code")) for row in rows} - {""}
    context.people.prefetch(codes)
    lines = [line for row in rows if (line := _line(context, state, row)) is not None]
    on_record = _on_record(lines)
    checked = []
    for line in lines:
        decision = line.decision
        done = decision is not None and _key(decision, line) in on_record
        if decision is not None and not decision.imported_from and not done:
            # A decision made in thidua keeps its awardees: a row already on it is left alone (an export
            # read back), any other is refused.
            context.problem(
                line.row,
                COL["number"],
                gettext(
                    "decision {number} was made in thidua: an import does not change its awardees."
                ).format(number=decision.number),
            )
            continue
        context.tally(line.row, SAME if done else CREATE, partial(_describe, line))
        if not done:
            checked.append(line)
    if checked and context.may_write():
        _write(context, state, checked)


def _line(context: Context, state: _State, row: Row) -> Line | None:
    number, day = context.text(row, COL["number"]), context.date(row, COL["date"])
    year = context.year(row, COL["year"])
    grantor, typed_award = context.text(row, COL["grantor"]), context.text(row, COL["award"])
    name = context.text(row, COL["name"])
    award = _award(context, state, typed_award) if typed_award else None
    subject = _subject(context, row, name)
    typed_unit = context.text(row, COL["unit"]) or ""
    unit = None
    if subject == "unit" and name:
        # A collective: the unit column names it (the registry's export), else its name does.
        unit = _unit(context, state, row, COL["unit"] if typed_unit else COL["name"], typed_unit or name)
    elif subject == "person":
        if typed_unit:
            unit = _unit(context, state, row, COL["unit"], typed_unit)
        else:
            context.problem(row, COL["unit"], gettext("a person's row needs the unit where they worked."))
    if None in (number, day, year, grantor, name, award, subject, unit):
        return None
    assert number and day and year and grantor and name and award and unit
    line = Line(row, number, Head(day, award[0], award[1], grantor, as_signer(context, row)), year, name)
    if subject == "unit":
        line.unit = unit
        subject_key: object = ("unit", unit.pk)
    else:
        code = context.text(row, COL["code"]) or ""
        line.someone = context.people.find(
            row,
            COL["name"],
            name=name,
            code=code,
            unit=unit,
            position=context.text(row, COL["position"]) or "",
            year=year,
        )
        if line.someone is None:
            return None
        subject_key = ("code", code) if code else key_of(line.someone)
    if not _agrees(context, state, line):
        return None
    line.decision = state.existing[plain(number)]
    key = hash((plain(number), subject_key))
    if key in state.seen:
        context.problem(
            row,
            None,
            gettext("the same awardee of decision {number} as row {other}.").format(
                number=number, other=state.seen[key]
            ),
        )
        return None
    state.seen[key] = row.number
    return line


def _write(context: Context, state: _State, lines: list[Line]) -> None:
    by = context.by
    organizer = context.scope.organizer
    heads: dict[str, Line] = {}
    for line in lines:
        key = plain(line.number)
        if state.existing.get(key) is None and key not in state.made:
            heads.setdefault(key, line)
    decided = history.record_past_decisions(
        organizer,
        [
            history.PastDecision(
                line.number,
                line.head.date,
                line.head.grantor,
                line.head.signer,
                line.head.award,
                line.head.award_name,
            )
            for line in heads.values()
        ],
        source_file=context.plan.source,
        by=by,
    )
    state.made.update(zip(heads, decided, strict=True))
    news = list(
        {id(s): s for line in lines if isinstance(s := line.someone, NewPerson) and s.person is None}.values()
    )
    if news:
        made = entry.create_people(
            [entry.NewPerson(s.name, s.code, s.unit, s.position, dt.date(s.first_year, 1, 1)) for s in news],
            by=by,
        )
        for someone, person in zip(news, made, strict=True):
            someone.person = person
            state.started[person.pk] = dt.date(someone.first_year, 1, 1)
    # Someone this import created in an earlier chunk, named again with an earlier year: worked there then.
    earlier: dict[int, dt.date] = {}
    for line in lines:
        pk = line.someone.pk if isinstance(line.someone, Person) else None
        if pk in state.started and (start := dt.date(line.year, 1, 1)) < state.started[pk]:
            earlier[pk] = state.started[pk] = min(start, earlier.get(pk, start))
    if earlier:
        entry.start_first_postings(earlier, by=by)
    history.add_past_awardees(
        [
            OnRecord(
                state.existing.get(plain(line.number)) or state.made[plain(line.number)],
                year=line.year,
                name=line.name,
                unit=line.unit,
                person=person_of(line.someone, by=by) if line.someone else None,
            )
            for line in lines
        ],
        by=by,
    )


def as_signer(context: Context, row: Row) -> str:
    return context.text(row, COL["signer"]) or ""


def _award(context: Context, state: _State, typed: str) -> tuple[str, str] | None:
    if typed in state.awards:
        return state.awards[typed]
    found = context.names.award(typed)
    if found is None:
        context.mapped(
            "award",
            typed,
            gettext("kept as written, outside the legal catalogue (the eligibility checks do not read it)"),
        )
        state.awards[typed] = ("", typed)
        return "", typed
    name = award_name(found.value)
    context.note("award", typed, found, name)
    state.awards[typed] = (found.value, name)
    return found.value, name


def _unit(context: Context, state: _State, row: Row, column: Column, typed: str) -> Unit | None:
    """context.unit, remembered for the rest of the file once found (its mapping already noted)."""
    unit = state.units.get(typed)
    if unit is None:
        unit = context.unit(row, column, typed)
        if unit is not None:
            state.units[typed] = unit
    return unit


def _subject(context: Context, row: Row, name: str | None) -> str | None:
    typed = context.text(row, COL["subject"]) or ""
    if typed:
        subject = subject_of(typed)
        if subject is None:
            context.problem(row, COL["subject"], not_a_subject(typed))
        return subject
    # Without the column: a name that is a unit's is the collective, anyone else a person.
    return "unit" if name and not context.text(row, COL["unit"]) and context.names.unit(name) else "person"


def subject_of(typed: str) -> str | None:
    """ "person" or "unit" for the subject column's text, None when it is neither."""
    if fold(typed) in {fold(PERSON), fold(str(gettext_en("Person")))}:
        return "person"
    if fold(typed) in {fold(COLLECTIVE), fold(str(gettext_en("Collective")))}:
        return "unit"
    return None


def not_a_subject(typed: str) -> str:
    return gettext("«{value}» is neither «{person}» nor «{collective}».").format(
        value=typed, person=PERSON, collective=COLLECTIVE
    )


def gettext_en(message: str) -> str:
    from django.utils import translation

    with translation.override("en"):
        return gettext(message)


def _agrees(context: Context, state: _State, line: Line) -> bool:
    key = plain(line.number)
    if key not in state.existing:
        state.existing[key] = Decision.objects.filter(
            organizer=context.scope.organizer, issuing_unit__isnull=True, number=line.number
        ).first()
    first = state.heads.setdefault(key, (line.row.number, line.head))
    if first[1] != line.head and _differs(first[1], line.head):
        context.problem(
            line.row,
            None,
            gettext(
                "row {other} gives decision {number} another date, form or grantor: every row of one "
                "decision must say the same."
            ).format(other=first[0], number=line.number),
        )
        return False
    decision = state.existing[key]
    if decision is None or first[0] != line.row.number:
        return True  # a decision already on record is compared with its first row only
    if on_record_differs(decision, line.head):
        context.problem(line.row, COL["number"], on_record_message(decision))
        return False
    return True


def on_record_differs(decision: Decision, head: Head) -> bool:
    """Whether a decision already on record says otherwise than the file's first row of it."""
    return _differs(
        Head(decision.date, decision.award, decision.award_name, decision.grantor, head.signer), head
    )


def on_record_message(decision: Decision) -> str:
    return gettext(
        "decision {number} is already in the registry as of {date}, «{award}», {grantor}; this row "
        "says otherwise."
    ).format(
        number=decision.number,
        date=f"{decision.date:%d/%m/%Y}",
        award=decision.award_name,
        grantor=decision.grantor,
    )


def _differs(a: Head, b: Head) -> bool:
    return (a.date, a.award, plain(a.award_name), plain(a.grantor)) != (
        b.date,
        b.award,
        plain(b.award_name),
        plain(b.grantor),
    )


def _key(decision: Decision, line: Line) -> tuple[int, int, int | None, int | None]:
    person = line.someone.pk if isinstance(line.someone, Person) else None
    return (decision.pk, line.year, person, line.unit.pk if line.unit else None)


def _on_record(lines: list[Line]) -> set[tuple[int, int, int | None, int | None]]:
    """The keys (_key) of the lines' awardees already on record, read at once."""
    decisions = {d.pk for line in lines if (d := line.decision) is not None}
    people = {s.pk for line in lines if isinstance(s := line.someone, Person)}
    units = {line.unit.pk for line in lines if line.unit is not None}
    if not decisions:
        return set()
    rows = Awardee.objects.filter(decision_id__in=decisions).filter(
        Q(person_id__in=people) | Q(unit_id__in=units)
    )
    return set(rows.values_list("decision_id", "year", "person_id", "unit_id"))


def _describe(line: Line) -> str:
    head = line.head
    return describe(line.name, head.award_name, line.year, line.number, head.date, head.grantor)


def describe(name: str, award: str, year: int, number: str, date: dt.date, grantor: str) -> str:
    """One awardee of the file as the preview lists it."""
    return gettext("{name}: {award}, {year} – decision {number} of {date}, {grantor}").format(
        name=name, award=award, year=year, number=number, date=f"{date:%d/%m/%Y}", grantor=grantor
    )
