"""What the registry holds about a unit or a person, as the eligibility engine's plain input (facts.Subject).

A year is on record when the registry knows anything of it (a roster rating, a unit or person year, an
award). For such a year the awards on record are the registry's: an empty tuple means "none decided",
since every decision of the organizer passes through the registry. A year with nothing is left out, so
the engine says "not on record" instead of guessing. Revoked awards do not count (Law Art. 93).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from thidua.awards.facts import Event, Hold, Initiative, Subject, YearRecord
from thidua.emulation.models import Membership
from thidua.organisations.models import Unit, UnitEvent
from thidua.registry import models as m

_YearFacts = dict[int, dict[str, object]]


def _awards_by_year(rows: Iterable[m.Awardee]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        if row.award:
            found[row.year].append(row.award)
    return found


def _cluster_places(unit: Unit) -> dict[int, int]:
    """The unit's place in its cluster per year: the reported place, else its rank on the cluster's top
    tier in a concluded review (the leading unit is the one proposed first for the flag, LAW-CO-TINH)."""
    places: dict[int, int] = {}
    rows = Membership.objects.filter(unit=unit).select_related(
        "cluster_year__cluster", "cluster_year__review"
    )
    for row in rows:
        year = row.cluster_year.year
        if row.reported_place is not None:
            places[year] = row.reported_place
            continue
        review = getattr(row.cluster_year, "review", None)
        tiers = row.cluster_year.cluster.ordered_tiers()
        if review is None or review.concluded_at is None or not tiers:
            continue
        top = review.proposals.filter(tier=tiers[0], unit=unit).first()
        if top is not None:
            places[year] = top.rank
    return places


def unit_subject(unit: Unit) -> Subject:
    """One unit as the engine sees it, without its predecessors (see `unit_subjects`)."""
    facts: _YearFacts = defaultdict(dict)
    for row in Membership.objects.filter(unit=unit).select_related("cluster_year"):
        if row.rating:
            facts[row.cluster_year.year]["rating"] = row.rating
        else:
            facts[row.cluster_year.year].setdefault("rating", None)
    for year, place in _cluster_places(unit).items():
        facts[year]["cluster_place"] = place
    extra: dict[int, list[str]] = defaultdict(list)
    for own in m.UnitYear.objects.filter(unit=unit):
        record = facts[own.year]
        if own.rating:
            record["rating"] = own.rating
        record.setdefault("rating", None)
        extra[own.year].extend(own.titles or [])
        for key, value in (
            ("staff", own.staff),
            ("staff_completed", own.staff_completed),
            ("staff_titles", own.staff_titles),
            ("staff_disciplined_warning_or_above", own.staff_disciplined),
        ):
            if value is not None:
                record[key] = value
    awards = _awards_by_year(m.Awardee.objects.filter(unit=unit, revocation__isnull=True))
    years = {
        year: YearRecord(
            titles=tuple(dict.fromkeys([*extra.get(year, []), *awards.get(year, [])])),
            **facts.get(year, {}),  # type: ignore[arg-type]
        )
        for year in sorted({*facts, *awards})
    }
    holds = tuple(Hold(h.kind, h.start, h.end, h.level or None) for h in m.Hold.objects.filter(unit=unit))
    rows = UnitEvent.objects.filter(unit=unit).select_related("other")
    events = tuple(Event(e.kind, e.other.code, e.date) for e in rows)
    return Subject(
        code=unit.code,
        kind="unit",
        name=unit.name,
        female_share=float(unit.female_share) if unit.female_share is not None else None,
        years=years,
        holds=holds,
        events=events,
    )


def predecessors(unit: Unit) -> list[Unit]:
    """Every unit that became `unit` by rename or merger, however far back (UnitEvent lineage)."""
    found: list[Unit] = []
    frontier = [unit.pk]
    seen = {unit.pk}
    while frontier:
        rows = UnitEvent.objects.filter(
            other_id__in=frontier, kind__in=(UnitEvent.Kind.RENAMED_TO, UnitEvent.Kind.MERGED_INTO)
        ).select_related("unit")
        frontier = []
        for event in rows:
            if event.unit_id not in seen:
                seen.add(event.unit_id)
                found.append(event.unit)
                frontier.append(event.unit_id)
    return found


def unit_subjects(unit: Unit) -> dict[str, Subject]:
    """The unit and its predecessors by code, for `evaluate(..., subjects_by_code=...)`."""
    return {u.code: unit_subject(u) for u in [unit, *predecessors(unit)]}


def person_subject(person: m.Person) -> Subject:
    awards = _awards_by_year(m.Awardee.objects.filter(person=person, revocation__isnull=True))
    own = {row.year: row for row in person.years.all()}
    initiatives: dict[int, list[Initiative]] = defaultdict(list)
    for idea in person.initiatives.all():
        initiatives[idea.year].append(Initiative(idea.code, idea.level or None, idea.used_for or None))
    years = {}
    for year in sorted({*own, *awards, *initiatives}):
        row = own.get(year)
        titles = [*(row.titles if row else []), *awards.get(year, [])]
        years[year] = YearRecord(
            rating=(row.rating or None) if row else None,
            titles=tuple(dict.fromkeys(titles)),
            initiatives=tuple(initiatives.get(year, [])),
        )
    return Subject(
        code=person.code,
        kind="person",
        name=person.name,
        sex={"nam": "male", "nu": "female"}.get(person.sex),
        direct_labourer=person.direct_labourer,
        years=years,
        holds=tuple(Hold(h.kind, h.start, h.end, h.level or None) for h in person.holds.all()),
    )
