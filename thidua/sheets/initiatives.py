"""Recognised initiatives (sáng kiến): one row per initiative with its authors (one or more, separated by
';'), their unit, who recognised it, at which level, on what date and by which decision. Each author gets the
initiative on record (the eligibility engine reads a person's initiatives by year and level); an author not
yet in the registry is added with a posting at the unit. An initiative is known by its code (given, or made
from its title), so a second import of the same file changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import Actor
from thidua.registry.actions import entry
from thidua.registry.folding import fold
from thidua.registry.models import Initiative, InitiativeLevel, Person
from thidua.sheets.importer import CHANGE, CREATE, SAME, Context
from thidua.sheets.names import _labels, plain
from thidua.sheets.people import Someone, key_of, person_of
from thidua.sheets.reader import Column, Row
from thidua.sheets.wording import HEADER_ALIASES, LEVEL_ALIASES

COLUMNS = (
    Column("title", _("Initiative title"), aliases=HEADER_ALIASES["initiative"]),
    Column("code", _("Initiative code"), required=False, aliases=HEADER_ALIASES["initiative_code"]),
    Column("authors", _("Authors"), aliases=HEADER_ALIASES["authors"]),
    Column("unit", _("Unit"), aliases=HEADER_ALIASES["unit"]),
    Column("recognised_by", _("Recognised by"), required=False, aliases=HEADER_ALIASES["recognised_by"]),
    Column("level", _("Level of recognition"), required=False, aliases=HEADER_ALIASES["level"]),
    Column("date", _("Date recognised"), aliases=HEADER_ALIASES["recognised_on"]),
    Column("number", _("Decision number"), required=False, aliases=HEADER_ALIASES["number"]),
)
COL = {column.key: column for column in COLUMNS}
AUTHORS = re.compile(r"[;,\n]+")
CODE_LENGTH = 64


@dataclass
class Line:
    row: Row
    code: str
    authors: list[Someone]
    values: dict[str, Any]


def initiative_code(title: str) -> str:
    """A stable code made from the title: its folded words, shortened with a digest when too long."""
    slug = slugify(fold(title)) or "sang-kien"
    if len(slug) <= CODE_LENGTH:
        return slug
    digest = hashlib.sha1(plain(title).encode()).hexdigest()[:8]
    return f"{slug[: CODE_LENGTH - 9].rstrip('-')}-{digest}"


def _level(context: Context, row: Row) -> str | None:
    typed = context.text(row, COL["level"]) or ""
    if not typed:
        return ""
    for value, label in InitiativeLevel.choices:
        if fold(typed) in {fold(name) for name in (*_labels(label), value)}:
            return value
    if fold(typed) in {fold(alias) for alias in LEVEL_ALIASES}:
        return next(v for alias, v in LEVEL_ALIASES.items() if fold(alias) == fold(typed))
    names = ", ".join(f"«{label}»" for label in InitiativeLevel.labels)
    context.problem(
        row,
        COL["level"],
        gettext("«{value}» is not a level of recognition ({levels}).").format(value=typed, levels=names),
    )
    return None


class InitiativesKind:
    code = "initiatives"
    label = _("Recognised initiatives")
    columns = COLUMNS
    board_only = False

    def check(self, context: Context, row: Row) -> None:
        lines: list[Line] = context.state.setdefault("lines", [])
        seen: dict[tuple[object, str], int] = context.state.setdefault("seen", {})
        title, typed_unit = context.text(row, COL["title"]), context.text(row, COL["unit"])
        typed_authors = context.text(row, COL["authors"])
        unit = context.unit(row, COL["unit"], typed_unit) if typed_unit else None
        day = context.date(row, COL["date"])
        level = _level(context, row)
        if not title or not typed_authors or unit is None or day is None or level is None:
            return
        code = context.text(row, COL["code"]) or initiative_code(title)
        if len(code) > CODE_LENGTH:
            context.problem(
                row,
                COL["code"],
                gettext("the code is longer than {most} characters.").format(most=CODE_LENGTH),
            )
            return
        authors: list[Someone] = []
        for name in (part.strip() for part in AUTHORS.split(typed_authors)):
            if not name:
                continue
            someone = context.people.find(
                row, COL["authors"], name=name, code="", unit=unit, position="", year=day.year
            )
            if someone is None:
                return
            key = (key_of(someone), code)
            if key in seen:
                context.problem(
                    row,
                    COL["title"],
                    gettext("{name} already has this initiative on row {other}.").format(
                        name=name, other=seen[key]
                    ),
                )
                return
            seen[key] = row.number
            authors.append(someone)
        values = {
            "title": title,
            "level": level,
            "year": day.year,
            "recognised_on": day,
            "recognised_by": context.text(row, COL["recognised_by"]) or "",
            "decision_number": context.text(row, COL["number"]) or "",
        }
        lines.append(Line(row, code, authors, values))

    def finish(self, context: Context) -> None:
        lines: list[Line] = context.state.get("lines", [])
        known = {a.pk for line in lines for a in line.authors if isinstance(a, Person)}
        existing = {(i.person_id, i.code): i for i in Initiative.objects.filter(person_id__in=known)}
        for line in lines:
            actions = set()
            for author in line.authors:
                before = existing.get((author.pk, line.code)) if isinstance(author, Person) else None
                if before is None:
                    actions.add(CREATE)
                elif any(getattr(before, k) != v for k, v in line.values.items()):
                    actions.add(CHANGE)
                else:
                    actions.add(SAME)
            action = CREATE if CREATE in actions else CHANGE if CHANGE in actions else SAME
            context.outcome(line.row, action, _describe(line))
        if context.people.new:
            context.plan.also.append(gettext("{count} new person(s)").format(count=len(context.people.new)))

    def write(self, context: Context, *, by: Actor) -> None:
        lines: list[Line] = context.state.get("lines", [])
        for line, outcome in zip(lines, context.plan.outcomes, strict=True):
            if outcome.action == SAME:
                continue
            for author in line.authors:
                entry.record_initiative(person_of(author, by=by), line.code, by=by, **line.values)


INITIATIVES = InitiativesKind()


def _describe(line: Line) -> str:
    day: dt.date = line.values["recognised_on"]
    names = "; ".join(author.name for author in line.authors)
    number = line.values["decision_number"]
    return f"{line.values['title']} – {names} ({number + ', ' if number else ''}{day:%d/%m/%Y})"
