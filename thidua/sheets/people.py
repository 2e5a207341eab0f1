"""The person a row is about: by code when the file has one, else by name among the people who worked at
the row's unit; someone not yet in the registry is created with a posting there when the plan is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext

from thidua.core.audit import Actor
from thidua.organisations.models import Unit
from thidua.registry.actions import entry
from thidua.registry.folding import fold
from thidua.registry.models import Person
from thidua.sheets.names import plain
from thidua.sheets.reader import Column, Row

if TYPE_CHECKING:
    from thidua.sheets.importer import Context


@dataclass(eq=False, slots=True)
class NewPerson:
    """Someone the file names who is not in the registry yet: one Person, however many rows name them."""

    name: str
    code: str
    unit: Unit
    position: str
    first_year: int
    person: Person | None = None

    def create(self, *, by: Actor) -> Person:
        if self.person is None:
            self.person = entry.save_person(
                None,
                posting=(self.unit, self.position, dt.date(self.first_year, 1, 1)),
                by=by,
                name=self.name,
                code=self.code,
            )
        return self.person


Someone = Person | NewPerson


class People:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.organizer = context.scope.organizer
        self.at_unit: dict[int, list[Person]] = {}
        self.by_code: dict[str, Person | None] = {}
        self.new: dict[tuple[str, ...], NewPerson] = {}

    def _of_unit(self, unit: Unit) -> list[Person]:
        if unit.pk not in self.at_unit:
            self.at_unit[unit.pk] = list(
                Person.objects.filter(organizer=self.organizer, postings__unit=unit).distinct()
            )
        return self.at_unit[unit.pk]

    def prefetch(self, codes: set[str]) -> None:
        """The people of these codes read at once, before a chunk of rows is checked; the previous chunk's
        are forgotten (a large file's people are never held whole)."""
        self.by_code = dict.fromkeys(codes)
        for person in Person.objects.filter(organizer=self.organizer, code__in=codes):
            self.by_code[person.code] = person

    def _coded(self, code: str) -> Person | None:
        if code not in self.by_code:
            self.by_code[code] = Person.objects.filter(organizer=self.organizer, code=code).first()
        return self.by_code[code]

    def find(
        self, row: Row, column: Column, *, name: str, code: str, unit: Unit, position: str, year: int
    ) -> Someone | None:
        """The person, a NewPerson to create, or None (the problem said)."""
        if code:
            person = self._coded(code)
            if person is not None:
                if person.name != name and fold(person.name) != fold(name):
                    self.context.problem(
                        row,
                        column,
                        gettext("code {code} belongs to {person}, not to {name}.").format(
                            code=code, person=person.name, name=name
                        ),
                    )
                    return None
                if not self._in_scope(person):
                    self.context.problem(
                        row,
                        column,
                        gettext("{name} is not one of the people of the units you enter for.").format(
                            name=person.name
                        ),
                    )
                    return None
                return person
            return self._new((code,), name, code, unit, position, year)
        people = self._of_unit(unit)
        exact = [p for p in people if plain(p.name) == plain(name)]
        folded = exact or [p for p in people if fold(p.name) == fold(name)]
        if len(folded) > 1:
            self.context.problem(
                row,
                column,
                gettext(
                    "{count} people named {name} worked at {unit}: add the column with each person's code."
                ).format(count=len(folded), name=name, unit=unit.name),
            )
            return None
        if folded:
            person = folded[0]
            if not exact:
                self.context.mapped("person", name, f"{person.name} ({unit.name})")
            return person
        return self._new((plain(name), str(unit.pk)), name, "", unit, position, year)

    def _in_scope(self, person: Person) -> bool:
        ids = self.context.scope.unit_ids
        return ids is None or person.postings.filter(unit_id__in=ids).exists()

    def _new(
        self, key: tuple[str, ...], name: str, code: str, unit: Unit, position: str, year: int
    ) -> NewPerson:
        someone = self.new.get(key)
        if someone is None:
            someone = self.new[key] = NewPerson(name, code, unit, position, year)
        someone.first_year = min(someone.first_year, year)
        return someone


def key_of(someone: Someone) -> object:
    return ("person", someone.pk) if isinstance(someone, Person) else someone


def person_of(someone: Someone, *, by: Actor) -> Person:
    return someone if isinstance(someone, Person) else someone.create(by=by)


def new_people(people: People) -> int:
    return len(people.new)
