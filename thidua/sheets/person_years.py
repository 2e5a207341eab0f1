"""People's yearly ratings and titles (PersonYear: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Giấy khen),
one row per person and year, with the unit where they worked. A row replaces what was on record for that
person and year; a person not yet in the registry is added with a posting at the unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import Actor
from thidua.registry.actions import entry
from thidua.registry.forms import PERSON_TITLES
from thidua.registry.models import Person, PersonYear
from thidua.sheets.importer import CHANGE, CREATE, SAME, Context
from thidua.sheets.names import award_name, rating_name
from thidua.sheets.people import Someone, key_of, person_of
from thidua.sheets.reader import Column, Row
from thidua.sheets.wording import HEADER_ALIASES

COLUMNS = (
    Column("name", _("Full name"), aliases=HEADER_ALIASES["name"]),
    Column("code", _("Person code"), required=False, aliases=HEADER_ALIASES["code"]),
    Column("unit", _("Unit"), aliases=HEADER_ALIASES["unit"]),
    Column("position", _("Position"), required=False, aliases=HEADER_ALIASES["position"]),
    Column("year", _("Year"), aliases=HEADER_ALIASES["year"]),
    Column("rating", _("Rating"), required=False, aliases=HEADER_ALIASES["rating"]),
    Column("titles", _("Titles"), required=False, aliases=HEADER_ALIASES["titles"]),
)
COL = {column.key: column for column in COLUMNS}
SEPARATORS = re.compile(r"[;,\n]+")


@dataclass
class Line:
    row: Row
    someone: Someone
    year: int
    rating: str
    titles: list[str]


class PersonYearsKind:
    code = "person_years"
    label = _("People's yearly ratings and titles")
    columns = COLUMNS
    board_only = False

    def check(self, context: Context, row: Row) -> None:
        lines: list[Line] = context.state.setdefault("lines", [])
        seen: dict[tuple[object, int], int] = context.state.setdefault("seen", {})
        name, typed_unit = context.text(row, COL["name"]), context.text(row, COL["unit"])
        year = context.year(row, COL["year"])
        unit = context.unit(row, COL["unit"], typed_unit) if typed_unit else None
        rating = _rating(context, row)
        titles = _titles(context, row)
        if None in (name, unit, year, rating, titles):
            return
        assert name and unit and year and rating is not None and titles is not None
        problems = entry.person_title_errors(rating, titles)
        if problems:
            for problem in problems:
                context.problem(row, COL["titles"], problem)
            return
        someone = context.people.find(
            row,
            COL["name"],
            name=name,
            code=context.text(row, COL["code"]) or "",
            unit=unit,
            position=context.text(row, COL["position"]) or "",
            year=year,
        )
        if someone is None:
            return
        key = (key_of(someone), year)
        if key in seen:
            context.problem(
                row,
                None,
                gettext("{name}, {year} is already on row {other}.").format(
                    name=name, year=year, other=seen[key]
                ),
            )
            return
        seen[key] = row.number
        lines.append(Line(row, someone, year, rating, titles))

    def finish(self, context: Context) -> None:
        lines: list[Line] = context.state.get("lines", [])
        known = [line.someone.pk for line in lines if isinstance(line.someone, Person)]
        existing = {(row.person_id, row.year): row for row in PersonYear.objects.filter(person_id__in=known)}
        for line in lines:
            before = existing.get((line.someone.pk, line.year)) if isinstance(line.someone, Person) else None
            if before is None:
                action = CREATE
            elif before.rating == line.rating and sorted(before.titles) == sorted(line.titles):
                action = SAME
            else:
                action = CHANGE
            context.outcome(line.row, action, _describe(line))
        if context.people.new:
            context.plan.also.append(gettext("{count} new person(s)").format(count=len(context.people.new)))

    def write(self, context: Context, *, by: Actor) -> None:
        lines: list[Line] = context.state.get("lines", [])
        for line, outcome in zip(lines, context.plan.outcomes, strict=True):
            if outcome.action == SAME:
                continue
            person = person_of(line.someone, by=by)
            entry.record_person_year(person, line.year, rating=line.rating, titles=line.titles, by=by)


PERSON_YEARS = PersonYearsKind()


def _rating(context: Context, row: Row) -> str | None:
    typed = context.text(row, COL["rating"]) or ""
    if not typed:
        return ""
    found = context.names.rating(typed)
    if found is None:
        context.problem(row, COL["rating"], gettext("«{value}» is not a rating.").format(value=typed))
        return None
    context.note("rating", typed, found, rating_name(found.value))
    return found.value


def _titles(context: Context, row: Row) -> list[str] | None:
    typed = context.text(row, COL["titles"]) or ""
    codes: list[str] = []
    for part in (p.strip() for p in SEPARATORS.split(typed)):
        if not part:
            continue
        found = context.names.award(part)
        if found is None or found.value not in PERSON_TITLES:
            context.problem(
                row,
                COL["titles"],
                gettext("«{value}» is not a title a unit grants its people ({titles}).").format(
                    value=part, titles=", ".join(award_name(code) for code in PERSON_TITLES)
                ),
            )
            return None
        context.note("award", part, found, award_name(found.value))
        if found.value not in codes:
            codes.append(found.value)
    return [code for code in PERSON_TITLES if code in codes]


def _describe(line: Line) -> str:
    name = line.someone.name
    parts = [rating_name(line.rating)] if line.rating else []
    parts.extend(award_name(code) for code in line.titles)
    return gettext("{name}, {year}: {facts}").format(name=name, year=line.year, facts="; ".join(parts) or "–")
