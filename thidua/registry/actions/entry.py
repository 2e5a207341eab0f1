"""Entering what the eligibility engine reads: people with their postings, their yearly rating and titles,
initiatives and holds, a unit's yearly record, its sub-units and the titles its head grants them. Each
function runs in one transaction and writes its audit row (STYLE.md 2), as services.py does for proposals;
bad input raises a ValidationError in Vietnamese and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from thidua.awards.catalogue import AWARDS
from thidua.awards.conditions import CSTDCS, LDTT
from thidua.core import bulk
from thidua.core.audit import Actor, record, record_many
from thidua.emulation.models import Rating
from thidua.organisations import actions as organisations
from thidua.organisations.models import Organizer, Unit, UnitEvent
from thidua.registry.actions import proposals as services
from thidua.registry.folding import fold
from thidua.registry.models import (
    Awardee,
    Decision,
    Hold,
    Initiative,
    Person,
    PersonPosting,
    PersonYear,
    UnitYear,
)

# The titles a unit's head grants a sub-unit by the unit's own decision.
SUB_UNIT_TITLES = ("tap-the-lao-dong-tien-tien", "giay-khen")


def free_code(organizer: Organizer, name: str, taken: set[str] | None = None) -> str:
    """A code for a new person from their name; `taken`: codes given to others not yet saved."""
    return free_codes(organizer, [name], taken or ())[0]


def free_codes(organizer: Organizer, names: Sequence[str], taken: Iterable[str] = ()) -> list[str]:
    """A code for each new person from their name, in order, none given twice (`taken`: codes given to
    others not yet saved): the name's slug, else the slug with the first free number ("nguyen-van-an-2").
    The codes on record are asked a round at a time (one query for every code in doubt), not one query per
    person: a large import's new people cost as many queries as the deepest run of namesakes."""
    bases = [slugify(fold(name)) or "ca-nhan" for name in names]
    known: set[str] = set()  # codes asked about
    on_record: set[str] = set()
    while True:
        given, doubt, codes = set(taken), set(), []
        for base in bases:
            code, n = base, 1
            while code in given or code in on_record:
                n += 1
                code = f"{base}-{n}"
            if code not in known:
                doubt.add(code)  # taken as free for now: the next round settles it
            given.add(code)
            codes.append(code)
        if not doubt:
            return codes
        asked = sorted(doubt)
        for start in range(0, len(asked), 5000):
            chunk = asked[start : start + 5000]
            people = Person.objects.filter(organizer=organizer, code__in=chunk)
            on_record.update(people.values_list("code", flat=True))
        known |= doubt


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
        person.code = free_code(person.organizer, person.name)
    created = person.pk is None
    person.save()
    if posting is not None:
        unit, position, start = posting
        person.postings.filter(end__isnull=True, start__lt=start).update(end=start - dt.timedelta(days=1))
        PersonPosting.objects.create(person=person, unit=unit, position=position, start=start)
    changes = {k: v for k, v in fields.items() if k != "code"}
    if posting is not None:
        changes["posting"] = posting_data(posting[0].code, posting[1], posting[2])
    record(by, "registry.person.create" if created else "registry.person.change", person, **changes)
    return person


def posting_data(unit_code: str, position: str, start: dt.date) -> dict[str, str]:
    """A posting as a person's audit row says it (save_person, and a new person's below)."""
    return {"unit": unit_code, "position": position, "start": start.isoformat()}


def new_person_data(name: str, unit_code: str, position: str, start: dt.date) -> dict[str, Any]:
    """The audit data of a person an import created with their first posting (registry.person.create): one
    writer for create_people and the staged import's batch (actions/staged.py)."""
    return {"name": name, "posting": posting_data(unit_code, position, start)}


@dataclass(frozen=True)
class NewPerson:
    """save_person's arguments for a new person with a posting (create_people)."""

    name: str
    code: str
    unit: Unit
    position: str
    start: dt.date


@transaction.atomic
def create_people(news: Sequence[NewPerson], *, by: Actor) -> list[Person]:
    """save_person for many new people at once (a large import): the same rows and audit rows, written
    together."""
    people = [
        Person(organizer=new.unit.organizer, name=new.name, code=new.code, name_folded=fold(new.name))
        for new in news
    ]
    uncoded = [person for person in people if not person.code]
    # One organizer's people at a time: a code is free within its organizer.
    for organizer in {person.organizer for person in uncoded}:
        theirs = [person for person in uncoded if person.organizer == organizer]
        for person, code in zip(theirs, free_codes(organizer, [p.name for p in theirs]), strict=True):
            person.code = code
    Person.objects.bulk_create(people, batch_size=2000)
    bulk.insert_values(
        PersonPosting,
        [
            {"person_id": p.pk, "unit_id": n.unit.pk, "position": n.position, "start": n.start, "end": None}
            for p, n in zip(people, news, strict=True)
        ],
    )
    record_many(
        by,
        "registry.person.create",
        (
            (person, new_person_data(new.name, new.unit.code, new.position, new.start))
            for person, new in zip(people, news, strict=True)
        ),
    )
    return people


