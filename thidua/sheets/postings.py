"""People with their postings (quá trình công tác): one row per posting, naming the person (by code when the
file has one, else by name and year of birth), the unit, the job title and the dates. Rows naming the same
person are one person; a person already in the registry is found by code, or by name among the people who
worked at one of the row's units. A row creates the posting or changes its job title and end date (a posting
is known by its person, unit and start date); postings the file does not name are left as they are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import Actor
from thidua.organisations.models import Unit
from thidua.registry.actions import entry
from thidua.registry.folding import fold
from thidua.registry.models import Person, PersonPosting, Sex
from thidua.sheets.importer import CHANGE, CREATE, SAME, Context
from thidua.sheets.names import plain
from thidua.sheets.reader import Column, Row, as_date, as_text, as_year
from thidua.sheets.wording import HEADER_ALIASES, NO_WORDS, SEX_WORDS, YES_WORDS

COLUMNS = (
    Column("name", _("Full name"), aliases=HEADER_ALIASES["name"]),
    Column("code", _("Person code"), required=False, aliases=HEADER_ALIASES["code"]),
    Column("birth", _("Date of birth"), required=False, aliases=HEADER_ALIASES["birth"]),
    Column("sex", _("Sex"), required=False, aliases=HEADER_ALIASES["sex"]),
    Column("unit", _("Unit"), aliases=HEADER_ALIASES["unit"]),
    Column("position", _("Position"), required=False, aliases=HEADER_ALIASES["position"]),
    Column("start", _("From date"), aliases=HEADER_ALIASES["start"]),
    Column("end", _("To date"), required=False, aliases=HEADER_ALIASES["end"]),
    Column("direct", _("Direct labourer"), required=False, aliases=HEADER_ALIASES["direct"]),
)
COL = {column.key: column for column in COLUMNS}
YES = {fold(word) for word in YES_WORDS}
NO = {fold(word) for word in NO_WORDS}
FACTS = ("birth_year", "sex", "direct_labourer")


@dataclass
class Line:
    row: Row
    unit: Unit
    position: str
    start: dt.date
    end: dt.date | None
    posting: PersonPosting | None = None


@dataclass
class Someone:
    """One person of the file: the rows naming them and the facts they give."""

    name: str
    code: str
    facts: dict[str, Any]
    lines: list[Line] = field(default_factory=list)
    person: Person | None = None  # on record, or once written


class PeopleKind:
    code = "people"
    label = _("People and their postings")
    columns = COLUMNS
    board_only = False

    def check(self, context: Context, row: Row) -> None:
        people: dict[tuple[Any, ...], Someone] = context.state.setdefault("people", {})
        seen: dict[tuple[Any, ...], int] = context.state.setdefault("seen", {})
        name, typed_unit = context.text(row, COL["name"]), context.text(row, COL["unit"])
        unit = context.unit(row, COL["unit"], typed_unit) if typed_unit else None
        start = context.date(row, COL["start"])
        end = context.date(row, COL["end"]) if as_text(row.values.get("end")) else None
        facts = _facts(context, row)
        if start and end and end < start:
            context.problem(row, COL["end"], gettext("The end date cannot be before the start date."))
            return
        if not name or unit is None or start is None or facts is None:
            return
        code = context.text(row, COL["code"]) or ""
        key = ("code", plain(code)) if code else ("name", plain(name), facts.get("birth_year"))
        line_key = (key, unit.pk, start)
        if line_key in seen:
            context.problem(
                row,
                None,
                gettext("the same person, unit and start date as row {other}.").format(other=seen[line_key]),
            )
            return
        seen[line_key] = row.number
        someone = people.setdefault(key, Someone(name, code, {}))
        for fact, value in facts.items():
            if value is None:
                continue
            if someone.facts.get(fact, value) != value:
                first = someone.lines[0].row.number
                context.problem(
                    row,
                    COL[_FACT_COLUMN[fact]],
                    gettext("row {other} says otherwise of the same person.").format(other=first),
                )
                return
            someone.facts[fact] = value
        position = context.text(row, COL["position"]) or ""
        someone.lines.append(Line(row, unit, position, start, end))

    def finish(self, context: Context) -> None:
        people: dict[tuple[Any, ...], Someone] = context.state.get("people", {})
        for someone in people.values():
            if _overlap(context, someone):
                continue
            someone.person = _on_record(context, someone)
        if context.plan.problems:
            return
        new = 0
        for someone in people.values():
            person = someone.person
            postings = {}
            if person is None:
                new += 1
            else:
                postings = {(p.unit_id, p.start): p for p in PersonPosting.objects.filter(person=person)}
            facts_differ = person is not None and any(
                getattr(person, fact) != value for fact, value in someone.facts.items()
            )
            for number, line in enumerate(someone.lines):
                line.posting = postings.get((line.unit.pk, line.start))
                if line.posting is None:
                    action = CREATE
                elif (line.posting.position, line.posting.end) != (line.position, line.end) or (
                    facts_differ and number == 0
                ):
                    action = CHANGE
                else:
                    action = SAME
                context.outcome(line.row, action, _describe(someone, line))
        if new:
            context.plan.also.append(gettext("{count} new person(s)").format(count=new))

    def write(self, context: Context, *, by: Actor) -> None:
        people: dict[tuple[Any, ...], Someone] = context.state.get("people", {})
        actions = {id(outcome.row): outcome.action for outcome in context.plan.outcomes}
        for someone in people.values():
            if all(actions[id(line.row)] == SAME for line in someone.lines):
                continue
            first = someone.lines[0]
            if someone.person is None:
                someone.person = entry.save_person(
                    None,
                    posting=(first.unit, first.position, first.start),
                    by=by,
                    name=someone.name,
                    code=someone.code,
                    **someone.facts,
                )
            elif any(getattr(someone.person, fact) != value for fact, value in someone.facts.items()):
                someone.person = entry.save_person(someone.person, by=by, **someone.facts)
            for line in someone.lines:
                if actions[id(line.row)] == SAME:
                    continue
                entry.record_posting(
                    someone.person,
                    unit=line.unit,
                    position=line.position,
                    start=line.start,
                    end=line.end,
                    by=by,
                )


PEOPLE = PeopleKind()
_FACT_COLUMN = {"birth_year": "birth", "sex": "sex", "direct_labourer": "direct"}


def _facts(context: Context, row: Row) -> dict[str, Any] | None:
    """Year of birth, sex and the direct-labourer flag the row gives (None: a cell is wrong)."""
    facts: dict[str, Any] = {"birth_year": None, "sex": None, "direct_labourer": None}
    wrong = False
    birth = row.values.get("birth")
    if as_text(birth):
        day = as_date(birth)
        year = day.year if day else as_year(birth)
        if year is None:
            context.problem(
                row, COL["birth"], gettext("{value} is not a date or a year").format(value=as_text(birth))
            )
            wrong = True
        facts["birth_year"] = year
    sex = fold(as_text(row.values.get("sex")))
    if sex:
        found = next((value for value, label in _sexes() if sex in label), None)
        if found is None:
            context.problem(
                row,
                COL["sex"],
                gettext("«{value}» is not a sex (male or female).").format(
                    value=as_text(row.values.get("sex"))
                ),
            )
            wrong = True
        facts["sex"] = found
    direct = fold(as_text(row.values.get("direct")))
    if direct:
        if direct not in YES | NO:
            context.problem(
                row,
                COL["direct"],
                gettext("«{value}» is neither yes (x) nor no.").format(
                    value=as_text(row.values.get("direct"))
                ),
            )
            wrong = True
        facts["direct_labourer"] = direct in YES
    return None if wrong else facts


def _sexes() -> list[tuple[str, set[str]]]:
    return [(Sex(value), {fold(word) for word in words}) for value, words in SEX_WORDS.items()]


def _overlap(context: Context, someone: Someone) -> bool:
    """A person works in one unit at a time: the file's postings of one person may not overlap."""
    ordered = sorted(someone.lines, key=lambda line: line.start)
    for before, after in pairwise(ordered):
        if before.end is None or before.end >= after.start:
            context.problem(
                after.row,
                COL["start"],
                gettext(
                    "{name} is still at {unit} on {day} (row {other}): give the end date of the earlier "
                    "posting."
                ).format(
                    name=someone.name,
                    unit=before.unit.name,
                    day=f"{after.start:%d/%m/%Y}",
                    other=before.row.number,
                ),
            )
            return True
    return False


