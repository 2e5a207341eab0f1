"""Past decisions with their awardees (the historical registry, back to 2003): one row per awardee, the
decision's number, date, grantor and form repeated on each. The columns are those of the registry's own
Excel export (registry/export.py), so an export imports back as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import Actor
from thidua.organisations.models import Unit
from thidua.registry.actions import history
from thidua.registry.folding import fold
from thidua.registry.models import Awardee, Decision
from thidua.sheets.importer import CREATE, SAME, Context
from thidua.sheets.names import award_name, plain
from thidua.sheets.people import Someone, key_of, person_of
from thidua.sheets.reader import Column, Row
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


class DecisionsKind:
    code = "decisions"
    label = _("Past decisions and their awardees")
    columns = COLUMNS
    board_only = True

    def check(self, context: Context, row: Row) -> None:
        state = _state(context)
        number, day = context.text(row, COL["number"]), context.date(row, COL["date"])
        year = context.year(row, COL["year"])
        grantor, typed_award = context.text(row, COL["grantor"]), context.text(row, COL["award"])
        name = context.text(row, COL["name"])
        award = _award(context, row, typed_award) if typed_award else None
        subject = _subject(context, row, name)
        typed_unit = context.text(row, COL["unit"]) or ""
        unit = None
        if subject == "unit" and name:
            # A collective: the unit column names it (the registry's export), else its name does.
            unit = context.unit(row, COL["unit"] if typed_unit else COL["name"], typed_unit or name)
        elif subject == "person":
            if typed_unit:
                unit = context.unit(row, COL["unit"], typed_unit)
            else:
                context.problem(row, COL["unit"], gettext("a person's row needs the unit where they worked."))
        if None in (number, day, year, grantor, name, award, subject, unit):
            return
        assert number and day and year and grantor and name and award and unit
        line = Line(row, number, Head(day, award[0], award[1], grantor, as_signer(context, row)), year, name)
        if subject == "unit":
            line.unit = unit
        else:
            line.someone = context.people.find(
                row,
                COL["name"],
                name=name,
                code=context.text(row, COL["code"]) or "",
                unit=unit,
                position=context.text(row, COL["position"]) or "",
                year=year,
            )
            if line.someone is None:
                return
        if not _agrees(context, state, line):
            return
        key = (plain(number), key_of(line.someone) if line.someone else ("unit", line.unit.pk))  # type: ignore[union-attr]
        if key in state.seen:
            context.problem(
                row,
                None,
                gettext("the same awardee of decision {number} as row {other}.").format(
                    number=number, other=state.seen[key]
                ),
            )
            return
        state.seen[key] = row.number
        state.lines.append(line)

    def finish(self, context: Context) -> None:
        state = _state(context)
        for line in state.lines:
            decision = state.existing.get(plain(line.number))
            done = decision is not None and _on_record(decision, line)
            context.outcome(line.row, SAME if done else CREATE, _describe(line))
        new_decisions = sum(1 for key in state.heads if state.existing.get(key) is None)
        if new_decisions:
            context.plan.also.append(gettext("{count} new decision(s)").format(count=new_decisions))
        if context.people.new:
            context.plan.also.append(gettext("{count} new person(s)").format(count=len(context.people.new)))

    def write(self, context: Context, *, by: Actor) -> None:
        state = _state(context)
        made: dict[str, Decision] = {}
        organizer = context.scope.organizer
        for line, outcome in zip(state.lines, context.plan.outcomes, strict=True):
            if outcome.action == SAME:
                continue
            key = plain(line.number)
            decision = state.existing.get(key) or made.get(key)
            if decision is None:
                head = line.head
                decision = made[key] = history.record_past_decision(
                    organizer=organizer,
                    number=line.number,
                    date=head.date,
                    grantor=head.grantor,
                    signer=head.signer,
                    award=head.award,
                    award_name=head.award_name,
                    source_file=context.plan.source,
                    by=by,
                )
            person = person_of(line.someone, by=by) if line.someone else None
            history.add_past_awardee(
                decision, year=line.year, name=line.name, unit=line.unit, person=person, by=by
            )


DECISIONS = DecisionsKind()


# ---- checking ------------------------------------------------------------------------------------------


@dataclass
class _State:
    lines: list[Line]
    heads: dict[str, tuple[int, Head]]  # decision number -> the first row that gave it, and what it said
    existing: dict[str, Decision | None]
    seen: dict[tuple[object, ...], int]


def _state(context: Context) -> _State:
    state: _State = context.state.setdefault("decisions", _State([], {}, {}, {}))
    return state


def as_signer(context: Context, row: Row) -> str:
    return context.text(row, COL["signer"]) or ""


def _award(context: Context, row: Row, typed: str) -> tuple[str, str] | None:
    found = context.names.award(typed)
    if found is None:
        context.mapped(
            "award",
            typed,
            gettext("kept as written, outside the legal catalogue (the eligibility checks do not read it)"),
        )
        return "", typed
    name = award_name(found.value)
    context.note("award", typed, found, name)
    return found.value, name


def _subject(context: Context, row: Row, name: str | None) -> str | None:
    typed = context.text(row, COL["subject"]) or ""
    if typed:
        if fold(typed) in {fold(PERSON), fold(str(gettext_en("Person")))}:
            return "person"
        if fold(typed) in {fold(COLLECTIVE), fold(str(gettext_en("Collective")))}:
            return "unit"
        context.problem(
            row,
            COL["subject"],
            gettext("«{value}» is neither «{person}» nor «{collective}».").format(
                value=typed, person=PERSON, collective=COLLECTIVE
            ),
        )
        return None
    # Without the column: a name that is a unit's is the collective, anyone else a person.
    return "unit" if name and context.names.unit(name) and not context.text(row, COL["unit"]) else "person"


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
    if _differs(first[1], line.head):
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
    if decision is None:
        return True
    if not decision.imported_from and not _on_record(decision, line):
        # A decision made in thidua keeps its awardees: a row already on it is left alone (an export read
        # back), any other is refused.
        context.problem(
            line.row,
            COL["number"],
            gettext("decision {number} was made in thidua: an import does not change its awardees.").format(
                number=decision.number
            ),
        )
        return False
    on_record = Head(decision.date, decision.award, decision.award_name, decision.grantor, line.head.signer)
    if _differs(on_record, line.head):
        context.problem(
            line.row,
            COL["number"],
            gettext(
                "decision {number} is already in the registry as of {date}, «{award}», {grantor}; this row "
                "says otherwise."
            ).format(
                number=decision.number,
                date=f"{decision.date:%d/%m/%Y}",
                award=decision.award_name,
                grantor=decision.grantor,
            ),
        )
        return False
    return True


def _differs(a: Head, b: Head) -> bool:
    return (a.date, a.award, plain(a.award_name), plain(a.grantor)) != (
        b.date,
        b.award,
        plain(b.award_name),
        plain(b.grantor),
    )


def _on_record(decision: Decision, line: Line) -> bool:
    rows = Awardee.objects.filter(decision=decision, year=line.year)
    if line.unit is not None:
        return rows.filter(unit=line.unit).exists()
    someone = line.someone
    return hasattr(someone, "pk") and rows.filter(person_id=someone.pk).exists()  # type: ignore[union-attr]


def _describe(line: Line) -> str:
    return gettext("{name}: {award}, {year} – decision {number} of {date}, {grantor}").format(
        name=line.name,
        award=line.head.award_name,
        year=line.year,
        number=line.number,
        date=f"{line.head.date:%d/%m/%Y}",
        grantor=line.head.grantor,
    )
