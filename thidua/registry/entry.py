"""Entering what the eligibility engine reads: people with their postings, their yearly rating and titles,
initiatives and holds, a unit's yearly record. Each function runs in one transaction and writes its audit
row (STYLE.md 2), as services.py does for proposals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from thidua.core.audit import Actor, record
from thidua.organisations.models import Organizer, Unit
from thidua.registry.folding import fold
from thidua.registry.models import Hold, Initiative, Person, PersonPosting, PersonYear, UnitYear


def _free_code(organizer: Organizer, name: str) -> str:
    base = slugify(fold(name)) or "ca-nhan"
    code, n = base, 1
    while Person.objects.filter(organizer=organizer, code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def save_person(
    person: Person | None,
    *,
    by: Actor,
    posting: tuple[Unit, str, dt.date] | None = None,
    **fields: Any,
) -> Person:
    """Create a person (posting required: the unit gives the organizer) or change one. A new posting ends
    the open one the day before it starts: a person works in one unit at a time."""
    if person is None:
        if posting is None:
            raise ValueError("A new person needs a posting.")
        person = Person(organizer=posting[0].organizer)
    for name, value in fields.items():
        setattr(person, name, value)
    if not person.code:
        person.code = _free_code(person.organizer, person.name)
    created = person.pk is None
    person.save()
    if posting is not None:
        unit, position, start = posting
        person.postings.filter(end__isnull=True, start__lt=start).update(end=start - dt.timedelta(days=1))
        PersonPosting.objects.create(person=person, unit=unit, position=position, start=start)
    changes = {k: v for k, v in fields.items() if k != "code"}
    if posting is not None:
        changes["posting"] = {
            "unit": posting[0].code,
            "position": posting[1],
            "start": posting[2].isoformat(),
        }
    record(by, "registry.person.create" if created else "registry.person.change", person, **changes)
    return person


@transaction.atomic
def record_person_year(person: Person, year: int, *, rating: str, titles: list[str], by: Actor) -> PersonYear:
    row, _ = PersonYear.objects.update_or_create(
        person=person, year=year, defaults={"rating": rating, "titles": titles}
    )
    record(by, "registry.person.year", person, year=year, rating=rating, titles=titles)
    return row


@transaction.atomic
def add_initiative(initiative: Initiative, *, by: Actor) -> Initiative:
    initiative.save()
    record(by, "registry.person.initiative", initiative.person, code=initiative.code, year=initiative.year)
    return initiative


@transaction.atomic
def add_hold(hold: Hold, *, by: Actor) -> Hold:
    hold.save()
    subject = hold.person or hold.unit
    record(
        by,
        "registry.hold.create",
        subject,  # type: ignore[arg-type]
        kind=hold.kind,
        start=hold.start.isoformat() if hold.start else None,
        end=hold.end.isoformat() if hold.end else None,
    )
    return hold


@transaction.atomic
def record_unit_year(unit: Unit, year: int, *, by: Actor, **values: Any) -> UnitYear:
    """The unit's facts for `year`, replacing what was entered before for that year."""
    row, _ = UnitYear.objects.update_or_create(unit=unit, year=year, defaults=values)
    record(by, "registry.unit.year", unit, year=year, **values)
    return row