def _on_record(context: Context, someone: Someone) -> Person | None:
    """The registry's person the rows name, None for someone new; the problem said when it is unclear."""
    organizer = context.scope.organizer
    first = someone.lines[0]
    if someone.code:
        person = Person.objects.filter(organizer=organizer, code=someone.code).first()
        if person is None:
            return None
        if fold(person.name) != fold(someone.name):
            context.problem(
                first.row,
                COL["name"],
                gettext("code {code} belongs to {person}, not to {name}.").format(
                    code=someone.code, person=person.name, name=someone.name
                ),
            )
            return None
        ids = context.scope.unit_ids
        if ids is not None and not person.postings.filter(unit_id__in=ids).exists():
            context.problem(
                first.row,
                COL["name"],
                gettext("{name} is not one of the people of the units you enter for.").format(
                    name=person.name
                ),
            )
            return None
        return person
    units = {line.unit.pk for line in someone.lines}
    found = list(
        Person.objects.filter(
            organizer=organizer, name_folded=fold(someone.name), postings__unit_id__in=units
        ).distinct()
    )
    born = someone.facts.get("birth_year")
    if born is not None:
        found = [p for p in found if p.birth_year in (None, born)]
    exact = [p for p in found if plain(p.name) == plain(someone.name)]
    found = exact or found
    if len(found) > 1:
        context.problem(
            first.row,
            COL["name"],
            gettext(
                "{count} people named {name} worked at {unit}: add the column with each person's code."
            ).format(count=len(found), name=someone.name, unit=first.unit.name),
        )
        return None
    if found and not exact:
        context.mapped("person", someone.name, f"{found[0].name} ({first.unit.name})")
    return found[0] if found else None


def _describe(someone: Someone, line: Line) -> str:
    span = f"{line.start:%d/%m/%Y} – {line.end:%d/%m/%Y}" if line.end else f"{line.start:%d/%m/%Y} –"
    what = ", ".join(part for part in (line.position, line.unit.name) if part)
    return f"{someone.name}: {what} ({span})"