@transaction.atomic
def start_first_postings(starts: dict[int, dt.date], *, by: Actor) -> None:
    """Move the first posting of people created by create_people back to an earlier start (a large import
    meets their earlier awards after it has written them)."""
    people = Person.objects.in_bulk(list(starts))
    for pk, start in starts.items():
        first = PersonPosting.objects.filter(person_id=pk).order_by("start").first()
        if first is not None and start < first.start:
            PersonPosting.objects.filter(pk=first.pk).update(start=start)
    record_many(
        by,
        "registry.person.change",
        (
            (people[pk], {"posting": {"start": start.isoformat()}})
            for pk, start in starts.items()
            if pk in people
        ),
    )


def person_title_errors(rating: str, titles: list[str]) -> list[str]:
    """What is wrong with a person's titles for a year. ELIGIBILITY.md: a holder of Chiến sĩ thi đua cơ sở
    also holds Lao động tiên tiến; LĐTT needs the tasks completed (Law 06/2022 Art. 24), so a person who
    did not complete them cannot hold it."""
    errors = []
    if CSTDCS in titles and LDTT not in titles:
        errors.append(
            _(
                "Grassroots Emulation Fighter must come with the title Advanced Worker (a Grassroots "
                "Emulation Fighter also holds Advanced Worker)."
            )
        )
    if rating == Rating.KHONG_HOAN_THANH and (LDTT in titles or CSTDCS in titles):
        errors.append(
            _(
                "A person rated as not completing their tasks cannot hold Advanced Worker or Grassroots "
                "Emulation Fighter."
            )
        )
    return errors


@transaction.atomic
def record_person_year(person: Person, year: int, *, rating: str, titles: list[str], by: Actor) -> PersonYear:
    errors = person_title_errors(rating, titles)
    if errors:
        raise ValidationError(
            _("{name}, {year}: {errors}").format(name=person.name, year=year, errors=" ".join(errors))
        )
    row, _created = PersonYear.objects.update_or_create(
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
    row, _created = UnitYear.objects.update_or_create(unit=unit, year=year, defaults=values)
    record(by, "registry.unit.year", unit, year=year, **values)
    return row


# ---- a unit's people and sub-units ---------------------------------------------------------------------


def with_sub_units(unit: Unit) -> QuerySet[Unit]:
    """The unit and its phòng, ban, đơn vị trực thuộc: whose people are the unit's people."""
    return Unit.objects.filter(Q(pk=unit.pk) | Q(parent=unit))


def people_of(unit: Unit, year: int) -> QuerySet[Person]:
    """Everyone posted to the unit (or one of its sub-units) for some part of `year`."""
    postings = PersonPosting.objects.filter(
        unit__in=with_sub_units(unit), start__lte=dt.date(year, 12, 31)
    ).exclude(end__lt=dt.date(year, 1, 1))
    return Person.objects.filter(pk__in=postings.values("person_id"))


@transaction.atomic
def record_people_titles(
    unit: Unit, year: int, rows: list[tuple[Person, str, list[str]]], *, by: Actor
) -> int:
    """The unit's own titles for its people in one year, all rows or none. A row left blank for someone with
    nothing on record stays absent; returns how many rows were written."""
    people = set(people_of(unit, year).values_list("pk", flat=True))
    problems = []
    for person, rating, titles in rows:
        if person.pk not in people:
            problems.append(
                _("{name} did not work at {unit} in {year}.").format(
                    name=person.name, unit=unit.name, year=year
                )
            )
        problems.extend(f"{person.name}: {e}" for e in person_title_errors(rating, titles))
    if problems:
        raise ValidationError(problems)
    existing = {row.person_id: row for row in PersonYear.objects.filter(person__in=people, year=year)}
    written = 0
    for person, rating, titles in rows:
        before = existing.get(person.pk)
        if before is None and not rating and not titles:
            continue
        if before is not None and before.rating == rating and list(before.titles) == list(titles):
            continue
        record_person_year(person, year, rating=rating, titles=titles, by=by)
        written += 1
    return written


def staff_titles_from_people(unit: Unit, year: int) -> dict[str, int]:
    """How many of the unit's people hold LĐTT and CSTĐCS in `year`, from their PersonYear rows. A CSTĐCS
    holder counts under both (ELIGIBILITY.md), even if the LĐTT was not ticked."""
    counts = {LDTT: 0, CSTDCS: 0}
    for titles in PersonYear.objects.filter(person__in=people_of(unit, year), year=year).values_list(
        "titles", flat=True
    ):
        if LDTT in titles or CSTDCS in titles:
            counts[LDTT] += 1
        if CSTDCS in titles:
            counts[CSTDCS] += 1
    return counts


@transaction.atomic
def compute_staff_titles(unit: Unit, year: int, *, by: Actor) -> UnitYear:
    """Set the unit's staff_titles for `year` from its people's records (the board's or officer's explicit
    act, audited with what it replaced); the other yearly facts stay as entered."""
    counts = staff_titles_from_people(unit, year)
    row, _created = UnitYear.objects.select_for_update().get_or_create(unit=unit, year=year)
    before = row.staff_titles
    row.staff_titles = counts
    row.save(update_fields=["staff_titles"])
    record(by, "registry.unit.staff_titles", unit, year=year, before=before, after=counts)
    return row


def add_sub_unit(parent: Unit, *, name: str, code: str, by: Actor) -> Unit:
    """A phòng, ban or đơn vị trực thuộc of `parent`, in its organizer; never a cluster member. The one
    writer of a unit (organisations.actions.create_unit) checks and records it."""
    return organisations.create_unit(parent.organizer, code=code, name=name, parent=parent, by=by)


@transaction.atomic
def grant_sub_unit_title(
    sub_unit: Unit, award: str, year: int, *, number: str, date: dt.date, signer: str, by: Actor
) -> Decision:
    """The unit head's own decision granting a sub-unit a title for `year`: a Decision with one Awardee, so
    the registry's search, statistics and the engine read it as any other award."""
    parent = sub_unit.parent
    if parent is None:
        raise ValidationError(_("«{name}» is not a sub-unit.").format(name=sub_unit.name))
    if award not in SUB_UNIT_TITLES:
        raise ValidationError(
            _("Award «{award}» is not a title a unit's head grants its sub-units.").format(award=award)
        )
    if date.year < year:
        raise ValidationError(
            _("A decision dated {date} cannot grant a title for {year}, which is not over yet.").format(
                date=f"{date:%d/%m/%Y}", year=year
            )
        )
    held = Awardee.objects.filter(unit=sub_unit, year=year, award=award, revocation__isnull=True)
    if held.exists():
        raise ValidationError(
            _("«{name}» already has «{award}» for {year} in the registry.").format(
                name=sub_unit.name, award=AWARDS[award].name, year=year
            )
        )
    decision = services.open_decision(
        organizer=parent.organizer,
        number=number,
        date=date,
        signer=signer,
        grantor=_("Head of {unit}").format(unit=parent.name),
        award=award,
        award_name=AWARDS[award].name,
        issuing_unit=parent,
    )
    services.put_on_record(decision, year=year, name=sub_unit.name, unit=sub_unit)
    record(by, "registry.decision.create", decision, number=decision.number, awardees=1, unit=parent.code)
    return decision


# ---- units and their lineage, as an office's list gives them -------------------------------------------


def save_unit(
    unit: Unit | None,
    *,
    organizer: Organizer,
    code: str,
    name: str,
    short_name: str,
    parent: Unit | None,
    by: Actor,
) -> Unit:
    """Create a unit of `organizer`, or change one's name, short name or parent (its lineage events keep
    the history: a rename is also recorded as an event by whoever knows its date). The one writer of a unit
    (organisations.actions) checks and records it, as for the board's unit pages and the exchange file."""
    if unit is None:
        return organisations.create_unit(
            organizer, code=code, name=name, short_name=short_name, parent=parent, by=by
        )
    return organisations.update_unit(
        unit, name=name, short_name=short_name, female_share=unit.female_share, parent=parent, by=by
    )


def add_unit_event(unit: Unit, *, kind: str, other: Unit, date: dt.date, by: Actor) -> UnitEvent:
    """A dated rename, merger or split of `unit` (history is never rewritten: events are only added)."""
    return organisations.add_unit_event(unit, kind=kind, other=other, date=date, by=by)


# ---- postings and initiatives, as an office's list gives them ------------------------------------------


@transaction.atomic
def record_posting(
    person: Person, *, unit: Unit, position: str, start: dt.date, end: dt.date | None, by: Actor
) -> PersonPosting:
    """The person's posting at `unit` from `start` (one posting per unit and start date), with its job
    title and end date as an office's staff list states them; other postings are left as they are."""
    if unit.organizer_id != person.organizer_id:
        raise ValidationError(_("The unit must belong to the person's organizer."))
    if end is not None and end < start:
        raise ValidationError(_("The end date cannot be before the start date."))
    posting, _created = PersonPosting.objects.update_or_create(
        person=person, unit=unit, start=start, defaults={"position": position, "end": end}
    )
    record(
        by,
        "registry.person.posting",
        person,
        unit=unit.code,
        position=position,
        start=start.isoformat(),
        end=end.isoformat() if end else None,
    )
    return posting


@transaction.atomic
def record_initiative(person: Person, code: str, *, by: Actor, **values: Any) -> Initiative:
    """The person's initiative `code` (an author's share of it), created or brought to `values`."""
    initiative, created = Initiative.objects.update_or_create(person=person, code=code, defaults=values)
    facts = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}
    record(by, "registry.person.initiative", person, code=code, created=created, **facts)
    return initiative
